"""With REDIS_URL set (always on CI), the cache and the channel layer use Redis."""

import uuid

import pytest
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.core.cache import caches
from django.test import override_settings

from tests.conftest import ON_CI, redis_available, redis_url

pytestmark = pytest.mark.skipif(
    not ON_CI and not redis_available(), reason="no Redis at REDIS_URL (required on CI)"
)


def test_cache_round_trip_through_redis():
    backend = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url()}
    with override_settings(CACHES={"default": backend}):
        cache = caches.create_connection("default")
        key = f"portal-test-{uuid.uuid4()}"
        cache.set(key, {"seen": True}, 30)
        assert cache.get(key) == {"seen": True}
        cache.delete(key)


def test_channel_layer_delivers_group_messages_through_redis():
    layer = get_channel_layer()
    assert type(layer).__module__.startswith("channels_redis")

    async def round_trip():
        channel = await layer.new_channel()
        group = f"room-{uuid.uuid4().hex}"
        await layer.group_add(group, channel)
        await layer.group_send(group, {"type": "chat.message", "text": "hello"})
        message = await layer.receive(channel)
        await layer.group_discard(group, channel)
        return message

    assert async_to_sync(round_trip)() == {"type": "chat.message", "text": "hello"}
