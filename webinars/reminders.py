"""Reminders 24 hours and 1 hour before a webinar, run every few minutes by django-q2.

Each reminder goes out at most once, even when the worker is killed and restarted or two
workers run the job at the same time. Before sending, a worker claims the reminder by
inserting a `Notification` row, unique per registration, reminder and start time, in its
own committed transaction; a worker that finds the row already there sends nothing.

A crash between the claim and the hand-over to the mail server loses that one reminder
rather than risk sending it twice: a claim without `sent_at` is never retried, and the
attendance report counts such reminders as "not sent". The window is a few
milliseconds, and the next reminder (or the confirmation) still reaches the person.
A new start time is a new reminder: the start time is part of the claim.
"""

import datetime

from django.utils import timezone

from webinars import timing
from webinars.emails import send_notification
from webinars.models import NotificationKind, Registration


def reminder_reference(reminder, starts_at):
    """What a reminder is about: which one, for which start time (UTC, to the minute)."""
    return f"{reminder.kind}:{starts_at.astimezone(datetime.UTC):%Y-%m-%dT%H:%MZ}"


def registrations_to_remind(now):
    horizon = now + timing.REMINDERS[0].before
    return (
        Registration.objects.confirmed()
        .reachable()
        .filter(webinar__live=True, webinar__starts_at__gt=now, webinar__starts_at__lte=horizon)
        .select_related("webinar")
        .order_by("webinar__starts_at", "pk")
    )


def send_due_reminders(now=None):
    """Send every reminder due now and not yet claimed; return how many were sent."""
    now = now or timezone.now()
    sent = 0
    for registration in registrations_to_remind(now):
        starts_at = registration.webinar.starts_at
        registered_at = registration.promoted_at or registration.created_at
        reminder = timing.due_reminder(starts_at, registered_at, now)
        if reminder is None:
            continue
        reference = reminder_reference(reminder, starts_at)
        sent += send_notification(registration, NotificationKind.REMINDER, reference)
    return sent
