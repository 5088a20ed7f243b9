"""The webinar chat engine: protocol, rate limits, the room hub's fan-out and the socket.

With REDIS_URL set (always on CI) the hub shares rooms through Redis, as in production
with several processes; otherwise it keeps them in memory. Every test has its own
channel prefix, so runs side by side do not hear each other.
"""

import asyncio
import json
import uuid
from unittest import mock

import pytest
from asgiref.sync import async_to_sync
from channels.routing import URLRouter
from channels.sessions import InstanceSessionWrapper
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.test import override_settings
from django.urls import path

from tests.conftest import ON_CI, redis_available
from webinars.chat import protocol
from webinars.chat.consumer import WebinarChatConsumer, frame_sender, language_of, staff_room
from webinars.chat.hub import LocalSocket, RoomHub, get_hub
from webinars.chat.limits import RateLimiter
from webinars.chat.routing import websocket_urlpatterns
from webinars.chat.service import ChatDenied, InMemoryChatService
from webinars.chat.transport import LocalTransport, RedisTransport

ROOM = 7
needs_redis = pytest.mark.skipif(
    not ON_CI and not redis_available(), reason="no Redis at REDIS_URL (required on CI)"
)


@pytest.fixture(autouse=True)
def _own_channels():
    """A channel prefix of this test's own, and quick ticks for votes and viewer counts."""
    options = {
        "CHANNEL_PREFIX": f"test-chat-{uuid.uuid4().hex}",
        "UPDATE_INTERVAL": 0.05,
        "VIEWERS_INTERVAL": 0.05,
    }
    with override_settings(WEBINAR_CHAT=options):
        yield


def run(test, **hub_options):
    """Run `test(hub)` on an event loop of its own, with a hub closed afterwards."""

    async def main():
        hub = RoomHub.from_settings(**hub_options)
        try:
            await test(hub)
        finally:
            await hub.aclose()

    async_to_sync(main)()


def moderator():
    return User(pk=4242, username="moderator", is_staff=True)


def viewer(pk):
    return User(pk=pk, username=f"viewer{pk}", first_name="Viewer", last_name=str(pk))


class WithUser:
    """Puts a user in the scope, as the portal's auth middleware does."""

    def __init__(self, inner, user):
        self.inner = inner
        self.user = user

    async def __call__(self, scope, receive, send):
        return await self.inner(dict(scope, user=self.user), receive, send)


class ChatRoom:
    """Sockets of one webinar chat, all served by the same hub and room service."""

    def __init__(self, hub, service=None, **options):
        self.hub = hub
        self.service = service or InMemoryChatService()
        # Rate limits of this room's own, generous unless a test sets them.
        options.setdefault("post_limiter", RateLimiter(rate=100, burst=100))
        options.setdefault("vote_limiter", RateLimiter(rate=100, burst=100))
        consumer = WebinarChatConsumer.as_asgi(hub=hub, service=self.service, **options)
        self.router = URLRouter([path("ws/webinars/<int:webinar_id>/", consumer)])
        self.sockets = []

    async def open(self, user=None, room=ROOM):
        socket = WebsocketCommunicator(
            WithUser(self.router, user or AnonymousUser()), f"/ws/webinars/{room}/"
        )
        connected, _ = await socket.connect()
        assert connected
        self.sockets.append(socket)
        return socket

    async def join(self, user=None, last_id=None, room=ROOM):
        """A socket that has resumed from `last_id`, and the backlog it was sent."""
        socket = await self.open(user, room)
        await socket.send_json_to({"type": "resume", "last_id": last_id})
        frames = await frames_until(socket, "joined")
        return socket, [frame["message"] for frame in frames if frame["type"] == "message"]

    async def close(self):
        for socket in self.sockets:
            await socket.disconnect()
        self.sockets = []


async def frames_until(socket, kind, timeout=3):
    """Frames received up to and including the first of type `kind`."""
    frames = []
    while True:
        frame = await socket.receive_json_from(timeout=timeout)
        frames.append(frame)
        if frame["type"] == kind:
            return frames


async def chat_frames_within(socket, timeout=0.2):
    """Frames other than viewer counts that arrive within `timeout`."""
    frames = []
    while not await socket.receive_nothing(timeout=timeout):
        frame = await socket.receive_json_from()
        if frame["type"] != "viewers":
            frames.append(frame)
    return frames


async def next_frame(socket, kind, timeout=3):
    return (await frames_until(socket, kind, timeout))[-1]


async def post(socket, text, kind="comment", **extra):
    await socket.send_json_to({"type": kind, "text": text, **extra})


async def say(socket, text, kind="comment", **extra):
    """Post, and wait until the message has come back to its author (it is published)."""
    await post(socket, text, kind, **extra)
    message = (await next_frame(socket, "message"))["message"]
    assert message["text"] == text
    return message


class Recorder:
    """A socket that takes every frame at once."""

    def __init__(self):
        self.frames = []

    async def send(self, frame):
        self.frames.append(frame)


class Stuck(Recorder):
    """A socket whose first write never completes (a viewer that stopped reading)."""

    async def send(self, frame):
        self.frames.append(frame)
        await asyncio.Event().wait()


async def until(condition, timeout=3):
    async with asyncio.timeout(timeout):
        while not condition():
            await asyncio.sleep(0.01)


async def until_async(probe, expected, timeout=3):
    async with asyncio.timeout(timeout):
        while await probe() != expected:
            await asyncio.sleep(0.02)


def counting_serialiser():
    return mock.patch.object(protocol, "_dumps", wraps=protocol._dumps)


# --- Protocol ---


def test_posts_are_parsed_and_their_text_cleaned():
    command = protocol.parse_command('{"type": "question", "text": "  Hi\\u0000 there\\r\\n "}')
    assert command == protocol.Post("question", "Hi there", anonymous=False)
    assert protocol.parse_command(
        '{"type": "comment", "text": "x", "anonymous": true}'
    ) == protocol.Post("comment", "x", anonymous=True)


def test_votes_moderation_and_resume_are_parsed():
    assert protocol.parse_command('{"type": "vote", "id": 3}') == protocol.Vote(3)
    assert protocol.parse_command('{"type": "pin", "id": 3, "value": false}') == protocol.Moderate(
        "pin", 3, value=False
    )
    assert protocol.parse_command('{"type": "hide", "id": 3}') == protocol.Moderate("hide", 3)
    assert protocol.parse_command('{"type": "resume", "last_id": 9}') == protocol.Resume(9)
    assert protocol.parse_command('{"type": "resume", "last_id": null}') == protocol.Resume(None)


@pytest.mark.parametrize(
    ("text", "data", "code"),
    [
        (None, b"\x00\x01", "binary"),
        ("{not json", None, "malformed"),
        ("[1, 2]", None, "malformed"),
        ('{"type": "shout", "text": "hi"}', None, "unknown_type"),
        ('{"type": "comment", "text": 12}', None, "malformed"),
        ('{"type": "comment", "text": " \\n "}', None, "empty"),
        ('{"type": "comment", "text": "' + "x" * 501 + '"}', None, "too_long"),
        ('{"type": "comment", "text": "' + "x" * 4100 + '"}', None, "too_large"),
        ('{"type": "comment", "text": "' + "é" * 2100 + '"}', None, "too_large"),
        ('{"type": "vote", "id": true}', None, "malformed"),
        ('{"type": "vote", "id": -1}', None, "malformed"),
        ('{"type": "vote", "id": "3"}', None, "malformed"),
    ],
)
def test_unacceptable_frames_are_refused_with_a_code(text, data, code):
    with pytest.raises(protocol.ProtocolError) as refused:
        protocol.parse_command(text, data)
    assert refused.value.code == code
    assert refused.value.message


def test_text_keeps_line_breaks_but_not_control_characters_or_runs_of_blank_lines():
    assert protocol.clean_text("a\n\n\n\nb\x07\u202e") == "a\n\nb"
    assert len(protocol.clean_text("x" * 500)) == 500


def test_frames_are_compact_json_with_text_left_as_text():
    frame = protocol.serialise(protocol.viewers_frame(3))
    assert frame == '{"type":"viewers","count":3}'
    assert "Привіт <b>" in protocol.serialise({"text": "Привіт <b>"})


def test_message_ids_are_read_from_serialised_message_frames_only():
    message = protocol.message_payload(
        message_id=41, kind="comment", text="a,b", author="Ana", created="2026-01-01T00:00:00Z"
    )
    assert protocol.message_id_of(protocol.serialise(protocol.message_frame(message))) == 41
    assert protocol.message_id_of(protocol.serialise(protocol.update_frame(message))) is None
    assert protocol.message_id_of(protocol.serialise(protocol.viewers_frame(41))) is None


def test_hidden_messages_carry_neither_text_nor_author():
    message = protocol.message_payload(
        message_id=1, kind="question", text="secret", author="Ana", created="x", state="hidden"
    )
    assert message["text"] == ""
    assert message["author"] is None


# --- Rate limits ---


def test_rate_limit_allows_a_burst_of_five_then_one_every_two_seconds():
    now = [100.0]
    limiter = RateLimiter(rate=0.5, burst=5, clock=lambda: now[0])
    assert [limiter.wait_time("ana") for _ in range(5)] == [0] * 5
    assert limiter.wait_time("ana") == 2
    assert limiter.wait_time("bo") == 0
    now[0] += 2
    assert limiter.wait_time("ana") == 0
    assert limiter.wait_time("ana") == 2


# --- Hub ---


def test_hub_uses_redis_when_redis_url_is_set():
    async def check(hub):
        expected = RedisTransport if settings.REDIS_URL else LocalTransport
        assert isinstance(hub.transport, expected)

    run(check)


def test_a_broadcast_is_serialised_once_for_all_local_sockets():
    async def check(hub):
        recorders = [Recorder() for _ in range(50)]
        for recorder in recorders:
            await hub.join(ROOM, LocalSocket(recorder.send))
        with counting_serialiser() as dumps:
            await hub.publish(ROOM, protocol.message_frame({"id": 1, "text": "hello"}))
            await until(lambda: all(recorder.frames for recorder in recorders))
        assert dumps.call_count == 1
        first = recorders[0].frames[0]
        assert json.loads(first)["message"]["text"] == "hello"
        # Not merely equal: the very same string object went to every socket.
        assert all(recorder.frames == [first] for recorder in recorders)
        assert all(recorder.frames[0] is first for recorder in recorders)

    run(check, update_interval=60, viewers_interval=60)


def test_sockets_that_are_ready_are_written_without_a_task_each():
    async def check(hub):
        recorders = [Recorder() for _ in range(200)]
        for recorder in recorders:
            await hub.join(ROOM, LocalSocket(recorder.send))
        tasks_before = len(asyncio.all_tasks())
        await hub.publish(ROOM, protocol.viewers_frame(1))
        await until(lambda: all(recorder.frames for recorder in recorders))
        assert len(asyncio.all_tasks()) == tasks_before

    run(check, update_interval=60, viewers_interval=60)


def test_a_stuck_socket_does_not_hold_back_the_others_and_is_dropped_when_full():
    async def check(hub):
        dropped = []

        def on_drop(socket, reason):
            dropped.append(reason)
            hub.leave(ROOM, socket)

        recorders = [Recorder() for _ in range(20)]
        for recorder in recorders:
            await hub.join(ROOM, LocalSocket(recorder.send))
        stuck = Stuck()
        await hub.join(ROOM, LocalSocket(stuck.send, limit=3, on_drop=on_drop))
        for number in range(1, 4):
            await hub.publish(ROOM, protocol.viewers_frame(number))
        await until(lambda: all(len(recorder.frames) == 3 for recorder in recorders))
        assert len(stuck.frames) == 1 and not dropped
        for number in range(4, 7):
            await hub.publish(ROOM, protocol.viewers_frame(number))
        await until(lambda: all(len(recorder.frames) == 6 for recorder in recorders))
        assert dropped == ["slow"]
        assert len(hub.room(ROOM).sockets) == 20

    run(check, update_interval=60, viewers_interval=60)


def test_a_socket_whose_write_fails_is_dropped():
    async def check(hub):
        dropped = []

        async def broken(frame):
            raise ConnectionResetError

        recorder = Recorder()
        await hub.join(ROOM, LocalSocket(recorder.send))
        await hub.join(ROOM, LocalSocket(broken, on_drop=lambda s, reason: dropped.append(reason)))
        await hub.publish(ROOM, protocol.viewers_frame(1))
        await hub.publish(ROOM, protocol.viewers_frame(2))
        await until(lambda: len(recorder.frames) == 2)
        assert dropped == ["closed"]

    run(check, update_interval=60, viewers_interval=60)


def test_coalesced_updates_go_out_once_per_tick_with_the_latest_state():
    async def check(hub):
        recorder = Recorder()
        await hub.join(ROOM, LocalSocket(recorder.send))
        for votes in (1, 2, 3):
            await hub.publish_coalesced(ROOM, ("votes", 9), protocol.update_frame({"votes": votes}))
        await asyncio.sleep(0.3)
        updates = [json.loads(frame) for frame in recorder.frames if '"update"' in frame]
        assert [update["message"]["votes"] for update in updates] == [3]

    run(check, update_interval=0.05, viewers_interval=60)


@needs_redis
def test_one_redis_subscription_per_room_per_process_however_many_sockets():
    async def check(hub):
        other_process = RoomHub.from_settings()
        channel = hub.transport.channel(ROOM)

        async def subscriptions():
            return dict(await hub.transport.redis.pubsub_numsub(channel))[channel]

        sockets = [LocalSocket(Recorder().send) for _ in range(30)]
        for socket in sockets:
            await hub.join(ROOM, socket)
        assert await subscriptions() == 1
        await other_process.join(ROOM, LocalSocket(Recorder().send))
        assert await subscriptions() == 2
        await other_process.aclose()
        for socket in sockets[:-1]:
            hub.leave(ROOM, socket)
        assert await subscriptions() == 1
        hub.leave(ROOM, sockets[-1])
        await until_async(lambda: subscriptions(), 0)

    run(check)


@needs_redis
def test_processes_share_a_room_and_only_the_publisher_serialises():
    async def check(hub):
        other_process = RoomHub.from_settings()
        here, there = Recorder(), Recorder()
        await hub.join(ROOM, LocalSocket(here.send))
        await other_process.join(ROOM, LocalSocket(there.send))
        try:
            with counting_serialiser() as dumps:
                await hub.publish(ROOM, protocol.message_frame({"id": 5, "text": "hi"}))
                await until(lambda: here.frames and there.frames)
            assert dumps.call_count == 1
            assert (
                here.frames == there.frames == ['{"type":"message","message":{"id":5,"text":"hi"}}']
            )
        finally:
            await other_process.aclose()

    run(check, update_interval=60, viewers_interval=60)


# --- The chat socket ---


def test_a_post_reaches_every_viewer_in_the_room_and_no_other_room():
    async def check(hub):
        chat = ChatRoom(hub)
        viewers = [(await chat.join())[0] for _ in range(100)]
        elsewhere, _ = await chat.join(room=ROOM + 1)
        with counting_serialiser() as dumps:
            await post(viewers[0], "Welcome, everyone")
            messages = [(await next_frame(socket, "message"))["message"] for socket in viewers]
        assert dumps.call_count == 1
        assert {message["text"] for message in messages} == {"Welcome, everyone"}
        assert {message["id"] for message in messages} == {1}
        assert await chat_frames_within(elsewhere) == []
        await chat.close()

    run(check)


def test_messages_say_who_wrote_them_unless_the_author_asked_not_to():
    async def check(hub):
        chat = ChatRoom(hub)
        socket, _ = await chat.join(user=viewer(1))
        await post(socket, "Hello")
        await post(socket, "Shy question", kind="question", anonymous=True)
        named = (await next_frame(socket, "message"))["message"]
        anonymous = (await next_frame(socket, "message"))["message"]
        assert named["author"] == "Viewer 1"
        assert (named["kind"], named["state"], named["votes"]) == ("comment", "visible", 0)
        assert named["created"].endswith("Z")
        assert anonymous["author"] is None and anonymous["kind"] == "question"
        await chat.close()

    run(check)


def test_a_returning_viewer_gets_exactly_the_messages_after_its_last_one():
    class SlowToJoin(InMemoryChatService):
        gate = None

        async def join(self, *args):
            if self.gate is not None:
                await self.gate.wait()
            return await super().join(*args)

    async def check(hub):
        service = SlowToJoin()
        chat = ChatRoom(hub, service)
        poster, _ = await chat.join(user=viewer(1))
        for number in range(1, 4):
            await say(poster, f"message {number}")
        first_visit, backlog = await chat.join(user=viewer(2))
        assert [message["id"] for message in backlog] == [1, 2, 3]
        await say(poster, "message 4")
        assert (await next_frame(first_visit, "message"))["message"]["id"] == 4
        await first_visit.disconnect()
        chat.sockets.remove(first_visit)
        await say(poster, "message 5")

        # Back again, with message 6 published while the backlog is being read.
        service.gate = asyncio.Event()
        returning = await chat.open(user=viewer(2))
        await returning.send_json_to({"type": "resume", "last_id": 4})
        await asyncio.sleep(0.05)
        await say(poster, "message 6")
        service.gate.set()
        frames = await frames_until(returning, "joined")
        await say(poster, "message 7")
        frames.append(await next_frame(returning, "message"))
        ids = [frame["message"]["id"] for frame in frames if frame["type"] == "message"]
        assert ids == [5, 6, 7]
        assert await chat_frames_within(returning) == []
        await chat.close()

    run(check)


def test_a_first_visit_gets_the_recent_backlog():
    async def check(hub):
        chat = ChatRoom(hub, InMemoryChatService(history_limit=2))
        poster, _ = await chat.join()
        for number in range(1, 4):
            await say(poster, f"message {number}")
        _, backlog = await chat.join()
        assert [message["text"] for message in backlog] == ["message 2", "message 3"]
        await chat.close()

    run(check)


def test_a_viewer_that_never_resumes_is_joined_after_a_grace_period():
    async def check(hub):
        chat = ChatRoom(hub, join_grace=0.05)
        lurker = await chat.open()
        joined = await next_frame(lurker, "joined")
        assert joined["backlog"] == 0 and joined["moderator"] is False
        await lurker.send_json_to({"type": "resume", "last_id": 0})
        assert (await next_frame(lurker, "error"))["code"] == "already_joined"
        await chat.close()

    run(check)


def test_posting_too_fast_is_refused_with_when_to_try_again():
    async def check(hub):
        chat = ChatRoom(hub, post_limiter=RateLimiter(rate=0.5, burst=5))
        socket, _ = await chat.join(user=viewer(1))
        for number in range(6):
            await post(socket, f"message {number}")
        # The refusal goes straight back to the sender, the published messages through
        # the room: the fifth may come just before or just after it.
        frames = await frames_until(socket, "error")
        frames = [frame for frame in frames if frame["type"] != "viewers"]
        frames += await chat_frames_within(socket)
        messages = [frame["message"]["text"] for frame in frames if frame["type"] == "message"]
        assert messages == [f"message {number}" for number in range(5)]
        (error,) = [frame for frame in frames if frame["type"] == "error"]
        assert len(frames) == 6
        assert error["code"] == "rate_limited"
        assert error["retry_after"] == 2
        assert "You can send again in 2 seconds" in error["message"]
        await chat.close()

    run(check)


@pytest.mark.parametrize(
    ("frame", "code"),
    [
        ({"text_data": "this is not json"}, "malformed"),
        ({"text_data": json.dumps({"type": "comment", "text": "x" * 5000})}, "too_large"),
        ({"bytes_data": b"\x89PNG"}, "binary"),
        ({"text_data": json.dumps({"type": "comment", "text": "x" * 600})}, "too_long"),
        ({"text_data": '{"type": "launch"}'}, "unknown_type"),
    ],
)
def test_a_bad_frame_gets_an_error_and_the_socket_stays_open(frame, code):
    async def check(hub):
        chat = ChatRoom(hub)
        socket, _ = await chat.join()
        await socket.send_to(**frame)
        error = await next_frame(socket, "error")
        assert error["code"] == code and error["message"]
        await post(socket, "still here")
        assert (await next_frame(socket, "message"))["message"]["text"] == "still here"
        await chat.close()

    run(check)


def test_viewers_cannot_moderate():
    async def check(hub):
        chat = ChatRoom(hub)
        socket, _ = await chat.join(user=viewer(1))
        message = await say(socket, "Buy cheap watches")
        for action in protocol.MODERATION_ACTIONS:
            await socket.send_json_to({"type": action, "id": message["id"]})
            error = await next_frame(socket, "error")
            assert error["code"] == "forbidden"
        await chat.close()

    run(check)


def test_moderators_hide_pin_and_mute():
    async def check(hub):
        chat = ChatRoom(hub)
        staff, backlog = await chat.join(user=moderator())
        audience, _ = await chat.join(user=viewer(1))
        spammer, _ = await chat.join(user=viewer(2))
        await post(spammer, "Buy cheap watches")
        message = (await next_frame(audience, "message"))["message"]

        await staff.send_json_to({"type": "hide", "id": message["id"]})
        hidden = (await next_frame(audience, "update"))["message"]
        assert (hidden["id"], hidden["state"], hidden["text"]) == (message["id"], "hidden", "")
        ack = await next_frame(staff, "moderated")
        assert ack == {"type": "moderated", "action": "hide", "id": message["id"], "value": True}

        await staff.send_json_to({"type": "mute", "id": message["id"]})
        await next_frame(staff, "moderated")
        await post(spammer, "More watches")
        assert (await next_frame(spammer, "error"))["code"] == "muted"

        await post(staff, "Welcome!")
        welcome = (await next_frame(audience, "message"))["message"]
        await staff.send_json_to({"type": "pin", "id": welcome["id"]})
        assert (await next_frame(audience, "update"))["message"]["pinned"] is True
        await chat.close()

    run(check)


def test_premoderated_questions_reach_only_moderators_until_approved():
    async def check(hub):
        chat = ChatRoom(hub, InMemoryChatService(premoderate_questions=True))
        staff, _ = await chat.join(user=moderator())
        audience, _ = await chat.join(user=viewer(1))
        await post(audience, "When is the next session?", kind="question")
        pending = (await next_frame(staff, "message"))["message"]
        assert pending["state"] == "pending"
        assert await chat_frames_within(audience) == []

        await staff.send_json_to({"type": "approve", "id": pending["id"]})
        approved = (await next_frame(audience, "message"))["message"]
        assert (approved["id"], approved["state"]) == (pending["id"], "visible")
        assert hub.room(staff_room(ROOM)) is not None
        await chat.close()

    run(check)


def test_votes_are_counted_once_per_viewer_and_sent_coalesced():
    async def check(hub):
        chat = ChatRoom(hub)
        voters = [(await chat.join(user=viewer(pk)))[0] for pk in range(1, 4)]
        await post(voters[0], "Will slides be shared?", kind="question")
        question = (await next_frame(voters[0], "message"))["message"]
        for voter in voters:
            await voter.send_json_to({"type": "vote", "id": question["id"]})
        await voters[0].send_json_to({"type": "vote", "id": question["id"]})
        assert (await next_frame(voters[0], "error"))["code"] == "already_voted"
        update = await next_frame(voters[1], "update")
        assert update["message"]["votes"] == 3
        await chat.close()

    run(check)


def test_viewers_are_told_how_many_are_watching():
    async def check(hub):
        chat = ChatRoom(hub)
        sockets = [(await chat.join())[0] for _ in range(3)]
        count = await next_frame(sockets[0], "viewers")
        while count["count"] != 3:
            count = await next_frame(sockets[0], "viewers")
        await chat.close()

    run(check)


def test_the_exported_route_serves_the_chat_with_the_process_hub():
    async def check():
        router = WithUser(URLRouter(websocket_urlpatterns), AnonymousUser())
        socket = WebsocketCommunicator(router, f"/ws/webinars/{ROOM}/")
        connected, _ = await socket.connect()
        assert connected
        await socket.send_json_to({"type": "resume", "last_id": None})
        await next_frame(socket, "joined")
        await post(socket, "Hello")
        assert (await next_frame(socket, "message"))["message"]["text"] == "Hello"
        await socket.disconnect()
        await get_hub().aclose()

    async_to_sync(check)()


def test_a_visitor_the_service_turns_away_is_told_why_and_disconnected():
    class MembersOnly(InMemoryChatService):
        async def join(self, user, session, room, last_seen_id):
            if not user.is_authenticated:
                raise ChatDenied("Register for this webinar to join its chat.")
            return await super().join(user, session, room, last_seen_id)

    async def check(hub):
        chat = ChatRoom(hub, MembersOnly())
        member, _ = await chat.join(user=viewer(1))
        visitor = await chat.open()
        await visitor.send_json_to({"type": "resume", "last_id": None})
        error = await next_frame(visitor, "error")
        assert error == {
            "type": "error",
            "code": "denied",
            "message": "Register for this webinar to join its chat.",
        }
        assert (await visitor.receive_output(timeout=1))["type"] == "websocket.close"
        await say(member, "still open for members")
        await chat.close()

    run(check)


def test_a_socket_the_hub_gives_up_on_is_closed_so_the_client_resumes():
    async def check(hub):
        chat = ChatRoom(hub)
        socket, _ = await chat.join()
        (hub_socket,) = hub.room(ROOM).sockets
        hub_socket.drop("slow")
        output = await socket.receive_output(timeout=1)
        while output.get("text") and json.loads(output["text"])["type"] == "viewers":
            output = await socket.receive_output(timeout=1)
        assert output == {"type": "websocket.close", "code": 1013}
        assert hub.room(ROOM) is None
        await chat.close()

    run(check)


def test_broadcasts_skip_the_session_middlewares_pass_through():
    async def inner_send(message):
        pass

    wrapper = InstanceSessionWrapper({"cookies": {}}, inner_send)
    assert frame_sender(wrapper.send) is inner_send
    assert frame_sender(inner_send) is inner_send


@pytest.mark.parametrize(
    ("scope", "language"),
    [
        ({"query_string": b"lang=fr"}, "fr"),
        ({"cookies": {"django_language": "uk"}}, "uk"),
        ({"headers": [(b"accept-language", b"de-DE,sv;q=0.8,en;q=0.5")]}, "sv"),
        ({"query_string": b"lang=xx", "headers": [(b"accept-language", b"*")]}, "en"),
        ({}, "en"),
    ],
)
def test_a_sockets_language_comes_from_the_query_the_cookie_or_the_browser(scope, language):
    assert language_of(scope) == language


def test_moderators_are_not_rate_limited():
    async def check(hub):
        chat = ChatRoom(hub, post_limiter=RateLimiter(rate=0.5, burst=5))
        staff, _ = await chat.join(user=moderator())
        for number in range(8):
            await say(staff, f"answer {number}")
        await chat.close()

    run(check)
