"""Attendance figures for staff: counts per webinar, never who registered."""

import datetime

from django.db.models import Avg, Count, F, FloatField, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Round
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView

from webinars.models import (
    ChatMessage,
    ChatRoom,
    MessageKind,
    Notification,
    RegistrationStatus,
    SessionRating,
    WebinarPage,
)

# A claim older than this without `sent_at` is an e-mail lost to a crash or a mail error.
UNSENT_AFTER = datetime.timedelta(minutes=10)

# --- Attendance ---


def _registrations(status=None, **extra):
    condition = Q(registrations__status=status) if status else Q()
    for name, value in extra.items():
        condition &= Q(**{f"registrations__{name}": value})
    return Count("registrations", filter=condition, distinct=True)


def _per_webinar(rows, aggregate, output_field=None):
    """`aggregate` over `rows` (a queryset filtered on webinar=OuterRef("pk")), as a
    subquery: one per figure, so no figure multiplies the rows of another."""
    grouped = rows.order_by().values("webinar").annotate(value=aggregate).values("value")
    return Subquery(grouped, output_field=output_field)


def _count(rows):
    return Coalesce(_per_webinar(rows, Count("pk")), 0)


def _unsent_notifications():
    stale = Notification.objects.filter(
        registration__webinar=OuterRef("pk"),
        sent_at__isnull=True,
        claimed_at__lt=timezone.now() - UNSENT_AFTER,
    )
    return Coalesce(
        Subquery(
            stale.order_by().values("registration__webinar").annotate(n=Count("pk")).values("n")
        ),
        0,
    )


def attendance_queryset():
    """One row per session (the original page of each set of translations): registrations,
    then what happened in its room and how viewers rated it, in one query."""
    originals = WebinarPage.objects.filter(translation_key=OuterRef("translation_key"))
    messages_here = ChatMessage.objects.filter(webinar=OuterRef("pk"))
    ratings_here = SessionRating.objects.filter(webinar=OuterRef("pk"))
    return (
        WebinarPage.objects.annotate(original=Subquery(originals.order_by("pk").values("pk")[:1]))
        .filter(pk=F("original"))
        .annotate(
            confirmed=_registrations(RegistrationStatus.CONFIRMED),
            waiting=_registrations(RegistrationStatus.WAITING),
            with_email=_registrations(email__gt=""),
            unsent_emails=_unsent_notifications(),
            peak_viewers=Coalesce(
                Subquery(
                    ChatRoom.objects.filter(webinar=OuterRef("pk")).values("peak_viewers")[:1],
                    output_field=IntegerField(),
                ),
                0,
            ),
            questions=_count(messages_here.filter(kind=MessageKind.QUESTION)),
            questions_answered=_count(messages_here.answered()),
            comments=_count(messages_here.filter(kind=MessageKind.COMMENT)),
            satisfaction=Round(
                _per_webinar(ratings_here, Avg("rating"), output_field=FloatField()), 1
            ),
            rating_count=_count(ratings_here),
        )
        .order_by("-starts_at")
    )


class AttendanceReport(ReportView):
    page_title = _("Webinar attendance")
    header_icon = "group"
    index_url_name = "webinar_attendance"
    index_results_url_name = "webinar_attendance_results"
    paginate_by = 50
    list_export = [
        "title",
        "starts_at",
        "session_language",
        "capacity",
        "confirmed",
        "waiting",
        "with_email",
        "unsent_emails",
        "peak_viewers",
        "questions",
        "questions_answered",
        "comments",
        "satisfaction",
        "rating_count",
    ]
    export_headings = {
        "title": _("Webinar"),
        "starts_at": _("Date"),
        "session_language": _("Language"),
        "capacity": _("Places"),
        "confirmed": _("Registered"),
        "waiting": _("Waiting list"),
        "with_email": _("With e-mail"),
        "unsent_emails": _("E-mails not sent"),
        "peak_viewers": _("Most viewers at once"),
        "questions": _("Questions"),
        "questions_answered": _("Answered"),
        "comments": _("Comments"),
        "satisfaction": _("Satisfaction (1–5)"),
        "rating_count": _("Ratings"),
    }

    @cached_property
    def columns(self):
        columns = [
            TitleColumn(
                "title", label=_("Webinar"), url_name="wagtailadmin_pages:edit", id_accessor="pk"
            ),
            DateColumn("starts_at", label=_("Date")),
            *[
                Column(name, label=self.export_headings[name])
                for name in self.list_export
                if name not in ("title", "starts_at")
            ],
        ]
        return columns

    def get_queryset(self):
        return attendance_queryset()
