"""Registrations, the e-mails sent to registrants, and the version of the calendar invite.

Only what a registration needs is kept: a display name, optionally an e-mail address
for reminders, the language to write in, and no account, address or IP. Registrations
are erased a fixed number of days after the webinar (webinars/retention.py).
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DISPLAY_NAME_MAX_LENGTH = 60


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITING = "waiting", _("On the waiting list")


class RegistrationQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=RegistrationStatus.CONFIRMED)

    def waiting(self):
        """The waiting list, first come first served."""
        return self.filter(status=RegistrationStatus.WAITING).order_by("created_at", "pk")

    def reachable(self):
        return self.exclude(email="")


class Registration(models.Model):
    """One person's place (or place in the queue) at one webinar."""

    webinar = models.ForeignKey(
        "webinars.WebinarPage",
        verbose_name=_("webinar"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    # Random and secret: the registrant's signed link (to see or cancel) carries it.
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    display_name = models.CharField(_("display name"), max_length=DISPLAY_NAME_MAX_LENGTH)
    email = models.EmailField(_("e-mail"), blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    status = models.CharField(
        _("status"), max_length=10, choices=RegistrationStatus.choices, db_index=True
    )
    keep_informed = models.BooleanField(_("tell me about future webinars"), default=False)
    created_at = models.DateTimeField(_("registered at"), default=timezone.now)
    promoted_at = models.DateTimeField(_("moved off the waiting list at"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["webinar", "email"],
                condition=~models.Q(email=""),
                name="one_registration_per_email",
            )
        ]
        indexes = [models.Index(fields=["webinar", "status", "created_at"])]

    def __str__(self):
        return f"{self.display_name} ({self.get_status_display()})"

    @property
    def is_confirmed(self):
        return self.status == RegistrationStatus.CONFIRMED

    def waiting_position(self):
        """1 for the next person to get a place; None when not waiting."""
        if self.status != RegistrationStatus.WAITING:
            return None
        ahead = Registration.objects.filter(
            webinar_id=self.webinar_id, status=RegistrationStatus.WAITING
        ).filter(
            models.Q(created_at__lt=self.created_at)
            | models.Q(created_at=self.created_at, pk__lt=self.pk)
        )
        return ahead.count() + 1


class NotificationKind(models.TextChoices):
    CONFIRMED = "confirmed", _("Registration confirmed")
    WAITING = "waiting", _("On the waiting list")
    PROMOTED = "promoted", _("A place opened")
    REMINDER = "reminder", _("Reminder")
    UPDATED = "updated", _("Time changed")
    LINK = "link", _("Registration link sent again")


class Notification(models.Model):
    """An e-mail to one registrant, claimed here before it is sent.

    The unique constraint is the claim: whichever worker inserts the row sends the
    e-mail; any other (a retried task, a restarted worker, a second cluster) finds the
    row and sends nothing. `sent_at` is set once the mail server has accepted it, so a
    claim without it is an e-mail lost to a crash between the two, never sent twice
    (see docs/webinars.md)."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=10, choices=NotificationKind.choices)
    # What the e-mail is about, e.g. the start time a reminder was for, or the invite's
    # sequence number: a new time means a new reminder and a new invite.
    reference = models.CharField(max_length=40, blank=True)
    claimed_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("e-mail to a registrant")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "kind", "reference"], name="one_notification_each"
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.reference}"


class CalendarInvite(models.Model):
    """The version of a webinar's calendar invite that registrants were last sent.

    Kept apart from the page, because publishing an older revision must never take
    the sequence number back: calendars ignore an update whose SEQUENCE is not higher.
    """

    webinar = models.OneToOneField(
        "webinars.WebinarPage", on_delete=models.CASCADE, related_name="calendar_invite"
    )
    sequence = models.PositiveIntegerField(default=0)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.webinar_id} #{self.sequence}"
