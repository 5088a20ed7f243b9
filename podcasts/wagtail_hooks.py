from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from podcasts.scheduling import empty_slots_to_warn_about
from podcasts.views_admin import EpisodeDownloadsReport, FeedClientsReport
from portal.roles import PUBLISHERS


class EmptyPodcastSlotsPanel(Component):
    """On the admin dashboard of Publishers: shows whose next slot is close and empty."""

    name = "empty_podcast_slots"
    order = 50
    template_name = "podcasts/admin/empty_slots_panel.html"

    def __init__(self, slots):
        self.slots = slots

    def get_context_data(self, parent_context):
        return {
            "title": _("Podcast episodes missing"),
            "slots": [
                {
                    "show": show,
                    "starts_at": starts_at,
                    "add_url": reverse(
                        "wagtailadmin_pages:add",
                        args=("podcasts", "podcastepisodepage", show.pk),
                    ),
                }
                for show, starts_at in self.slots
            ],
        }


@hooks.register("construct_homepage_panels")
def add_empty_slots_panel(request, panels):
    user = request.user
    if not (user.is_superuser or user.groups.filter(name=PUBLISHERS).exists()):
        return
    slots = empty_slots_to_warn_about()
    if slots:
        panels.append(EmptyPodcastSlotsPanel(slots))


@hooks.register("register_reports_menu_item")
def register_downloads_report():
    return MenuItem(_("Podcast downloads"), reverse("podcast_downloads"), icon_name="media")


@hooks.register("register_reports_menu_item")
def register_subscribers_report():
    return MenuItem(_("Podcast subscribers"), reverse("podcast_subscribers"), icon_name="rss")


@hooks.register("register_admin_urls")
def register_report_urls():
    urls = []
    for name, view in (
        ("podcast_downloads", EpisodeDownloadsReport),
        ("podcast_subscribers", FeedClientsReport),
    ):
        slug = name.replace("_", "-")
        urls += [
            path(f"reports/{slug}/", view.as_view(), name=name),
            path(
                f"reports/{slug}/results/", view.as_view(results_only=True), name=f"{name}_results"
            ),
        ]
    return urls
