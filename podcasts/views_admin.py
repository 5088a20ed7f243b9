"""Listening figures for staff: counts only, never anything about a listener."""

import datetime

from django.db.models import Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView

from podcasts.models import PodcastEpisodePage, PodcastShowPage


def _total(relation, field, since=None):
    condition = Q(**{f"{relation}__date__gte": since}) if since else Q()
    return Coalesce(Sum(f"{relation}__{field}", filter=condition), 0)


class EpisodeDownloadsReport(ReportView):
    page_title = _("Podcast downloads")
    header_icon = "media"
    index_url_name = "podcast_downloads"
    index_results_url_name = "podcast_downloads_results"
    paginate_by = 50
    columns = [
        TitleColumn(
            "title", label=_("Episode"), url_name="wagtailadmin_pages:edit", id_accessor="pk"
        ),
        DateColumn("first_published_at", label=_("Published")),
        Column("last_7_days", label=_("Last 7 days")),
        Column("last_30_days", label=_("Last 30 days")),
        Column("total", label=_("Total")),
    ]
    list_export = ["title", "first_published_at", "last_7_days", "last_30_days", "total"]

    def get_queryset(self):
        today = timezone.localdate()
        return (
            PodcastEpisodePage.objects.filter(first_published_at__isnull=False)
            .annotate(
                last_7_days=_total("download_days", "downloads", today - datetime.timedelta(6)),
                last_30_days=_total("download_days", "downloads", today - datetime.timedelta(29)),
                total=_total("download_days", "downloads"),
            )
            .order_by("-first_published_at")
        )


class FeedClientsReport(ReportView):
    """Distinct apps polling each feed per day: an estimate of subscribers."""

    page_title = _("Podcast subscribers (estimate)")
    header_icon = "rss"
    index_url_name = "podcast_subscribers"
    index_results_url_name = "podcast_subscribers_results"
    columns = [
        TitleColumn("title", label=_("Show"), url_name="wagtailadmin_pages:edit", id_accessor="pk"),
        Column("locale", label=_("Language")),
        Column("yesterday", label=_("Apps polling the feed yesterday")),
        Column("last_7_days", label=_("App-days, last 7 days")),
    ]
    list_export = ["title", "locale", "yesterday", "last_7_days"]

    def get_queryset(self):
        yesterday = timezone.localdate() - datetime.timedelta(days=1)
        return (
            PodcastShowPage.objects.select_related("locale")
            .annotate(
                yesterday=Coalesce(
                    Sum("poll_days__clients", filter=Q(poll_days__date=yesterday)), 0
                ),
                last_7_days=_total("poll_days", "clients", yesterday - datetime.timedelta(6)),
            )
            .order_by("title")
        )
