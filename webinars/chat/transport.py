"""How serialised frames travel between the processes that hold a room's sockets.

`LocalTransport` is for one process: a published frame goes straight to the room's
writer. `RedisTransport` shares rooms between processes: one PUBLISH per frame, and one
subscription per room per process, however many sockets the process holds for it.
Frames are strings both ways; nothing here parses or re-serialises them.
"""

import asyncio
import logging
import os
import time
import uuid

logger = logging.getLogger(__name__)


class Subscription:
    """A room's feed of frames into this process; `close()` ends it."""

    async def close(self):
        """Nothing to release for a local room."""


class LocalTransport:
    """Rooms live in this process only."""

    def __init__(self):
        self._feeds = {}

    async def subscribe(self, room, on_frame):
        self._feeds[room] = on_frame
        return _LocalSubscription(self._feeds, room, on_frame)

    async def publish(self, room, frame):
        feed = self._feeds.get(room)
        if feed is not None:
            feed(frame)

    async def viewers(self, room, local_count):
        return local_count

    async def aclose(self):
        self._feeds.clear()


class _LocalSubscription(Subscription):
    def __init__(self, feeds, room, on_frame):
        self._feeds = feeds
        self._room = room
        self._on_frame = on_frame

    async def close(self):
        if self._feeds.get(self._room) is self._on_frame:
            del self._feeds[self._room]


class RedisTransport:
    """Rooms shared through Redis pub/sub.

    Each process reports its own viewer count in a hash per room (field = process),
    and sums the fresh entries, so a process that died drops out of the total.
    """

    def __init__(self, url, *, prefix="portal:webinar-chat", stale_after=30.0):
        import redis.asyncio as redis

        self.redis = redis.Redis.from_url(url, decode_responses=True)
        self.prefix = prefix
        self.stale_after = stale_after
        self.process = f"{os.getpid()}-{uuid.uuid4().hex[:8]}"

    def channel(self, room):
        return f"{self.prefix}:room:{room}"

    def _viewers_key(self, room):
        return f"{self.prefix}:viewers:{room}"

    async def subscribe(self, room, on_frame):
        subscription = _RedisSubscription(self.redis, self.channel(room), on_frame)
        await subscription.start()
        return subscription

    async def publish(self, room, frame):
        await self.redis.publish(self.channel(room), frame)

    async def viewers(self, room, local_count):
        key = self._viewers_key(room)
        now = time.time()
        async with self.redis.pipeline(transaction=False) as pipe:
            if local_count:
                pipe.hset(key, self.process, f"{local_count}:{now:.0f}")
            else:
                pipe.hdel(key, self.process)
            pipe.expire(key, int(self.stale_after * 2))
            pipe.hgetall(key)
            *_, entries = await pipe.execute()
        return sum(_fresh_count(entry, now, self.stale_after) for entry in entries.values())

    async def aclose(self):
        await self.redis.aclose()


def _fresh_count(entry, now, stale_after):
    count, _, stamp = entry.partition(":")
    try:
        return int(count) if now - float(stamp) < stale_after else 0
    except ValueError:
        return 0


class _RedisSubscription(Subscription):
    """One pub/sub connection and one reader task for one room in this process.

    The reader is never cancelled in the middle of a Redis read (redis-py does not
    always let a cancellation through): closing unsubscribes, and the reader stops when
    Redis confirms it.
    """

    CLOSE_TIMEOUT = 5.0

    def __init__(self, redis, channel, on_frame):
        self._pubsub = redis.pubsub()
        self._channel = channel
        self._on_frame = on_frame
        self._ready = asyncio.get_running_loop().create_future()
        self._closing = False
        self._reader = None

    async def start(self):
        """Returns once Redis has confirmed the subscription: from then on no frame
        published to the room is missed, which the backlog-then-live handover relies on."""
        await self._pubsub.subscribe(self._channel)
        self._reader = asyncio.create_task(self._read(), name=f"chat-subscription {self._channel}")
        try:
            await asyncio.shield(self._ready)
        except BaseException:
            await self.close()
            raise

    async def _read(self):
        get_message = self._pubsub.get_message
        on_frame = self._on_frame
        while True:
            try:
                message = await get_message(timeout=None)
            except Exception as error:
                if self._closing:
                    return
                if not self._ready.done():
                    self._ready.set_exception(error)
                    return
                # redis-py reconnects and subscribes again on the next read.
                logger.warning("Chat subscription %s lost: %s; retrying", self._channel, error)
                await asyncio.sleep(1)
                continue
            if message is None:
                continue
            kind = message["type"]
            if kind == "message":
                on_frame(message["data"])
            elif kind == "subscribe" and not self._ready.done():
                self._ready.set_result(None)
            elif kind == "unsubscribe" and self._closing:
                return

    async def close(self):
        self._closing = True
        reader = self._reader
        try:
            if reader is not None and not reader.done():
                await self._pubsub.unsubscribe(self._channel)
                await asyncio.wait_for(asyncio.shield(reader), self.CLOSE_TIMEOUT)
        except Exception as error:  # closing the connection below ends it anyway
            logger.info("Chat subscription %s: unsubscribe failed: %r", self._channel, error)
            reader.cancel()
        finally:
            await self._pubsub.aclose()
