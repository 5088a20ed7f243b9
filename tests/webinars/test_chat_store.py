"""The chat over the database: who may read and write, posts, votes, moderation, resume,
figures and retention. Socket tests go through the real consumer and hub (Redis when
REDIS_URL is set, as on CI) with the portal's own `DatabaseChatService`."""

import datetime

import pytest
from channels.testing import WebsocketCommunicator
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone

from tests.factories import (
    ChatMessageFactory,
    ChatParticipantFactory,
    RegistrationFactory,
    UserFactory,
    WebinarPageFactory,
)
from tests.webinars.test_chat_engine import (
    ChatRoom,
    chat_frames_within,
    frames_until,
    next_frame,
    post,
    run,
    say,
)
from webinars.chat import store
from webinars.chat.service import ChatDenied, ChatError
from webinars.models import (
    ChatMessage,
    ChatParticipant,
    ChatVote,
    ModerationMode,
)
from webinars.models import (
    ChatRoom as ChatRoomRow,
)
from webinars.registration import remember_in_session
from webinars.retention import purge_past_chats

pytestmark = pytest.mark.django_db

MINUTE = datetime.timedelta(minutes=1)
DAY = datetime.timedelta(days=1)


@pytest.fixture
def live_webinar(calendar):
    """Started ten minutes ago, post-moderated."""
    now = timezone.now()
    page = WebinarPageFactory(
        parent=calendar,
        slug="live-now",
        starts_at=now - 10 * MINUTE,
        ends_at=now + 50 * MINUTE,
        moderation_mode=ModerationMode.POST,
    )
    page.save_revision().publish()
    return page


@pytest.fixture
def moderator_user(users_by_role):
    return users_by_role["Moderators"]


def registrant_session(webinar, name="Amina", status="confirmed"):
    """A browser session that registered for `webinar`, as the consumer's scope has it."""
    registration = RegistrationFactory(webinar=webinar, display_name=name, status=status)
    session = SessionStore()
    remember_in_session(session, registration)
    session.save()
    return session


class WithScope:
    """Puts a user and a session in the scope, as the portal's middleware stack does."""

    def __init__(self, inner, user=None, session=None):
        self.inner, self.user, self.session = inner, user or AnonymousUser(), session

    async def __call__(self, scope, receive, send):
        return await self.inner(dict(scope, user=self.user, session=self.session), receive, send)


class StoredChat(ChatRoom):
    """ChatRoom sockets of one real webinar, through the database service."""

    def __init__(self, hub, webinar, **options):
        super().__init__(hub, store.DatabaseChatService(), **options)
        self.webinar = webinar

    async def enter(self, user=None, session=None, last_id=None):
        socket = WebsocketCommunicator(
            WithScope(self.router, user, session), f"/ws/webinars/{self.webinar.pk}/"
        )
        connected, _ = await socket.connect()
        assert connected
        self.sockets.append(socket)
        await socket.send_json_to({"type": "resume", "last_id": last_id})
        frames = await frames_until(socket, "joined")
        messages = [frame["message"] for frame in frames if frame["type"] == "message"]
        return socket, messages, frames[-1]


# --- Rules, without a socket ---


def test_only_an_open_visible_session_has_a_chat(live_webinar, webinar, users_by_role):
    assert store.chat_webinar(live_webinar.pk, AnonymousUser()) == live_webinar
    with pytest.raises(ChatDenied, match="15 minutes before"):
        store.chat_webinar(webinar.pk, AnonymousUser())
    with pytest.raises(ChatDenied, match="has ended"):
        store.chat_webinar(live_webinar.pk, AnonymousUser(), now=live_webinar.ends_at)
    with pytest.raises(ChatDenied):
        store.chat_webinar(999999, AnonymousUser())
    live_webinar.staff_only = True
    live_webinar.save_revision().publish()
    with pytest.raises(ChatDenied):
        store.chat_webinar(live_webinar.pk, AnonymousUser())
    assert store.chat_webinar(live_webinar.pk, users_by_role["Editors"]) == live_webinar


def test_registrants_and_staff_write_others_only_read(live_webinar, users_by_role):
    session = registrant_session(live_webinar, "Amina")
    registrant = store.participant_for(live_webinar, AnonymousUser(), session)
    assert (registrant.display_name, registrant.key[:13]) == ("Amina", "registration:")
    editor = store.participant_for(live_webinar, users_by_role["Editors"], None)
    assert editor.key == f"user:{users_by_role['Editors'].pk}"
    assert store.participant_for(live_webinar, AnonymousUser(), SessionStore()) is None
    waiting = registrant_session(live_webinar, "Later", status="waiting")
    assert store.participant_for(live_webinar, AnonymousUser(), waiting) is None
    with pytest.raises(ChatError) as refused:
        store.post(None, "question", "Hello?")
    assert refused.value.code == "register_first"
    # The same person twice is one participant.
    again = store.participant_for(live_webinar, AnonymousUser(), session)
    assert again.pk == registrant.pk and ChatParticipant.objects.count() == 2


def test_moderators_are_the_sessions_presenters_and_moderators_and_the_group(
    live_webinar, users_by_role
):
    editor, publisher = users_by_role["Editors"], users_by_role["Publishers"]
    assert store.can_moderate(users_by_role["Moderators"], live_webinar)
    assert not store.can_moderate(editor, live_webinar)
    assert not store.can_moderate(AnonymousUser(), live_webinar)
    live_webinar.presenters.add(editor)
    live_webinar.moderators.add(publisher)
    live_webinar.save()
    assert store.can_moderate(editor, live_webinar)
    assert store.can_moderate(publisher, live_webinar)
    outsider = UserFactory(is_staff=True)  # staff flag alone is no role
    assert not store.can_moderate(outsider, live_webinar)


def test_premoderated_questions_wait_comments_do_not(live_webinar):
    live_webinar.moderation_mode = ModerationMode.PRE
    live_webinar.save()
    author = ChatParticipantFactory(webinar=live_webinar)
    question, pending = store.post(author, "question", "Is there a replay?")
    comment, comment_pending = store.post(author, "comment", "Hello from Lyon")
    assert (question.state, pending) == ("pending", True)
    assert (comment.state, comment_pending) == ("visible", False)
    assert list(store.backlog(live_webinar, moderator=False)) == [comment]
    assert list(store.backlog(live_webinar, moderator=True)) == [question, comment]


def test_a_vote_counts_once_and_only_for_visible_questions(live_webinar):
    author, voter = ChatParticipantFactory.create_batch(2, webinar=live_webinar)
    question = ChatMessageFactory(participant=author)
    comment = ChatMessageFactory(participant=author, kind="comment")
    hidden = ChatMessageFactory(participant=author, state="hidden")
    assert store.vote(voter, question.pk).votes == 1
    for message_id, code in [
        (question.pk, "already_voted"),
        (comment.pk, "not_votable"),
        (hidden.pk, "not_found"),
        (question.pk + 1000, "not_found"),
    ]:
        with pytest.raises(ChatError) as refused:
            store.vote(voter, message_id)
        assert refused.value.code == code
    assert ChatMessage.objects.get(pk=question.pk).votes == 1
    assert ChatVote.objects.count() == 1


def test_an_answer_records_its_text_who_and_when_and_can_be_taken_back(
    live_webinar, moderator_user
):
    question = ChatMessageFactory(participant=ChatParticipantFactory(webinar=live_webinar))
    answered, was_public = store.moderate(
        live_webinar.pk, moderator_user, "answer", question.pk, True, "Yes, next week."
    )
    assert was_public
    assert (answered.answered, answered.answer, answered.answered_by) == (
        True,
        "Yes, next week.",
        moderator_user,
    )
    assert answered.answered_at is not None
    undone, _ = store.moderate(live_webinar.pk, moderator_user, "answer", question.pk, False)
    assert (undone.answered, undone.answer, undone.answered_at) == (False, "", None)


def test_a_message_of_another_room_cannot_be_moderated(live_webinar, webinar, moderator_user):
    elsewhere = ChatMessageFactory(participant=ChatParticipantFactory(webinar=webinar))
    with pytest.raises(ChatError):
        store.moderate(live_webinar.pk, moderator_user, "hide", elsewhere.pk)
    assert ChatMessage.objects.get(pk=elsewhere.pk).state == "visible"


def test_anonymous_authors_are_hidden_from_viewers_and_named_to_moderators(live_webinar):
    author = ChatParticipantFactory(webinar=live_webinar, display_name="Oleh")
    message, _ = store.post(author, "question", "Do I lose my benefit?", anonymous=True)
    public = store.payload(message)
    assert (public["author"], public["anonymous"]) == (None, True)
    assert store.payload(message, moderator=True)["author"] == "Oleh"
    broadcast = store.broadcast("message", message)
    assert broadcast.message["author"] is None and broadcast.hidden_author == "Oleh"


def test_the_peak_of_viewers_only_goes_up(live_webinar):
    store.record_viewers(live_webinar.pk, 120)
    store.record_viewers(live_webinar.pk, 480)
    store.record_viewers(live_webinar.pk, 300)
    assert ChatRoomRow.objects.get(webinar=live_webinar).peak_viewers == 480


# --- Through the socket ---


def test_a_registrant_posts_and_every_viewer_sees_it(live_webinar):
    session = registrant_session(live_webinar, "Amina")

    async def check(hub):
        chat = StoredChat(hub, live_webinar)
        reader, _, joined = await chat.enter()
        assert joined["moderator"] is False
        writer, _, _ = await chat.enter(session=session)
        message = await say(writer, "Hello from Marseille")
        assert message["author"] == "Amina"
        assert (await next_frame(reader, "message"))["message"]["id"] == message["id"]
        await post(reader, "Can I write too?")
        assert (await next_frame(reader, "error"))["code"] == "register_first"
        await chat.close()

    run(check)
    assert ChatMessage.objects.get().text == "Hello from Marseille"


def test_a_viewer_resumes_from_the_database_without_loss_or_duplicates(live_webinar):
    session = registrant_session(live_webinar)

    async def check(hub):
        chat = StoredChat(hub, live_webinar)
        writer, _, _ = await chat.enter(session=session)
        first = [await say(writer, f"message {n}") for n in range(1, 4)]
        viewer, backlog, _ = await chat.enter()
        assert [m["id"] for m in backlog] == [m["id"] for m in first]
        await viewer.disconnect()
        chat.sockets.remove(viewer)
        later = [await say(writer, f"message {n}") for n in range(4, 6)]
        # A second service instance, as in another process, reads the same history.
        other = StoredChat(hub, live_webinar)
        returning, missed, _ = await other.enter(last_id=first[-1]["id"])
        assert [m["id"] for m in missed] == [m["id"] for m in later]
        assert await chat_frames_within(returning) == []
        await other.close()
        await chat.close()

    run(check)


def test_moderation_over_the_socket_and_non_staff_refused(live_webinar, moderator_user):
    session = registrant_session(live_webinar)

    async def check(hub):
        chat = StoredChat(hub, live_webinar)
        staff, _, joined = await chat.enter(user=moderator_user)
        assert joined["moderator"] is True
        viewer, _, _ = await chat.enter(session=session)
        question = await say(viewer, "Where are the slides?", kind="question", anonymous=True)
        assert question["author"] is None
        assert (await next_frame(staff, "author"))["author"] == "Amina"

        await viewer.send_json_to({"type": "hide", "id": question["id"]})
        assert (await next_frame(viewer, "error"))["code"] == "forbidden"

        await staff.send_json_to({"type": "answer", "id": question["id"], "text": "Below."})
        update = (await next_frame(viewer, "update"))["message"]
        assert (update["answered"], update["answer"]) == (True, "Below.")
        await staff.send_json_to({"type": "mute", "id": question["id"]})
        await next_frame(staff, "moderated")
        await post(viewer, "spam")
        assert (await next_frame(viewer, "error"))["code"] == "muted"
        await chat.close()

    run(check)
    stored = ChatMessage.objects.get()
    assert (stored.answer, stored.state) == ("Below.", "visible")
    assert ChatParticipant.objects.get(key__startswith="registration:").muted


def test_a_mute_holds_after_reconnecting(live_webinar, moderator_user):
    session = registrant_session(live_webinar)
    author = store.participant_for(live_webinar, AnonymousUser(), session)
    message = ChatMessageFactory(participant=author, kind="comment")
    store.moderate(live_webinar.pk, moderator_user, "mute", message.pk)

    async def check(hub):
        chat = StoredChat(hub, live_webinar)
        socket, _, _ = await chat.enter(session=session)
        await post(socket, "I am back")
        assert (await next_frame(socket, "error"))["code"] == "muted"
        await chat.close()

    run(check)


def test_votes_over_the_socket_count_once(live_webinar):
    sessions = [registrant_session(live_webinar, f"Viewer {n}") for n in range(3)]

    async def check(hub):
        chat = StoredChat(hub, live_webinar)
        sockets = [(await chat.enter(session=session))[0] for session in sessions]
        question = await say(sockets[0], "Is it recorded?", kind="question")
        for socket in sockets:
            await socket.send_json_to({"type": "vote", "id": question["id"]})
        await sockets[1].send_json_to({"type": "vote", "id": question["id"]})
        assert (await next_frame(sockets[1], "error"))["code"] == "already_voted"
        update = await next_frame(sockets[2], "update")
        while update["message"]["votes"] != 3:
            update = await next_frame(sockets[2], "update")
        await chat.close()

    run(check)
    assert ChatMessage.objects.get().votes == 3


def test_a_closed_chat_turns_the_socket_away(webinar):
    async def check(hub):
        chat = StoredChat(hub, webinar)
        socket = WebsocketCommunicator(WithScope(chat.router), f"/ws/webinars/{webinar.pk}/")
        connected, _ = await socket.connect()
        assert connected
        await socket.send_json_to({"type": "resume", "last_id": None})
        error = await next_frame(socket, "error")
        assert error["code"] == "denied" and "15 minutes" in error["message"]
        await socket.disconnect()

    run(check)


# --- Retention ---


def test_the_chat_is_erased_90_days_after_keeping_answered_questions_anonymised(
    live_webinar,
):
    author, voter = ChatParticipantFactory.create_batch(2, webinar=live_webinar)
    answered = ChatMessageFactory(participant=author, answered=True, answer="Yes.")
    open_question = ChatMessageFactory(participant=author)
    hidden_answered = ChatMessageFactory(participant=author, answered=True, state="hidden")
    comment = ChatMessageFactory(participant=author, kind="comment")
    store.vote(voter, answered.pk)

    assert purge_past_chats(live_webinar.ends_at + 89 * DAY) == 0
    assert ChatParticipant.objects.count() == 2
    assert purge_past_chats(live_webinar.ends_at + 91 * DAY) == 3
    assert not ChatMessage.objects.filter(
        pk__in=[open_question.pk, hidden_answered.pk, comment.pk]
    ).exists()
    kept = ChatMessage.objects.get()
    assert (kept.pk, kept.author_name, kept.participant, kept.votes) == (answered.pk, "", None, 1)
    assert kept.answer == "Yes."
    assert not ChatParticipant.objects.exists() and not ChatVote.objects.exists()
