from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import LiveStatusTagColumn, UpdatedAtColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from content import page_cache
from content.models import Audience, FAQSnippet, Occupation, PageFeedback, Topic
from content.views_admin import GuidanceReviewDueView


class FAQViewSet(SnippetViewSet):
    """Drafts, revisions and the "Publishers approval" workflow, as for pages: Editors
    write and submit, Publishers approve or publish (portal/roles.py)."""

    model = FAQSnippet
    icon = "help"
    menu_label = _("FAQ library")
    list_display = ["question", "locale", LiveStatusTagColumn(), UpdatedAtColumn()]
    list_filter = ["live"]
    search_fields = ["question"]


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    list_display = ["name", "slug", "locale"]


class AudienceViewSet(SnippetViewSet):
    model = Audience
    icon = "group"
    list_display = ["name", "slug", "locale"]


class OccupationViewSet(SnippetViewSet):
    model = Occupation
    icon = "tag"
    menu_label = _("Occupations (ISCO-08)")
    list_display = ["code", "title"]
    search_fields = ["title"]


class TaxonomyGroup(SnippetViewSetGroup):
    items = (TopicViewSet, AudienceViewSet, OccupationViewSet)
    menu_icon = "tag"
    menu_label = _("Taxonomies")
    menu_name = "taxonomies"


class PageFeedbackViewSet(SnippetViewSet):
    """Read-only: answers to "Was this page useful?", for Editors, Publishers and Managers.
    Nobody is given the add or change permission, so nothing can be edited."""

    model = PageFeedback
    icon = "comment"
    menu_label = _("Page feedback")
    list_display = ["page", "useful", "comment", "language", "created_on"]
    list_filter = ["useful", "language"]
    inspect_view_enabled = True


register_snippet(FAQViewSet)
register_snippet(PageFeedbackViewSet)
register_snippet(TaxonomyGroup)


class ReviewDueMenuItem(MenuItem):
    def is_shown(self, request):
        return GuidanceReviewDueView.permission_policy.user_has_any_permission(
            request.user, GuidanceReviewDueView.any_permission_required
        )


@hooks.register("register_reports_menu_item")
def register_review_due_report():
    return ReviewDueMenuItem(
        _("Guidance due for review"), reverse("guidance_review_due"), icon_name="time", order=50
    )


@hooks.register("register_admin_urls")
def register_review_due_urls():
    view = GuidanceReviewDueView
    return [
        path("reports/guidance-review/", view.as_view(), name="guidance_review_due"),
        path(
            "reports/guidance-review/results/",
            view.as_view(results_only=True),
            name="guidance_review_due_results",
        ),
    ]


hooks.register("before_serve_page", page_cache.mark_as_page)
