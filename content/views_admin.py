"""Admin views: the guidance review report, and a safe PO file upload for translations."""

import polib
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail.admin.auth import require_admin_access
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail_localize.models import Translation
from wagtail_localize.views import edit_translation as localize_views
from wagtail_localize.views.edit_translation import user_can_edit_instance

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


MAX_PO_BYTES = 5 * 1024 * 1024


@require_admin_access
@require_POST
def upload_pofile(request, translation_id):
    """Check an uploaded PO file before wagtail-localize imports it.

    wagtail-localize fails with a server error on a PO file without its translation
    header; here every bad file gets a message naming the problem, and nothing is
    imported. A good file goes on to wagtail-localize's own view unchanged.
    """
    translation = get_object_or_404(Translation, id=translation_id)
    if not user_can_edit_instance(request.user, translation.get_target_instance()):
        raise PermissionDenied
    problem = po_file_problem(request.FILES.get("file"), translation)
    if problem:
        messages.error(request, problem)
        return redirect(get_valid_next_url_from_request(request) or reverse("wagtailadmin_home"))
    request.FILES["file"].seek(0)
    return localize_views.upload_pofile(request, translation_id)


def po_file_problem(uploaded, translation):
    """A sentence saying what is wrong with the uploaded PO file, or None."""
    if uploaded is None:
        return _("Choose a PO file to upload.")
    if uploaded.size > MAX_PO_BYTES:
        return _("This file is too large for a PO file (more than 5 MB).")
    try:
        text = uploaded.read().decode("utf-8")
        po = polib.pofile(text)
    except UnicodeDecodeError:
        return _("This file is not UTF-8 text, so it cannot be a PO file from the portal.")
    except (OSError, ValueError) as error:
        return _("This is not a valid PO file: %(error)s") % {"error": error}
    if not len(po):
        return _("This PO file contains no translations.")
    uuid = po.metadata.get("X-WagtailLocalize-TranslationID")
    if uuid is None:
        return _(
            "This PO file was not downloaded from the portal: its translation header is missing."
        )
    if uuid != str(translation.uuid):
        return _(
            "This PO file belongs to another translation. Download the file for this page again."
        )
    return None
