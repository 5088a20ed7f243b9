"""E-mails to registrants, in their language, each claimed before it is sent.

The task runner delivers at least once, and a worker can be killed at any moment, so
every e-mail to a registrant is first claimed with a `Notification` row (unique per
registrant, kind and reference) and only the worker that inserted the row sends it.
"""

import logging
import re
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from webinars.ics import build_invite
from webinars.models import (
    CalendarInvite,
    Notification,
    NotificationKind,
    Registration,
    WebinarPage,
)
from webinars.registration import registration_url

log = logging.getLogger(__name__)

SUBJECTS = {
    NotificationKind.CONFIRMED: _("You are registered: %(title)s"),
    NotificationKind.WAITING: _("You are on the waiting list: %(title)s"),
    NotificationKind.PROMOTED: _("A place opened up for you: %(title)s"),
    NotificationKind.REMINDER: _("Reminder: %(title)s"),
    NotificationKind.UPDATED: _("New time: %(title)s"),
    NotificationKind.LINK: _("Your registration link: %(title)s"),
}
CANCELLED_SUBJECT = _("Registration cancelled: %(title)s")

# Kinds that carry the calendar invite (for registrants with a place).
WITH_INVITE = {NotificationKind.CONFIRMED, NotificationKind.PROMOTED, NotificationKind.UPDATED}


def claim(registration, kind, reference=""):
    """The new Notification if this worker may send it, or None if it was claimed."""
    try:
        with transaction.atomic():
            return Notification.objects.create(
                registration=registration, kind=kind, reference=reference
            )
    except IntegrityError:
        return None


def send_notification(registration, kind, reference=""):
    """Claim and send one e-mail (a task: `registration` may be a primary key).
    Returns True when this call sent it."""
    if not isinstance(registration, Registration):
        registration = Registration.objects.select_related("webinar").filter(pk=registration)
        registration = registration.first()
    if registration is None or not registration.email:
        return False
    claimed = claim(registration, kind, reference)
    if claimed is None:
        return False
    try:
        build_message(registration, kind, reference).send()
    except Exception:
        # At most once: the claim stays, marked unsent (shown in the attendance report).
        log.exception("Webinar e-mail %s for registration %s not sent", kind, registration.pk)
        return False
    Notification.objects.filter(pk=claimed.pk).update(sent_at=timezone.now())
    return True


def build_message(registration, kind, reference=""):
    event = registration.webinar
    language = registration.language
    with translation.override(language):
        page = event.translation_for(language)
        context = _context(registration, page, kind)
        subject = str(SUBJECTS[kind]) % {"title": page.title}
        body = render_to_string(f"webinars/emails/{kind}.txt", context)
    message = _message(subject, body, registration.email, language)
    message.extra_headers["Message-ID"] = _message_id(registration, kind, reference)
    if kind in WITH_INVITE and registration.is_confirmed:
        invite = build_invite(event, language, link=context["link"])
        message.attach("webinar.ics", invite, "text/calendar; method=PUBLISH; charset=utf-8")
    return message


def _context(registration, page, kind):
    event = registration.webinar
    return {
        "kind": kind,
        "registration": registration,
        "page": page,
        "event": event,
        "starts_at": timezone.localtime(event.starts_at),
        "ends_at": timezone.localtime(event.ends_at),
        "time_zone": settings.TIME_ZONE,
        "session_language": get_language_info(event.session_language)["name_local"],
        "position": registration.waiting_position(),
        "link": registration_url(registration),
        "cancel_link": registration_url(registration, "webinar_cancel"),
    }


def _message(subject, body, email, language):
    headers = {"Content-Language": language, "Auto-Submitted": "auto-generated"}
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [email], headers=headers)


def _message_id(registration, kind, reference):
    """The same e-mail always has the same Message-ID, so a mail client that received it
    twice (a resend by a mail server after an outage) shows it once."""
    domain = urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "localhost"
    about = re.sub(r"[^A-Za-z0-9]+", "-", reference).strip("-")
    parts = ["webinar", str(kind), about, registration.key.hex]
    return f"<{'.'.join(part for part in parts if part)}@{domain}>"


# --- Tasks ---


def send_updated_invites(webinar_id):
    """After a change of time: the updated invite to everyone registered before it."""
    event = WebinarPage.objects.filter(pk=webinar_id).first()
    invite = CalendarInvite.objects.filter(webinar_id=webinar_id).first()
    if event is None or invite is None:
        return 0
    reference = f"v{invite.sequence}"
    registrations = (
        event.registrations.reachable()
        .filter(created_at__lt=invite.updated_at)
        .select_related("webinar")
    )
    return sum(
        send_notification(registration, NotificationKind.UPDATED, reference)
        for registration in registrations
    )


def send_link_again(registration_id):
    """Someone tried to register again with their address: send their link, once a day."""
    return send_notification(
        registration_id, NotificationKind.LINK, timezone.localdate().isoformat()
    )


def send_cancellation(webinar_id, email, language):
    """Confirm a cancellation, with an invite that takes the event out of a calendar.
    The registration is already deleted, so nothing is claimed: a repeat is harmless."""
    event = WebinarPage.objects.filter(pk=webinar_id).first()
    if event is None:
        return False
    with translation.override(language):
        page = event.translation_for(language)
        subject = str(CANCELLED_SUBJECT) % {"title": page.title}
        body = render_to_string(
            "webinars/emails/cancelled.txt",
            {"page": page, "starts_at": timezone.localtime(event.starts_at)},
        )
    message = _message(subject, body, email, language)
    invite = build_invite(event, language, cancelled=True)
    message.attach("webinar.ics", invite, "text/calendar; method=CANCEL; charset=utf-8")
    message.send()
    return True
