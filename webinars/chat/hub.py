"""The per-process room hub: fan-out that costs one serialisation per message per process.

For every room it holds the local sockets, one writer task that writes each frame to all
of them, and one transport subscription (one Redis subscription per room per process).
A message is serialised once by the process that publishes it; every process forwards
the string it receives as is.

Writing to a socket is usually immediate, so the writer runs each socket's send
eagerly: a send that completes without waiting costs no task and no loop round trip.
A send that has to wait (a full TCP buffer) finishes in a task of its own while later
frames for that socket queue behind it, up to a limit; past the limit the socket is
dropped, so one slow viewer never holds back the other 499.
"""

import asyncio
import logging
import types
import weakref
from collections import deque

from django.conf import settings

from . import protocol
from .transport import LocalTransport, RedisTransport

logger = logging.getLogger(__name__)

DEFAULTS = {
    "CHANNEL_PREFIX": "portal:webinar-chat",
    # Votes are coalesced per message and published at most this often.
    "UPDATE_INTERVAL": 1.0,
    # The live viewer count is sent at most this often, when it has changed.
    "VIEWERS_INTERVAL": 5.0,
    # Frames a socket may have waiting before it is dropped as too slow.
    "SOCKET_BUFFER": 256,
}


def chat_setting(name):
    return getattr(settings, "WEBINAR_CHAT", {}).get(name, DEFAULTS.get(name))


@types.coroutine
def _carry_on(coro, waiting_on):
    """Resume a coroutine that was started outside any task and suspended on
    `waiting_on`, as if it had been awaited from the start (a task drives this)."""
    while True:
        try:
            yield waiting_on
        except BaseException as error:  # cancellation, or an error thrown in by the task
            try:
                waiting_on = coro.throw(error)
            except StopIteration:
                return
            continue
        try:
            waiting_on = coro.send(None)
        except StopIteration:
            return


class LocalSocket:
    """One open socket in this process, as the hub writes to it.

    `send(frame)` is any coroutine function taking a serialised frame. While a write
    waits, later frames queue here in order; a paused socket holds broadcast frames
    until `resume`, which is how a joining viewer gets its backlog before live frames.
    """

    __slots__ = (
        "_send",
        "_waiting",
        "_held",
        "_writing",
        "limit",
        "paused",
        "closed",
        "keep",
        "on_drop",
    )

    def __init__(self, send, *, limit=None, paused=False, on_drop=None):
        self._send = send
        self._waiting = deque()
        self._held = deque()
        self._writing = None
        self.limit = limit or chat_setting("SOCKET_BUFFER")
        self.paused = paused
        self.closed = False
        self.keep = None
        self.on_drop = on_drop

    def _call(self, frame):
        return self._send(frame)

    def deliver(self, frame):
        """A broadcast frame from a room's writer."""
        if self.keep is not None and not self.keep(frame):
            return
        if self.paused:
            self._held.append(frame)
            if len(self._held) > self.limit:
                self.drop("overflow")
            return
        self.write(frame)

    def write(self, frame):
        """Write a frame after those already written or waiting, without blocking."""
        if self.closed:
            return
        if self._writing is not None:
            self._waiting.append(frame)
            if len(self._waiting) > self.limit:
                self.drop("slow")
            return
        coro = self._call(frame)
        try:
            waiting_on = coro.send(None)
        except StopIteration:
            return
        except Exception as error:
            self._failed(error)
            return
        self._writing = asyncio.get_running_loop().create_task(self._finish(coro, waiting_on))

    async def _finish(self, coro, waiting_on):
        try:
            await _carry_on(coro, waiting_on)
            while self._waiting and not self.closed:
                await self._call(self._waiting.popleft())
        except Exception as error:
            self._failed(error)
        finally:
            self._writing = None

    async def flushed(self):
        """Returns once the frames already written or waiting have gone out."""
        while self._writing is not None and not self.closed:
            await asyncio.shield(self._writing)

    def resume(self, keep=None):
        """Write the frames held while paused, then go live.

        `keep`, if given, filters broadcast frames (held ones, and later ones until
        `stop_filtering`): frames published before the backlog was read may still be
        on their way, and the backlog already had them.
        """
        held, self._held = self._held, deque()
        self.paused = False
        self.keep = keep
        for frame in held:
            if keep is None or keep(frame):
                self.write(frame)

    def stop_filtering(self):
        self.keep = None

    def _failed(self, error):
        logger.debug("Chat socket write failed: %r", error)
        self.drop("closed")

    def drop(self, reason):
        """Stop writing to this socket; `on_drop` takes it out of its rooms."""
        if self.closed:
            return
        self.closed = True
        self._held.clear()
        self._waiting.clear()
        writing = self._writing
        if writing is not None and writing is not asyncio.current_task():
            writing.cancel()
        if self.on_drop is not None:
            self.on_drop(self, reason)


class AsgiSocket(LocalSocket):
    """A socket behind an ASGI `send` callable (a Channels consumer's `base_send`)."""

    __slots__ = ()

    def _call(self, frame):
        return self._send({"type": "websocket.send", "text": frame})


class Room:
    """A room's local sockets, its writer task, its ticker and its subscription."""

    def __init__(self, hub, key, count_viewers):
        self.hub = hub
        self.key = key
        self.sockets = set()
        self.count_viewers = count_viewers
        self.viewers = 0
        self._frames = asyncio.Queue()
        self._coalesced = {}
        self._subscription = None
        self._open = True
        self._sleeping = False
        self._writer = asyncio.create_task(self._write(), name=f"chat-writer {key}")
        self._ticker = asyncio.create_task(self._tick(), name=f"chat-ticker {key}")
        self.ready = asyncio.create_task(self._subscribe(), name=f"chat-subscribe {key}")

    async def _subscribe(self):
        self._subscription = await self.hub.transport.subscribe(self.key, self._frames.put_nowait)

    async def _write(self):
        """The one task that writes this room's frames to its local sockets."""
        next_frame = self._frames.get
        while True:
            frame = await next_frame()
            # A copy: a socket dropped during the loop leaves the set.
            for socket in tuple(self.sockets):
                try:
                    socket.deliver(frame)
                except Exception:
                    logger.exception("Chat room %s: delivery failed", self.key)

    def tell_locally(self, frame):
        """A frame for this process's sockets only (the viewer count each process sends)."""
        self._frames.put_nowait(protocol.serialise(frame))

    def coalesce(self, key, frame):
        self._coalesced[key] = frame

    async def _tick(self):
        """Publishes coalesced votes and refreshes the viewer count, until the room closes.

        Only the sleep is ever cancelled: Redis calls are left to finish, as redis-py
        does not always let a cancellation through.
        """
        interval = self.hub.update_interval
        loop = asyncio.get_running_loop()
        next_count = loop.time()
        while self._open:
            self._sleeping = True
            try:
                await asyncio.sleep(interval)
            finally:
                self._sleeping = False
            if not self._open:
                return
            try:
                await self._flush_coalesced()
                if self.count_viewers and loop.time() >= next_count:
                    next_count = loop.time() + self.hub.viewers_interval
                    await self._count_viewers()
            except Exception:
                logger.exception("Chat room %s: periodic update failed", self.key)

    async def _flush_coalesced(self):
        frames, self._coalesced = self._coalesced, {}
        for frame in frames.values():
            await self.hub.publish(self.key, frame)

    async def _count_viewers(self):
        total = await self.hub.transport.viewers(self.key, len(self.sockets))
        if total != self.viewers:
            self.viewers = total
            self.tell_locally(protocol.viewers_frame(total))
            if self.hub.on_viewers is not None:
                await self.hub.on_viewers(self.key, total)

    async def close(self):
        self._open = False
        self._writer.cancel()
        if self._sleeping:
            self._ticker.cancel()
        await asyncio.gather(self._ticker, self.ready, self._writer, return_exceptions=True)
        try:
            await self._flush_coalesced()
            if self.count_viewers:
                await self.hub.transport.viewers(self.key, 0)
        except Exception:
            logger.exception("Chat room %s: final update failed", self.key)
        finally:
            if self._subscription is not None:
                await self._subscription.close()


class RoomHub:
    """All rooms with sockets in this process (one hub per event loop)."""

    def __init__(self, transport, *, update_interval=None, viewers_interval=None):
        self.transport = transport
        # Told each new viewer total of a room (e.g. to record the peak); set by the chat.
        self.on_viewers = None
        self.update_interval = update_interval or chat_setting("UPDATE_INTERVAL")
        self.viewers_interval = viewers_interval or chat_setting("VIEWERS_INTERVAL")
        self._rooms = {}
        self._closing = set()

    @classmethod
    def from_settings(cls, **options):
        """Redis when REDIS_URL is set, so several processes share rooms; else in memory."""
        if settings.REDIS_URL:
            transport = RedisTransport(settings.REDIS_URL, prefix=chat_setting("CHANNEL_PREFIX"))
        else:
            transport = LocalTransport()
        return cls(transport, **options)

    def room(self, key):
        return self._rooms.get(str(key))

    async def join(self, key, socket, *, count_viewers=True):
        """Add a socket to a room; returns once the room's subscription is live."""
        key = str(key)
        room = self._rooms.get(key)
        if room is None:
            room = self._rooms[key] = Room(self, key, count_viewers)
        room.sockets.add(socket)
        try:
            await asyncio.shield(room.ready)
        except BaseException:
            self.leave(key, socket)
            raise
        return room

    def leave(self, key, socket):
        """Take a socket out of a room; the last one out closes the room's subscription."""
        key = str(key)
        room = self._rooms.get(key)
        if room is None or socket not in room.sockets:
            return
        room.sockets.discard(socket)
        if not room.sockets:
            del self._rooms[key]
            closing = asyncio.create_task(room.close(), name=f"chat-close {key}")
            self._closing.add(closing)
            closing.add_done_callback(self._closing.discard)

    def viewers(self, key):
        room = self._rooms.get(str(key))
        if room is None:
            return 0
        return room.viewers or len(room.sockets)

    async def publish(self, key, frame):
        """Serialise a frame (once, here) and send it to every process holding the room."""
        await self.transport.publish(str(key), protocol.serialise(frame))

    async def publish_coalesced(self, key, coalesce_key, frame):
        """Publish with the room's next tick; a later frame with the same key replaces it."""
        room = self._rooms.get(str(key))
        if room is None:
            await self.publish(key, frame)
        else:
            room.coalesce(coalesce_key, frame)

    async def aclose(self):
        """Close every room and the transport (tests, and a process shutting down)."""
        for key, room in list(self._rooms.items()):
            for socket in list(room.sockets):
                self.leave(key, socket)
        if self._closing:
            await asyncio.gather(*self._closing, return_exceptions=True)
        await self.transport.aclose()


_hubs = weakref.WeakKeyDictionary()
_sync_redis = {}


def publish_from_sync(key, frame):
    """Publish a frame from synchronous code (a form posted without JavaScript, an admin
    action): through Redis when the rooms are shared, else to the hubs of this process's
    running event loops (the ASGI server's). Serialised once, as any broadcast."""
    text = protocol.serialise(frame)
    if settings.REDIS_URL:
        import redis

        client = _sync_redis.get(settings.REDIS_URL)
        if client is None:
            client = _sync_redis[settings.REDIS_URL] = redis.Redis.from_url(settings.REDIS_URL)
        client.publish(f"{chat_setting('CHANNEL_PREFIX')}:room:{key}", text)
        return
    for loop, hub in list(_hubs.items()):
        if loop.is_running() and not loop.is_closed():
            asyncio.run_coroutine_threadsafe(hub.transport.publish(str(key), text), loop)


def get_hub():
    """This event loop's hub: the process's, in production, where there is one loop."""
    loop = asyncio.get_running_loop()
    hub = _hubs.get(loop)
    if hub is None:
        hub = _hubs[loop] = RoomHub.from_settings()
    return hub
