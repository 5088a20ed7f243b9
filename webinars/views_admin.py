"""Attendance figures for staff: counts per webinar, never who registered."""

import datetime

from django.db.models import Count, F, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView

from webinars.models import Notification, RegistrationStatus, WebinarPage

# A claim older than this without `sent_at` is an e-mail lost to a crash or a mail error.
UNSENT_AFTER = datetime.timedelta(minutes=10)


def _registrations(status=None, **extra):
    condition = Q(registrations__status=status) if status else Q()
    for name, value in extra.items():
        condition &= Q(**{f"registrations__{name}": value})
    return Count("registrations", filter=condition, distinct=True)


def _unsent_notifications():
    stale = Notification.objects.filter(
        registration__webinar=OuterRef("pk"),
        sent_at__isnull=True,
        claimed_at__lt=timezone.now() - UNSENT_AFTER,
    )
    return Subquery(
        stale.order_by().values("registration__webinar").annotate(n=Count("pk")).values("n")
    )


def attendance_queryset():
    """One row per session (the original page of each set of translations)."""
    originals = WebinarPage.objects.filter(translation_key=OuterRef("translation_key"))
    return (
        WebinarPage.objects.annotate(original=Subquery(originals.order_by("pk").values("pk")[:1]))
        .filter(pk=F("original"))
        .annotate(
            confirmed=_registrations(RegistrationStatus.CONFIRMED),
            waiting=_registrations(RegistrationStatus.WAITING),
            with_email=_registrations(email__gt=""),
            unsent_emails=_unsent_notifications(),
        )
        .order_by("-starts_at")
    )


class AttendanceReport(ReportView):
    page_title = _("Webinar attendance")
    header_icon = "group"
    index_url_name = "webinar_attendance"
    index_results_url_name = "webinar_attendance_results"
    paginate_by = 50
    columns = [
        TitleColumn(
            "title", label=_("Webinar"), url_name="wagtailadmin_pages:edit", id_accessor="pk"
        ),
        DateColumn("starts_at", label=_("Date")),
        Column("session_language", label=_("Language")),
        Column("capacity", label=_("Places")),
        Column("confirmed", label=_("Registered")),
        Column("waiting", label=_("Waiting list")),
        Column("with_email", label=_("With e-mail")),
        Column("unsent_emails", label=_("E-mails not sent")),
    ]
    list_export = [
        "title",
        "starts_at",
        "session_language",
        "capacity",
        "confirmed",
        "waiting",
        "with_email",
        "unsent_emails",
    ]

    def get_queryset(self):
        return attendance_queryset()
