"""The room service: who may join a webinar's chat, and what posts, votes and moderation
do to its messages. The consumer speaks the protocol and the hub fans frames out; this
is the part that stores things.

`InMemoryChatService` keeps everything in the process's memory: for tests, benchmarks
and a single-process portal. A database-backed service implements the same interface.
"""

import itertools
import uuid
from abc import ABC, abstractmethod
from collections import OrderedDict
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from .protocol import message_payload

HISTORY_LIMIT = 100


class ChatDenied(Exception):
    """The visitor may not join this room (not registered, webinar over, ...)."""


class ChatError(Exception):
    """An action the service refuses; `message` is shown to the visitor."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Participant:
    """One viewer in one room. `key` identifies them across reconnections."""

    room: str
    key: str
    display_name: str | None
    can_moderate: bool = False


@dataclass(frozen=True)
class Broadcast:
    """What to tell the room after a change: a new `message`, or an `update` of one.

    Staff-only broadcasts (a question waiting for approval) go to the moderators alone.
    """

    kind: str
    message: dict
    staff_only: bool = False
    # The name behind an anonymous message the room is told about, for moderators only.
    hidden_author: str | None = None


class ChatService(ABC):
    """The interface the consumer calls. Every method may be called concurrently for
    different participants; message ids must increase in the order messages are made."""

    async def can_moderate(self, user, room):
        """Whether this user moderates the room; asked once, when the socket opens."""
        return bool(getattr(user, "is_staff", False))

    @abstractmethod
    async def join(self, user, session, room, last_seen_id):
        """(participant, backlog): the messages after `last_seen_id` the participant may see,
        oldest first; the most recent ones when `last_seen_id` is None.

        Raises ChatDenied when the visitor may not join.
        """

    async def leave(self, participant):  # noqa: B027 - an optional hook, not abstract
        """The participant's socket closed (nothing to do for a service without presence)."""

    @abstractmethod
    async def post(self, participant, kind, text, anonymous):
        """A new message from the participant, as a Broadcast. Raises ChatError (muted)."""

    @abstractmethod
    async def vote(self, participant, message_id):
        """An upvote of a question, as a Broadcast update. Raises ChatError."""

    @abstractmethod
    async def moderate(self, participant, action, message_id, value=True, text=""):
        """Apply a moderation action (`text`: the typed answer of `answer`); a Broadcast,
        or None when nothing visible changed."""

    async def viewers_counted(self, room, count):  # noqa: B027 - an optional hook
        """The room's live viewer count, as the hub last summed it (for peak figures)."""


@dataclass
class _Message:
    id: int
    kind: str
    text: str
    author_key: str
    author_name: str | None
    created: object
    anonymous: bool = False
    state: str = "visible"
    pinned: bool = False
    answered: bool = False
    answer: str = ""
    voters: set = field(default_factory=set)

    def payload(self, moderator=False):
        return message_payload(
            message_id=self.id,
            kind=self.kind,
            text=self.text,
            author=self.author_name if moderator or not self.anonymous else None,
            created=self.created,
            votes=len(self.voters),
            state=self.state,
            pinned=self.pinned,
            answered=self.answered,
            answer=self.answer,
            anonymous=self.anonymous,
        )


@dataclass
class _Room:
    messages: OrderedDict = field(default_factory=OrderedDict)
    ids: itertools.count = field(default_factory=lambda: itertools.count(1))
    muted: set = field(default_factory=set)


class InMemoryChatService(ChatService):
    """Rooms held in this process only: with several processes each has its own history,
    so use it with one process (or for benchmarks, where only delivery is counted)."""

    def __init__(self, *, premoderate_questions=False, keep=1000, history_limit=HISTORY_LIMIT):
        self.premoderate_questions = premoderate_questions
        self.keep = keep
        self.history_limit = history_limit
        self._rooms = {}

    def _room(self, room):
        return self._rooms.setdefault(str(room), _Room())

    async def join(self, user, session, room, last_seen_id):
        participant = Participant(
            room=str(room),
            key=_participant_key(user, session),
            display_name=_display_name(user),
            can_moderate=await self.can_moderate(user, room),
        )
        messages = self._room(room).messages.values()
        visible = [
            message
            for message in messages
            if (last_seen_id is None or message.id > last_seen_id)
            and (message.state == "visible" or participant.can_moderate)
        ]
        moderator = participant.can_moderate
        backlog = [message.payload(moderator) for message in visible[-self.history_limit :]]
        return participant, backlog

    async def post(self, participant, kind, text, anonymous):
        room = self._room(participant.room)
        if participant.key in room.muted:
            raise ChatError("muted", _("A moderator has turned off your messages."))
        pending = self.premoderate_questions and kind == "question" and not participant.can_moderate
        message = _Message(
            id=next(room.ids),
            kind=kind,
            text=text,
            author_key=participant.key,
            author_name=participant.display_name,
            created=timezone.now(),
            anonymous=anonymous,
            state="pending" if pending else "visible",
        )
        room.messages[message.id] = message
        while len(room.messages) > self.keep:
            room.messages.popitem(last=False)
        return _broadcast("message", message, staff_only=pending)

    async def vote(self, participant, message_id):
        message = self._visible_message(participant, message_id)
        if message.kind != "question":
            raise ChatError("not_votable", _("Only questions can be voted for."))
        if participant.key in message.voters:
            raise ChatError("already_voted", _("You have already voted for this question."))
        message.voters.add(participant.key)
        return Broadcast("update", message.payload())

    async def moderate(self, participant, action, message_id, value=True, text=""):
        room = self._room(participant.room)
        message = room.messages.get(message_id)
        if message is None:
            raise ChatError("not_found", _("This message no longer exists."))
        was_public = message.state == "visible"
        if action == "mute":
            (room.muted.add if value else room.muted.discard)(message.author_key)
            return None
        if action == "approve":
            message.state = "visible" if value else "pending"
        elif action == "hide":
            message.state = "hidden" if value else "visible"
        elif action == "pin":
            message.pinned = value
        elif action == "answer":
            message.answered = value
            message.answer = text if value else ""
        is_public = message.state == "visible"
        kind = "message" if is_public and not was_public else "update"
        return _broadcast(kind, message, staff_only=not (was_public or is_public))

    def _visible_message(self, participant, message_id):
        message = self._room(participant.room).messages.get(message_id)
        if message is None or message.state != "visible":
            raise ChatError("not_found", _("This message no longer exists."))
        return message


def _broadcast(kind, message, staff_only):
    """Staff-only frames carry the author's name; a public frame of an anonymous
    message leaves it out and names it for moderators alone."""
    if staff_only:
        return Broadcast(kind, message.payload(moderator=True), staff_only=True)
    hidden = message.author_name if message.anonymous else None
    return Broadcast(kind, message.payload(), hidden_author=hidden)


def _participant_key(user, session):
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    session_key = getattr(session, "session_key", None)
    if session_key:
        return f"session:{session_key}"
    return f"guest:{uuid.uuid4().hex}"


def _display_name(user):
    if user is None or not user.is_authenticated:
        return None
    return user.get_full_name() or user.get_username()
