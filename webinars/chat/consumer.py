"""The webinar chat socket: speaks the protocol, asks the room service, hands frames to
the hub. Broadcasts never pass through here on their way out: the room's writer task
writes them straight to this socket's ASGI `send`.

A socket joins the room paused. The client's first frame is `resume` with the last
message id it has (null on a first visit); the backlog after that id is written, then
the frames that arrived meanwhile (minus those the backlog already had), then live
frames. A client that sends nothing is joined after a short grace with the recent
backlog, so a bare viewer still gets messages.
"""

import asyncio
import functools
import logging
from urllib.parse import parse_qs

from channels.consumer import AsyncConsumer, get_handler_name
from channels.exceptions import StopConsumer
from channels.sessions import InstanceSessionWrapper
from django.conf import settings
from django.utils import translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.utils.translation.trans_real import parse_accept_lang_header

from . import protocol
from .hub import AsgiSocket, chat_setting, get_hub
from .limits import RateLimiter
from .service import ChatDenied, ChatError

logger = logging.getLogger(__name__)

DEFAULT_SERVICE = "webinars.chat.service.InMemoryChatService"
JOIN_GRACE = 2.0
# How long after joining a frame published before the backlog was read may still arrive
# (through Redis and the room's queue); until then such duplicates are filtered out.
IN_FLIGHT_SECONDS = 10.0
# Closing codes: 1013 asks the client to come back later (and resume), 4403 is final.
CLOSE_TOO_SLOW = 1013
CLOSE_DENIED = 4403

_services = {}
# One message every 2 seconds with a burst of 5; votes may come a little faster.
_post_limiter = RateLimiter(rate=0.5, burst=5)
_vote_limiter = RateLimiter(rate=1.0, burst=10)


def get_service():
    """The room service named by WEBINAR_CHAT["SERVICE"], one instance per process."""
    path = chat_setting("SERVICE") or DEFAULT_SERVICE
    if path not in _services:
        _services[path] = import_string(path)()
    return _services[path]


def staff_room(room):
    """The hub room for frames only moderators see (questions waiting for approval)."""
    return f"{room}/staff"


class WebinarChatConsumer(AsyncConsumer):
    """One viewer's socket in a webinar's chat (`ws/webinars/<webinar_id>/`)."""

    # The hub fans out; a channel-layer channel per socket would cost a Redis
    # subscription per viewer, which is what the hub is there to avoid.
    channel_layer_alias = None
    service = None
    hub = None
    post_limiter = None
    vote_limiter = None
    join_grace = None

    def __init__(self, **options):
        for name, value in options.items():
            if not hasattr(type(self), name):
                raise TypeError(f"{type(self).__name__} has no option {name!r}")
            setattr(self, name, value)
        self.participant = None
        self.socket = None
        self.rooms = ()
        self._joining = None
        self._grace = None
        self._closing = None

    async def dispatch(self, message):
        """Without Channels' per-event database clean-up: this consumer does not use the
        database, and a database-backed service's calls clean up around themselves."""
        handler = getattr(self, get_handler_name(message), None)
        if handler is None:
            raise ValueError(f"No handler for message type {message['type']}")
        await handler(message)

    # --- Connection ---

    async def websocket_connect(self, message):
        self.room = str(self.scope["url_route"]["kwargs"]["webinar_id"])
        self.user = self.scope.get("user")
        self.language = language_of(self.scope)
        self.chat = self.service or get_service()
        self.hub = self.hub or get_hub()
        if self.hub.on_viewers is None:
            self.hub.on_viewers = self.chat.viewers_counted
        self.post_limiter = self.post_limiter or _post_limiter
        self.vote_limiter = self.vote_limiter or _vote_limiter
        moderator = await self.chat.can_moderate(self.user, self.room)
        await self.base_send({"type": "websocket.accept"})
        self.socket = AsgiSocket(
            frame_sender(self.base_send), paused=True, on_drop=self._socket_dropped
        )
        self.rooms = (self.room, staff_room(self.room)) if moderator else (self.room,)
        try:
            for key in self.rooms:
                await self.hub.join(key, self.socket, count_viewers=key == self.room)
        except Exception:
            logger.exception("Webinar chat %s: could not join the room", self.room)
            await self._leave_rooms()
            await self.base_send({"type": "websocket.close", "code": 1011})
            return
        grace = self.join_grace if self.join_grace is not None else JOIN_GRACE
        self._grace = asyncio.get_running_loop().call_later(grace, self._join_after_grace)

    async def websocket_disconnect(self, message):
        await self._leave_rooms()
        if self.participant is not None:
            await self.chat.leave(self.participant)
        raise StopConsumer

    async def _leave_rooms(self):
        if self._grace is not None:
            self._grace.cancel()
        if self.socket is not None:
            self.socket.on_drop = None
            self.socket.drop("closed")
        for key in self.rooms:
            self.hub.leave(key, self.socket)
        joining = self._joining
        if joining is not None and not joining.done() and joining is not asyncio.current_task():
            joining.cancel()

    def _socket_dropped(self, socket, reason):
        """The hub gave up on this socket: out of the rooms, and (if it is only slow)
        closed, so the client reconnects and resumes from its last message."""
        for key in self.rooms:
            self.hub.leave(key, socket)
        if reason != "closed" and self._closing is None:
            logger.info("Webinar chat %s: closing a socket that fell behind", self.room)
            self._closing = asyncio.create_task(self._close(CLOSE_TOO_SLOW))

    async def _close(self, code):
        try:
            async with asyncio.timeout(10):
                await self.socket.flushed()
                await self.base_send({"type": "websocket.close", "code": code})
        except Exception as error:
            logger.debug("Webinar chat %s: close failed: %r", self.room, error)

    # --- Joining: backlog, then live ---

    def _join_after_grace(self):
        if self._joining is None:
            self._joining = asyncio.create_task(self._join(None))

    async def _joined(self, last_id=None):
        """Whether the participant is in (joining now if needed)."""
        if self._joining is None:
            self._joining = asyncio.create_task(self._join(last_id))
        return await asyncio.shield(self._joining)

    async def _join(self, last_id):
        if self._grace is not None:
            self._grace.cancel()
        session = self.scope.get("session")
        try:
            participant, backlog = await self.chat.join(self.user, session, self.room, last_id)
        except ChatDenied as denied:
            with translation.override(self.language):
                text = str(denied) or _("You cannot take part in this chat.")
            self._tell(protocol.error_frame("denied", text))
            await self._close(CLOSE_DENIED)
            await self._leave_rooms()
            return False
        self.participant = participant
        for message in backlog:
            self.socket.write(protocol.serialise(protocol.message_frame(message)))
        joined = protocol.joined_frame(
            backlog=len(backlog),
            moderator=participant.can_moderate,
            viewers=self.hub.viewers(self.room),
        )
        self.socket.write(protocol.serialise(joined))
        sent = frozenset(message["id"] for message in backlog)
        self.socket.resume(keep=functools.partial(_not_yet_sent, last_id, sent))
        asyncio.get_running_loop().call_later(IN_FLIGHT_SECONDS, self.socket.stop_filtering)
        return True

    # --- Client frames ---

    async def websocket_receive(self, message):
        with translation.override(self.language):
            try:
                command = protocol.parse_command(message.get("text"), message.get("bytes"))
                await self._handle(command)
            except protocol.ProtocolError as error:
                self._tell(protocol.error_frame(error.code, error.message, **error.details))
            except ChatError as error:
                self._tell(protocol.error_frame(error.code, error.message))

    async def _handle(self, command):
        if isinstance(command, protocol.Resume):
            if self._joining is not None:
                raise protocol.ProtocolError(
                    "already_joined", _("This connection has already joined the chat.")
                )
            await self._joined(command.last_id)
            return
        if not await self._joined():
            return
        if isinstance(command, protocol.Post):
            await self._post(command)
        elif isinstance(command, protocol.Vote):
            await self._vote(command)
        elif isinstance(command, protocol.Moderate):
            await self._moderate(command)

    async def _post(self, command):
        # Moderators answer questions in quick succession; the limit is for the audience.
        if not self.participant.can_moderate:
            _check_rate(self.post_limiter, self.participant)
        broadcast = await self.chat.post(
            self.participant, command.kind, command.text, command.anonymous
        )
        await self._publish(broadcast)

    async def _vote(self, command):
        _check_rate(self.vote_limiter, self.participant)
        broadcast = await self.chat.vote(self.participant, command.message_id)
        # Votes come in bursts; the room hears each question's count once per tick.
        await self.hub.publish_coalesced(
            self._room_for(broadcast),
            ("votes", command.message_id),
            protocol.update_frame(broadcast.message),
        )

    async def _moderate(self, command):
        if not self.participant.can_moderate:
            raise protocol.ProtocolError("forbidden", _("Only moderators can do this."))
        broadcast = await self.chat.moderate(
            self.participant, command.action, command.message_id, command.value, command.text
        )
        if broadcast is not None:
            await self._publish(broadcast)
        self._tell(protocol.moderated_frame(command.action, command.message_id, command.value))

    async def _publish(self, broadcast):
        if broadcast.kind == "message":
            frame = protocol.message_frame(broadcast.message)
        else:
            frame = protocol.update_frame(broadcast.message)
        await self.hub.publish(self._room_for(broadcast), frame)
        if broadcast.hidden_author and not broadcast.staff_only:
            frame = protocol.author_frame(broadcast.message["id"], broadcast.hidden_author)
            await self.hub.publish(staff_room(self.room), frame)

    def _room_for(self, broadcast):
        return staff_room(self.room) if broadcast.staff_only else self.room

    def _tell(self, frame):
        """A frame for this socket alone, in order with the broadcasts already written."""
        if self.socket is not None:
            self.socket.write(protocol.serialise(frame))


def frame_sender(send):
    """The `send` the hub writes frames with. Channels' session middleware wraps `send` to
    save the session with an HTTP response; WebSocket frames only pass through it, at a
    cost of about a tenth of a whole write, so the hub writes to the inner `send`."""
    while isinstance(getattr(send, "__self__", None), InstanceSessionWrapper):
        send = send.__self__.real_send
    return send


def _check_rate(limiter, participant):
    wait = limiter.wait_time((participant.room, participant.key))
    if wait:
        raise protocol.ProtocolError(
            "rate_limited",
            ngettext(
                "You are sending messages too quickly. You can send again in %(seconds)d second.",
                "You are sending messages too quickly. You can send again in %(seconds)d seconds.",
                wait,
            )
            % {"seconds": wait},
            retry_after=wait,
        )


def _not_yet_sent(last_id, sent, frame):
    """Whether a broadcast frame is news to a client that has just had the backlog."""
    message_id = protocol.message_id_of(frame)
    if message_id is None:
        return True
    return message_id not in sent and (last_id is None or message_id > last_id)


def language_of(scope):
    """The language for this socket's error messages: `?lang=`, the language cookie,
    then the browser's Accept-Language, as for pages."""
    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    candidates = list(query.get("lang", []))
    cookie = scope.get("cookies", {}).get(settings.LANGUAGE_COOKIE_NAME)
    if cookie:
        candidates.append(cookie)
    for name, value in scope.get("headers", []):
        if name == b"accept-language":
            header = value.decode("latin-1")
            candidates.extend(code for code, _q in parse_accept_lang_header(header))
    for code in candidates:
        if code == "*":
            continue
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            continue
    return settings.LANGUAGE_CODE
