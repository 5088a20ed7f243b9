"""The chat's rules over the database: who may take part, and what posting, voting and
moderating do. Plain functions, called by the socket's `DatabaseChatService` and by
the page's forms for visitors without JavaScript, so both follow the same rules.

Everyone who may see a live session may read its chat; to write, a visitor registers
(a display name is enough) or signs in as staff. Moderators are the session's
presenters and chat moderators, members of the Moderators group, and superusers.
"""

from dataclasses import dataclass

from asgiref.sync import sync_to_async
from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, close_old_connections, connection, transaction
from django.db.models import F
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.roles import MODERATORS
from webinars import timing
from webinars.models import (
    ChatMessage,
    ChatParticipant,
    ChatRoom,
    ChatVote,
    MessageKind,
    MessageState,
    ModerationMode,
    WebinarPage,
)
from webinars.registration import registration_in_session
from webinars.staff import is_staff_member, public_name

from .protocol import message_payload
from .service import HISTORY_LIMIT, Broadcast, ChatDenied, ChatError, ChatService, Participant

OPEN_STATUSES = (timing.STARTING, timing.LIVE)


# --- Who takes part ---


def can_moderate(user, webinar):
    """Presenters and moderators of this session, the Moderators group, superusers."""
    if user is None or not is_staff_member(user):
        return False
    if user.is_superuser or user.groups.filter(name=MODERATORS).exists():
        return True
    return (
        webinar.presenters.filter(pk=user.pk).exists()
        or webinar.moderators.filter(pk=user.pk).exists()
    )


def chat_webinar(webinar_id, user, now=None):
    """The event page of a chat that is open to this visitor, or ChatDenied saying why."""
    webinar = WebinarPage.objects.live().filter(pk=webinar_id).first()
    if webinar is None or webinar.event.pk != webinar.pk or not webinar.is_visible_to(user):
        raise ChatDenied(_("There is no chat for this address."))
    status = webinar.status(now)
    if status == timing.ENDED:
        raise ChatDenied(_("The session has ended. The questions and answers are on its page."))
    if status not in OPEN_STATUSES:
        raise ChatDenied(_("The chat opens 15 minutes before the session starts."))
    return webinar


def participant_for(webinar, user, session):
    """The ChatParticipant this visitor writes as (created on first use), or None for a
    visitor who may only read: not signed in as staff and not registered."""
    user = user or AnonymousUser()
    if is_staff_member(user):
        key, name, registration = f"user:{user.pk}", public_name(user), None
    else:
        registration = registration_in_session(session, webinar.pk) if session else None
        if registration is None or not registration.is_confirmed:
            return None
        key, name, user = f"registration:{registration.key.hex}", registration.display_name, None
    participant, _created = ChatParticipant.objects.get_or_create(
        webinar=webinar,
        key=key,
        defaults={"display_name": name, "user": user, "registration": registration},
    )
    return participant


def writer_or_error(participant):
    if participant is None:
        raise ChatError(
            "register_first", _("Register for this webinar (a name is enough) to take part.")
        )
    return participant


# --- What clients see ---


def payload(message, moderator=False):
    """A message as a client sees it: moderators also see who asked anonymously."""
    author = message.author_name if moderator else message.public_author
    return message_payload(
        message_id=message.pk,
        kind=message.kind,
        text=message.text,
        author=author or None,
        created=message.created_at,
        votes=message.votes,
        state=message.state,
        pinned=message.pinned,
        answered=message.answered,
        answer=message.answer,
        anonymous=message.anonymous,
    )


def visible_messages(webinar, moderator=False):
    messages = ChatMessage.objects.filter(webinar=webinar)
    return messages if moderator else messages.visible()


def backlog(webinar, moderator, last_id=None, limit=HISTORY_LIMIT):
    """The messages after `last_id` (the most recent `limit` on a first visit), oldest
    first; a returning client gets all it missed, however many."""
    messages = visible_messages(webinar, moderator)
    if last_id is None:
        recent = list(messages.order_by("-pk")[:limit])
        return list(reversed(recent))
    return list(messages.filter(pk__gt=last_id).order_by("pk"))


def broadcast(kind, message, staff_only=False):
    """Staff-only frames name the author; public frames of an anonymous message leave the
    name out and name it for moderators alone."""
    if staff_only:
        return Broadcast(kind, payload(message, moderator=True), staff_only=True)
    hidden = message.author_name if message.anonymous and message.author_name else None
    return Broadcast(kind, payload(message), hidden_author=hidden)


# --- Posting, voting, moderating ---


def post(participant, kind, text, anonymous=False, moderator=False):
    """A new comment or question; returns (message, waits_for_approval).

    The room's row is locked while the message is added, so ids are committed in order.
    """
    writer_or_error(participant)
    with transaction.atomic():
        room, _created = ChatRoom.objects.get_or_create(webinar_id=participant.webinar_id)
        ChatRoom.objects.select_for_update().filter(pk=room.pk).first()
        participant = ChatParticipant.objects.select_related("webinar").get(pk=participant.pk)
        if participant.muted:
            raise ChatError("muted", _("A moderator has turned off your messages."))
        premoderated = participant.webinar.moderation_mode == ModerationMode.PRE
        pending = premoderated and kind == MessageKind.QUESTION and not moderator
        message = ChatMessage.objects.create(
            webinar_id=participant.webinar_id,
            participant=participant,
            kind=kind,
            text=text,
            anonymous=anonymous,
            author_name=participant.display_name,
            state=MessageState.PENDING if pending else MessageState.VISIBLE,
        )
    return message, pending


def vote(participant, message_id):
    """One vote for a visible question, once per participant."""
    writer_or_error(participant)
    message = _message(participant.webinar_id, message_id, visible_only=True)
    if message.kind != MessageKind.QUESTION:
        raise ChatError("not_votable", _("Only questions can be voted for."))
    try:
        with transaction.atomic():
            ChatVote.objects.create(message=message, participant=participant)
            ChatMessage.objects.filter(pk=message.pk).update(votes=F("votes") + 1)
    except IntegrityError:
        raise ChatError("already_voted", _("You have already voted for this question.")) from None
    message.refresh_from_db()
    return message


def moderate(webinar_id, user, action, message_id, value=True, text="", now=None):
    """Apply a moderator's action; returns (message, was_public), message None for a mute.

    The caller has checked that `user` moderates the room."""
    message = _message(webinar_id, message_id)
    was_public = message.state == MessageState.VISIBLE
    if action == "mute":
        if message.participant_id:
            ChatParticipant.objects.filter(pk=message.participant_id).update(muted=value)
        return None, was_public
    if action == "approve":
        message.state = MessageState.VISIBLE if value else MessageState.PENDING
    elif action == "hide":
        message.state = MessageState.HIDDEN if value else MessageState.VISIBLE
    elif action == "pin":
        message.pinned = value
    elif action == "answer":
        _answer(message, user, value, text, now)
    message.save()
    return message, was_public


def _answer(message, user, value, text, now):
    message.answered = value
    message.answer = text if value else ""
    message.answered_by = user if value and getattr(user, "pk", None) else None
    message.answered_at = (now or timezone.now()) if value else None


def moderation_broadcast(message, was_public):
    is_public = message.state == MessageState.VISIBLE
    kind = "message" if is_public and not was_public else "update"
    return broadcast(kind, message, staff_only=not (was_public or is_public))


def _message(webinar_id, message_id, visible_only=False):
    messages = ChatMessage.objects.filter(webinar_id=webinar_id, pk=message_id)
    if visible_only:
        messages = messages.visible()
    message = messages.first()
    if message is None:
        raise ChatError("not_found", _("This message no longer exists."))
    return message


def record_viewers(webinar_id, count):
    """Keep the highest number of viewers seen at once, for the attendance figures."""
    updated = ChatRoom.objects.filter(webinar_id=webinar_id).update(
        peak_viewers=Greatest(F("peak_viewers"), count)
    )
    if not updated:
        ChatRoom.objects.get_or_create(webinar_id=webinar_id, defaults={"peak_viewers": count})


# --- The socket's service ---


def database_sync_to_async(func):
    """Channels' wrapper of the same name, except inside a transaction (a test's):
    there, closing "old" connections would close the test's own."""

    def call(*args):
        if not connection.in_atomic_block:
            close_old_connections()
        try:
            return func(*args)
        finally:
            if not connection.in_atomic_block:
                close_old_connections()

    return sync_to_async(call)


@dataclass(frozen=True)
class StoredParticipant(Participant):
    """A participant with its database row (None for a viewer who may only read) and
    the signed-in user, if any."""

    row: ChatParticipant | None = None
    user: object = None


class DatabaseChatService(ChatService):
    """The portal's room service: everything is stored, so every process serves the
    same history and a reconnecting viewer resumes from the database."""

    async def can_moderate(self, user, room):
        return await database_sync_to_async(_can_moderate_room)(user, room)

    async def join(self, user, session, room, last_seen_id):
        return await database_sync_to_async(self._join)(user, session, room, last_seen_id)

    def _join(self, user, session, room, last_seen_id):
        webinar = chat_webinar(room, user)
        row = participant_for(webinar, user, session)
        moderator = can_moderate(user, webinar)
        participant = StoredParticipant(
            room=str(room),
            key=row.key if row else f"viewer:{getattr(session, 'session_key', None)}",
            display_name=row.display_name if row else None,
            can_moderate=moderator,
            row=row,
            user=user,
        )
        messages = backlog(webinar, moderator, last_seen_id)
        return participant, [payload(message, moderator) for message in messages]

    async def post(self, participant, kind, text, anonymous):
        return await database_sync_to_async(self._post)(participant, kind, text, anonymous)

    def _post(self, participant, kind, text, anonymous):
        message, pending = post(
            participant.row, kind, text, anonymous, moderator=participant.can_moderate
        )
        return broadcast("message", message, staff_only=pending)

    async def vote(self, participant, message_id):
        return await database_sync_to_async(self._vote)(participant, message_id)

    def _vote(self, participant, message_id):
        return Broadcast("update", payload(vote(participant.row, message_id)))

    async def moderate(self, participant, action, message_id, value=True, text=""):
        return await database_sync_to_async(self._moderate)(
            participant, action, message_id, value, text
        )

    def _moderate(self, participant, action, message_id, value, text):
        message, was_public = moderate(
            int(participant.room), participant.user, action, message_id, value, text
        )
        return None if message is None else moderation_broadcast(message, was_public)

    async def viewers_counted(self, room, count):
        await database_sync_to_async(record_viewers)(int(room), count)


def _can_moderate_room(user, room):
    webinar = WebinarPage.objects.filter(pk=room).first()
    return webinar is not None and can_moderate(user, webinar)
