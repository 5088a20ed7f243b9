"""Registering, cancelling and the waiting list: the rules that views and tasks call.

A webinar's places are counted under a lock on its page row, so two people registering
for the last place at the same moment cannot both get it. E-mails are handed to the
task runner once the change is committed, so a slow or failing mail server never turns
a registration into an error page.
"""

import uuid

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from webinars import timing
from webinars.models import (
    CalendarInvite,
    NotificationKind,
    Registration,
    RegistrationStatus,
    WebinarPage,
)

TOKEN_SALT = "webinars.registration"  # noqa: S105 - a signing namespace, not a secret


class RegistrationRefused(Exception):
    pass


class RegistrationClosed(RegistrationRefused):
    """The webinar has ended."""


class AlreadyRegistered(RegistrationRefused):
    def __init__(self, registration):
        super().__init__(registration)
        self.registration = registration


class InvalidToken(Exception):
    """A registration link that was changed or cut short."""


def normalise_email(email):
    return (email or "").strip().lower()


def _locked(event):
    """The event page, locked until the end of the transaction."""
    return WebinarPage.objects.select_for_update(of=("self",)).get(pk=event.pk)


def register(webinar, *, display_name, language, email="", keep_informed=False, now=None):
    """Register for `webinar` (any translation of it); returns the Registration, confirmed
    or on the waiting list. Raises RegistrationClosed or AlreadyRegistered."""
    now = now or timezone.now()
    email = normalise_email(email)
    try:
        with transaction.atomic():
            event = _locked(webinar.event)
            if not timing.registration_open(event.ends_at, now):
                raise RegistrationClosed()
            _refuse_duplicate(event, email)
            confirmed = event.registrations.confirmed().count()
            has_place = timing.has_place(event.capacity, confirmed)
            registration = event.registrations.create(
                display_name=display_name,
                email=email,
                language=language,
                keep_informed=keep_informed and bool(email),
                status=RegistrationStatus.CONFIRMED if has_place else RegistrationStatus.WAITING,
                created_at=now,
            )
            invite_for(event)
    except IntegrityError:
        # Someone registered the same address between the check and the insert.
        _refuse_duplicate(webinar.event, email)
        raise
    kind = NotificationKind.CONFIRMED if registration.is_confirmed else NotificationKind.WAITING
    _notify_after_commit([registration], kind)
    return registration


def _refuse_duplicate(event, email):
    existing = event.registrations.filter(email=email).first() if email else None
    if existing is not None:
        raise AlreadyRegistered(existing)


def cancel(registration, now=None):
    """Cancel a registration (its data is deleted at once) and give the freed place to
    the first person on the waiting list, who is told by e-mail. Returns the people
    promoted. Cancelling twice (a double click) changes nothing the second time."""
    now = now or timezone.now()
    email, language = registration.email, registration.language
    was_confirmed = registration.is_confirmed
    with transaction.atomic():
        event = _locked(registration.webinar)
        deleted, _per_model = Registration.objects.filter(pk=registration.pk).delete()
        if not deleted:
            return []
        promoted = fill_places(event, now) if was_confirmed else []
    if email and was_confirmed and timing.registration_open(event.ends_at, now):
        _after_commit("webinars.emails.send_cancellation", event.pk, email, language)
    _notify_after_commit(promoted, NotificationKind.PROMOTED)
    return promoted


def fill_places(event, now=None):
    """Give free places to the waiting list, first come first served, while the webinar
    has not ended; returns the registrations promoted. Call with the event locked."""
    now = now or timezone.now()
    if not timing.registration_open(event.ends_at, now):
        return []
    confirmed = event.registrations.confirmed().count()
    promoted = []
    for waiting in event.registrations.waiting():
        if not timing.has_place(event.capacity, confirmed + len(promoted)):
            break
        waiting.status = RegistrationStatus.CONFIRMED
        waiting.promoted_at = now
        waiting.save(update_fields=["status", "promoted_at"])
        promoted.append(waiting)
    return promoted


def fill_places_and_notify(event, now=None):
    """After an editor raised the number of places."""
    with transaction.atomic():
        promoted = fill_places(_locked(event), now)
    _notify_after_commit(promoted, NotificationKind.PROMOTED)
    return promoted


# --- The calendar invite's version ---


def invite_for(event):
    invite, _created = CalendarInvite.objects.get_or_create(
        webinar=event, defaults={"starts_at": event.starts_at, "ends_at": event.ends_at}
    )
    return invite


def record_schedule(event, now=None):
    """Compare the event's time with the one registrants were last sent; when it changed,
    raise the invite's sequence and return True (updated invites are then due)."""
    with transaction.atomic():
        invite = CalendarInvite.objects.select_for_update().filter(webinar=event).first()
        if invite is None:
            invite_for(event)
            return False
        if (invite.starts_at, invite.ends_at) == (event.starts_at, event.ends_at):
            return False
        invite.sequence += 1
        invite.starts_at, invite.ends_at = event.starts_at, event.ends_at
        invite.updated_at = now or timezone.now()
        invite.save()
    _after_commit("webinars.emails.send_updated_invites", event.pk)
    return True


# --- The registrant's link ---


def token_for(registration):
    return signing.Signer(salt=TOKEN_SALT).sign(registration.key.hex)


def registration_for_token(token):
    """The Registration a link points to, or None when it has been cancelled or erased.
    Raises InvalidToken for a link that was tampered with or cut short."""
    try:
        value = signing.Signer(salt=TOKEN_SALT).unsign(token)
        key = uuid.UUID(hex=value)
    except (signing.BadSignature, ValueError) as error:
        raise InvalidToken() from error
    return Registration.objects.select_related("webinar").filter(key=key).first()


def registration_path(registration, name="webinar_registration"):
    """The registrant's own page (or its cancel or invite address), in their language."""
    with translation.override(registration.language):
        return reverse(name, args=[token_for(registration)])


def registration_url(registration, name="webinar_registration"):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + registration_path(registration, name)


# --- E-mails, handed to the task runner after commit ---


def _after_commit(func, *args):
    from django_q.tasks import async_task

    transaction.on_commit(lambda: async_task(func, *args))


def _notify_after_commit(registrations, kind):
    for registration in registrations:
        if registration.email:
            _after_commit("webinars.emails.send_notification", registration.pk, kind)


def send_link_again(registration):
    """Someone tried to register again with the same address: e-mail them their link."""
    _after_commit("webinars.emails.send_link_again", registration.pk)


# --- The visitor's session ---

SESSION_KEY = "webinar_registrations"


def remember_in_session(session, registration):
    """Let this browser act as the registrant (e.g. join the chat under their display
    name) without an account: {event page id: registration key} in the session."""
    keys = dict(session.get(SESSION_KEY, {}))
    keys[str(registration.webinar_id)] = registration.key.hex
    session[SESSION_KEY] = keys


def registration_in_session(session, event_id):
    """The Registration this browser made (or opened by its link) for the event page
    `event_id` (`WebinarPage.event.pk`), or None."""
    key = session.get(SESSION_KEY, {}).get(str(event_id))
    if not key:
        return None
    return Registration.objects.filter(webinar_id=event_id, key=key).first()
