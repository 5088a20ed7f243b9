"""Admin report: guidance pages whose review date has come, for Publishers."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies.pages import PagePermissionPolicy

from content.models import GuidancePage


class GuidanceReviewDueView(ReportView):
    page_title = _("Guidance due for review")
    header_icon = "time"
    index_url_name = "guidance_review_due"
    index_results_url_name = "guidance_review_due_results"
    permission_policy = PagePermissionPolicy()
    any_permission_required = ["publish"]
    paginate_by = 50
    columns = [
        TitleColumn(
            "title",
            label=_("Page"),
            url_name="wagtailadmin_pages:edit",
            id_accessor="pk",
        ),
        Column("locale", label=_("Language")),
        Column("content_owner", label=_("Content owner")),
        DateColumn("last_reviewed", label=_("Last reviewed")),
        DateColumn("next_review", label=_("Review due")),
    ]
    list_export = ["title", "locale", "content_owner", "last_reviewed", "next_review"]

    def get_queryset(self):
        today = timezone.localdate()
        due = GuidancePage.objects.due_for_review(today).select_related("locale")
        return sorted(due, key=lambda page: page.next_review)
