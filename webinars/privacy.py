"""A webinar participant's personal data, handed over or erased on request (GDPR).

What the portal keeps about someone who registered: the registration (display name,
optional e-mail address, language, status, times), the e-mails sent to them, and, if they
took part in the chat, their participant (display name in the room, muted), their
messages and their votes. A registration is found by its signed link (the registrant's
own page) or, for staff, by e-mail address.

Erasing deletes all of it, answered questions included, and nothing else changes: votes
the person gave stay counted on other people's questions (a count is not personal data),
and a draft or published FAQ an editor wrote from one of their questions stays, as it
names no one. A place they held goes to the waiting list, as when someone cancels, but
no cancellation e-mail is sent: the address is erased, not used once more. Each erase is
written to Wagtail's audit log against the webinar page, with counts and never the
person's name or address.
"""

import json
from dataclasses import asdict, dataclass

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from webinars import registration as rules
from webinars.models import ChatMessage, ChatParticipant, ChatVote, Registration

ERASE_ACTION = "webinars.erase_personal_data"
ERASE_ACTION_LABEL = _("Erase a participant's personal data")
ERASE_ACTION_MESSAGE = _("A participant's personal data erased")


@dataclass(frozen=True)
class Erased:
    registrations: int = 0
    chat_messages: int = 0


def registrations_for_email(email):
    """Every registration made with this address, in any webinar."""
    email = rules.normalise_email(email)
    if not email:
        return Registration.objects.none()
    return Registration.objects.filter(email=email)


def chat_participants(registrations):
    """The chat participants these registrations took part as."""
    registrations = list(registrations)
    keys = [f"registration:{registration.key.hex}" for registration in registrations]
    return ChatParticipant.objects.filter(Q(registration__in=registrations) | Q(key__in=keys))


# --- Export ---


def export_person(registrations):
    """Everything kept about the person behind `registrations`, as JSON-ready data."""
    registrations = list(
        registrations.select_related("webinar")
        .prefetch_related("notifications")
        .order_by("webinar__starts_at", "pk")
    )
    participants = _participants_by_key(registrations)
    return {
        "exported_at": timezone.now(),
        "registrations": [
            _registration_data(registration, participants.get(registration.key.hex))
            for registration in registrations
        ],
    }


def export_json(registrations):
    """`export_person` as the text of a JSON file, in the person's own script."""
    data = export_person(registrations)
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


def _participants_by_key(registrations):
    votes = (
        ChatVote.objects.filter(participant=OuterRef("pk"))
        .order_by()
        .values("participant")
        .annotate(n=Count("pk"))
        .values("n")
    )
    participants = (
        chat_participants(registrations)
        .annotate(votes_cast=Coalesce(Subquery(votes), 0))
        .prefetch_related(
            Prefetch("messages", queryset=ChatMessage.objects.order_by("created_at", "pk"))
        )
    )
    return {p.key.removeprefix("registration:"): p for p in participants}


def _registration_data(registration, participant):
    return {
        "webinar": {
            "title": registration.webinar.title,
            "starts_at": registration.webinar.starts_at,
            "ends_at": registration.webinar.ends_at,
        },
        "display_name": registration.display_name,
        "email": registration.email,
        "language": registration.language,
        "status": registration.status,
        "keep_informed": registration.keep_informed,
        "registered_at": registration.created_at,
        "moved_off_waiting_list_at": registration.promoted_at,
        "emails": [
            {"kind": email.kind, "claimed_at": email.claimed_at, "sent_at": email.sent_at}
            for email in sorted(registration.notifications.all(), key=lambda n: n.claimed_at)
        ],
        "chat": _chat_data(participant) if participant else None,
    }


def _chat_data(participant):
    return {
        "display_name": participant.display_name,
        "muted": participant.muted,
        "joined_at": participant.joined_at,
        "votes_cast": participant.votes_cast,
        "messages": [_message_data(message) for message in participant.messages.all()],
    }


def _message_data(message):
    return {
        "kind": message.kind,
        "text": message.text,
        "written_at": message.created_at,
        "state": message.state,
        "anonymous": message.anonymous,
        "answered": message.answered,
        "answer": message.answer,
        "answered_at": message.answered_at,
        "votes": message.votes,
    }


# --- Erase ---


def erase_person(registrations, user=None):
    """Delete `registrations`, their e-mails, chat participants, messages and votes;
    give freed places to the waiting list; log one entry per webinar. `user` is the
    staff member who erased, or None for the person themself."""
    registrations = list(registrations.select_related("webinar"))
    if not registrations:
        return Erased()
    participants = chat_participants(registrations)
    with transaction.atomic():
        messages_per_webinar = _count_per_webinar(
            ChatMessage.objects.filter(participant__in=participants)
        )
        ChatMessage.objects.filter(participant__in=participants).delete()
        ChatVote.objects.filter(participant__in=participants).delete()
        participants.delete()
        Registration.objects.filter(pk__in=[r.pk for r in registrations]).delete()
        for webinar, erased in _per_webinar(registrations, messages_per_webinar).items():
            log(webinar, ERASE_ACTION, user=user, data=asdict(erased))
        for event in {r.webinar for r in registrations if r.is_confirmed}:
            rules.fill_places_and_notify(event)
    return Erased(
        registrations=len(registrations), chat_messages=sum(messages_per_webinar.values())
    )


def _count_per_webinar(messages):
    rows = messages.order_by().values("webinar").annotate(n=Count("pk"))
    return {row["webinar"]: row["n"] for row in rows}


def _per_webinar(registrations, messages_per_webinar):
    erased = {}
    for registration in registrations:
        webinar = registration.webinar
        before = erased.get(webinar, Erased())
        erased[webinar] = Erased(
            registrations=before.registrations + 1,
            chat_messages=messages_per_webinar.get(webinar.pk, 0),
        )
    return erased
