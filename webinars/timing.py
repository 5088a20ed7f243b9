"""The rules of a webinar's timeline: when it is live, when registration closes, how
many places are left, and which reminder is due. Plain functions of times and counts."""

import datetime
from dataclasses import dataclass

from django.conf import settings

STARTING_SOON = datetime.timedelta(minutes=15)
LONGEST_SESSION = datetime.timedelta(hours=8)

UPCOMING = "upcoming"
STARTING = "starting"  # a few minutes before the start: the join link is shown
LIVE = "live"
ENDED = "ended"


def session_status(starts_at, ends_at, now):
    if now >= ends_at:
        return ENDED
    if now >= starts_at:
        return LIVE
    if now >= starts_at - STARTING_SOON:
        return STARTING
    return UPCOMING


def registration_open(ends_at, now):
    """People may register until the end: joining a session already running is fine."""
    return now < ends_at


def has_place(capacity, confirmed):
    """`capacity` None means no limit."""
    return capacity is None or confirmed < capacity


def places_left(capacity, confirmed):
    return None if capacity is None else max(capacity - confirmed, 0)


@dataclass(frozen=True)
class Reminder:
    kind: str
    before: datetime.timedelta


# Longest lead first. Each reminder is due from its lead time until the next one's, so a
# worker that was down does not send a "tomorrow" reminder an hour before the start.
REMINDERS = (
    Reminder("24h", datetime.timedelta(hours=24)),
    Reminder("1h", datetime.timedelta(hours=1)),
)


def reminder_windows(starts_at):
    """[(reminder, due from, due until)] for a session starting at `starts_at`."""
    ends = [starts_at - r.before for r in REMINDERS[1:]] + [starts_at]
    return [
        (reminder, starts_at - reminder.before, until)
        for reminder, until in zip(REMINDERS, ends, strict=True)
    ]


def due_reminder(starts_at, registered_at, now):
    """The Reminder due now for someone who registered at `registered_at`, or None.

    Nobody is reminded of a session they registered for after the reminder's time: the
    confirmation they just received says the same."""
    for reminder, due_from, due_until in reminder_windows(starts_at):
        if due_from <= now < due_until:
            return reminder if registered_at < due_from else None
    return None


def retention_days():
    """Days registrations are kept after the webinar (setting WEBINAR_RETENTION_DAYS)."""
    return getattr(settings, "WEBINAR_RETENTION_DAYS", 30)


def erase_after(ends_at, days=None):
    return ends_at + datetime.timedelta(days=retention_days() if days is None else days)
