"""The live room's pages: posting and voting without JavaScript, the moderation page
and the presenter's view (moderators only), the replay's questions and answers, and the
rating after the session. Every refusal is a page that says why, never an error page."""

import datetime
from unittest import mock

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation

from tests.factories import (
    ChatMessageFactory,
    ChatParticipantFactory,
    RegistrationFactory,
    UserFactory,
)
from webinars.chat.protocol import author_frame
from webinars.models import ChatMessage, ChatVote, ModerationMode, SessionRating
from webinars.registration import remember_in_session
from webinars.views_chat import POSTS_PER_MINUTE, RATINGS_PER_HOUR

pytestmark = pytest.mark.django_db

MINUTE = datetime.timedelta(minutes=1)
PAGE = "/en/calendar/writing-a-cv/"


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def text_of(response, selector):
    element = soup(response).select_one(selector)
    assert element is not None, f"nothing matches {selector!r}"
    return element.get_text(" ", strip=True)


def texts(response, selector):
    return [element.get_text(" ", strip=True) for element in soup(response).select(selector)]


def chat_url(name, webinar, language="en"):
    with translation.override(language):
        return reverse(name, args=[webinar.pk])


def register_in(client, webinar, name="Amina", status="confirmed"):
    """This browser registered for `webinar`, as the registration view remembers it."""
    registration = RegistrationFactory(webinar=webinar, display_name=name, status=status)
    session = client.session
    remember_in_session(session, registration)
    session.save()
    return registration


def post(client, webinar, language="en", **data):
    fields = {"kind": "question", "text": "Can I train while I am on benefits?", **data}
    fields = {name: value for name, value in fields.items() if value is not None}
    return client.post(chat_url("webinar_chat_post", webinar, language), fields)


def moderate(client, webinar, message, action, value="1", **data):
    fields = {"message": message.pk, "action": action, "value": value, **data}
    return client.post(chat_url("webinar_chat_moderate", webinar), fields)


@pytest.fixture(autouse=True)
def published():
    """What the pages tell the live sockets (no ASGI server runs in these tests)."""
    with mock.patch("webinars.views_chat.publish_from_sync") as publish:
        yield publish


@pytest.fixture
def live(webinar):
    """The clock ten minutes into the session."""
    with time_machine.travel(webinar.starts_at + 10 * MINUTE, tick=False):
        yield webinar


@pytest.fixture
def post_moderated(webinar):
    webinar.moderation_mode = ModerationMode.POST
    webinar.save_revision().publish()
    return webinar


@pytest.fixture
def moderator(users_by_role):
    return users_by_role["Moderators"]


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


# --- The live room on the webinar page ---


def test_the_live_room_names_its_socket_and_offers_the_form_to_registrants(client, live):
    register_in(client, live)
    response = client.get(PAGE)
    chat = soup(response).select_one("section#chat")
    assert chat["data-chat-url"] == f"/ws/webinars/{live.pk}/?lang=en"
    assert soup(response).find("script", src="/static/webinars/js/chat.js")
    form = chat.select_one("form[data-chat-form]")
    assert form["action"] == chat_url("webinar_chat_post", live)
    assert form.select_one("input[name=csrfmiddlewaretoken]")
    assert {label["for"] for label in form.select("label")} == {
        "id_kind_0",
        "id_kind_1",
        "chat-text",
        "chat-anonymous",
    }
    assert form.select_one("fieldset legend").get_text(strip=True) == "What are you sending?"
    # The socket is told the visitor's language.
    french = soup(client.get(f"/fr{PAGE[3:]}")).select_one("section#chat")
    assert french["data-chat-url"] == f"/ws/webinars/{live.pk}/?lang=fr"


def test_before_the_room_opens_there_is_no_socket(client, webinar):
    chat = soup(client.get(PAGE)).select_one("section#chat")
    assert not chat.has_attr("data-chat-url")
    assert "The chat opens 15 minutes before the session starts" in chat.get_text()


def test_a_registrant_posts_a_question_without_javascript(client, post_moderated, published):
    with time_machine.travel(post_moderated.starts_at + 10 * MINUTE, tick=False):
        register_in(client, post_moderated, name="Amina")
        response = post(client, post_moderated)
        assert response.status_code == 302
        assert response["Location"] == f"{PAGE}?chat=posted#chat"
        page = client.get(response["Location"])
    assert text_of(page, "[data-chat-notice]") == "Your message has been sent."
    (question,) = soup(page).select('[data-chat-list="questions"] li')
    assert "Can I train while I am on benefits?" in question.get_text()
    assert "Amina" in question.select_one(".chat-message__author").get_text()
    message = ChatMessage.objects.get()
    assert (message.webinar_id, message.kind, message.state) == (
        post_moderated.pk,
        "question",
        "visible",
    )
    room, frame = published.call_args.args
    assert room == str(post_moderated.pk)
    assert frame["type"] == "message"
    assert frame["message"]["text"] == "Can I train while I am on benefits?"


def test_a_comment_goes_to_the_comments(client, live):
    register_in(client, live)
    response = post(client, live, kind="comment", text="Thank you, very clear!")
    assert response.status_code == 302
    page = client.get(PAGE)
    assert texts(page, '[data-chat-list="comments"] .chat-message__text') == [
        "Thank you, very clear!"
    ]
    assert soup(page).select('[data-chat-list="questions"] li') == []


def test_an_anonymous_question_hides_the_name_but_not_from_moderators(
    client, post_moderated, published, moderator
):
    with time_machine.travel(post_moderated.starts_at + 10 * MINUTE, tick=False):
        register_in(client, post_moderated, name="Amina")
        post(client, post_moderated, anonymous="on")
        assert "Amina" not in text_of(client.get(PAGE), '[data-chat-list="questions"]')
        client.force_login(moderator)
        moderator_view = text_of(client.get(PAGE), '[data-chat-list="questions"]')
    assert "Amina, asked anonymously" in moderator_view
    message = ChatMessage.objects.get()
    public, staff = (call.args for call in published.call_args_list)
    assert public[1]["message"]["author"] is None
    assert staff == (f"{post_moderated.pk}/staff", author_frame(message.pk, "Amina"))


def test_a_visitor_who_has_not_registered_is_asked_to_register_first(client, live):
    response = post(client, live, text="Hello")
    assert response.status_code == 403
    assert "Register for this webinar (a name is enough) to take part." in text_of(
        response, "#chat-refusal"
    )
    assert soup(response).select_one("#chat-refusal a")["href"] == reverse(
        "webinar_register", args=[live.pk]
    )
    assert soup(response).select_one("textarea#chat-text").get_text() == "Hello"
    assert not ChatMessage.objects.exists()
    # The page itself tells them before they try.
    assert "register for this webinar" in text_of(client.get(PAGE), "#chat .callout")


def test_someone_on_the_waiting_list_cannot_write_yet(client, live):
    register_in(client, live, status="waiting")
    assert "on the waiting list" in text_of(client.get(PAGE), "#chat .callout")
    assert post(client, live).status_code == 403
    assert not ChatMessage.objects.exists()


def test_a_muted_participant_is_refused(client, live):
    registration = register_in(client, live)
    ChatParticipantFactory(webinar=live, key=f"registration:{registration.key.hex}", muted=True)
    response = post(client, live)
    assert response.status_code == 403
    assert "A moderator has turned off your messages." in text_of(response, "#chat-refusal")
    assert not ChatMessage.objects.exists()
    assert "turned off your messages" in text_of(client.get(PAGE), "#chat .callout")
    assert soup(client.get(PAGE)).select_one("form[data-chat-form]") is None


def test_a_pre_moderated_question_waits_for_approval_on_the_moderation_page(
    client, live, moderator, published
):
    register_in(client, live, name="Amina")
    response = post(client, live, text="Is the training paid?")
    assert response["Location"] == f"{PAGE}?chat=pending#chat"
    page = client.get(response["Location"])
    assert "once a moderator has approved it" in text_of(page, "[data-chat-notice]")
    assert "Is the training paid?" not in text_of(page, "#chat")
    assert published.call_args.args[0] == f"{live.pk}/staff"

    client.force_login(moderator)
    moderation = client.get(chat_url("webinar_chat_moderate", live))
    assert moderation.status_code == 200
    assert "Is the training paid?" in text_of(moderation, "#moderate-pending-heading + ol")
    message = ChatMessage.objects.get()
    response = moderate(client, live, message, "approve")
    assert response.status_code == 302
    assert response["Location"].endswith(f"?done=approve#chat-message-{message.pk}")
    room, frame = published.call_args.args
    assert (room, frame["type"], frame["message"]["state"]) == (str(live.pk), "message", "visible")
    client.logout()
    assert "Is the training paid?" in text_of(client.get(PAGE), '[data-chat-list="questions"]')


def test_moderators_pin_hide_mute_and_answer_through_plain_forms(moderator_client, live, published):
    participant = ChatParticipantFactory(webinar=live, display_name="Amina")
    question = ChatMessageFactory(participant=participant, text="When do I get paid?")
    for action, value in [("pin", "1"), ("answer", "1"), ("mute", "1")]:
        answer = "On the 5th of each month." if action == "answer" else ""
        response = moderate(moderator_client, live, question, action, value, answer=answer)
        assert response.status_code == 302, response.content.decode()[:500]
    question.refresh_from_db()
    participant.refresh_from_db()
    assert (question.pinned, question.answered, question.answer) == (
        True,
        True,
        "On the 5th of each month.",
    )
    assert participant.muted
    page = moderator_client.get(chat_url("webinar_chat_moderate", live))
    item = soup(page).select_one(f"#chat-message-{question.pk}")
    assert "Author muted" in item.get_text()
    assert item.select_one("textarea[name=answer]").get_text() == "On the 5th of each month."
    moderate(moderator_client, live, question, "hide")
    question.refresh_from_db()
    assert question.state == "hidden"
    assert "When do I get paid?" in text_of(
        moderator_client.get(chat_url("webinar_chat_moderate", live)),
        "#moderate-hidden-heading + ol",
    )


@pytest.mark.parametrize("who", ["anonymous", "Editors", "Managers"])
def test_only_the_sessions_moderators_open_the_moderation_and_presenter_pages(
    client, live, users_by_role, who
):
    question = ChatMessageFactory(participant=ChatParticipantFactory(webinar=live))
    if who != "anonymous":
        client.force_login(users_by_role[who])
    for name in ("webinar_chat_moderate", "webinar_chat_presenter"):
        response = client.get(chat_url(name, live))
        assert response.status_code == 403
        assert "Only the presenters and moderators" in text_of(response, ".message--error")
        assert question.text not in response.content.decode()
    response = moderate(client, live, question, "hide")
    assert response.status_code == 403
    question.refresh_from_db()
    assert question.state == "visible"


def test_a_presenter_of_the_session_is_a_moderator(client, live):
    presenter = UserFactory(username="presenter", groups=["Editors"])
    live.presenters.add(presenter)
    live.save_revision().publish()
    client.force_login(presenter)
    assert client.get(chat_url("webinar_chat_moderate", live)).status_code == 200


def test_the_presenter_view_shows_the_top_open_questions_in_order(moderator_client, live):
    participant = ChatParticipantFactory(webinar=live)
    few = ChatMessageFactory(participant=participant, text="Few votes", votes=2)
    many = ChatMessageFactory(participant=participant, text="Many votes", votes=9)
    done = ChatMessageFactory(participant=participant, text="Answered", votes=20, answered=True)
    ChatMessageFactory(participant=participant, text="Waiting", state="pending")
    response = moderator_client.get(chat_url("webinar_chat_presenter", live))
    assert response.status_code == 200
    assert texts(response, ".presenter-questions .chat-message__text") == [
        many.text,
        few.text,
        done.text,
    ]
    section = soup(response).select_one("section.presenter")
    assert section["data-chat-mode"] == "presenter"
    assert section["data-chat-url"] == f"/ws/webinars/{live.pk}/?lang=en"
    # Large type for a screen, and no buttons to press by mistake.
    assert soup(response).select(".presenter-questions button") == []


def test_a_question_gets_one_vote_per_participant(client, live, published):
    question = ChatMessageFactory(participant=ChatParticipantFactory(webinar=live))
    register_in(client, live)
    url = chat_url("webinar_chat_vote", live)
    response = client.post(url, {"message": question.pk})
    assert response.status_code == 302
    assert response["Location"] == f"{PAGE}?chat=voted#chat-message-{question.pk}"
    assert published.call_args.args[1]["message"]["votes"] == 1
    again = client.post(url, {"message": question.pk})
    assert again.status_code == 409
    assert "You have already voted for this question." in text_of(again, "#chat-refusal")
    question.refresh_from_db()
    assert question.votes == 1
    assert ChatVote.objects.count() == 1
    button = soup(client.get(PAGE)).select_one(f"#chat-message-{question.pk} form button")
    assert button.has_attr("disabled")
    assert button.get_text(strip=True) == "Voted"


def test_comments_cannot_be_voted_for(client, live):
    comment = ChatMessageFactory(participant=ChatParticipantFactory(webinar=live), kind="comment")
    register_in(client, live)
    response = client.post(chat_url("webinar_chat_vote", live), {"message": comment.pk})
    assert response.status_code == 400
    assert "Only questions can be voted for." in text_of(response, "#chat-refusal")


@pytest.mark.parametrize(
    ("data", "status", "message"),
    [
        ({"text": ""}, 400, "Write something before sending."),
        ({"text": "   \n  "}, 400, "Write something before sending."),
        ({"text": "x" * 5000}, 400, "A message may be at most 500 characters long."),
        ({"text": None}, 400, "Write something before sending."),
        ({"kind": None}, 400, "Choose whether you are sending a question or a comment."),
        ({"kind": "poll"}, 400, "Choose whether you are sending a question or a comment."),
    ],
)
def test_bad_posts_are_refused_with_a_message_and_the_text_kept(
    client, live, data, status, message
):
    register_in(client, live)
    response = post(client, live, **data)
    assert response.status_code == status
    assert message in text_of(response, "#chat-refusal")
    if data.get("text"):
        assert soup(response).select_one("textarea#chat-text").get_text() == data["text"]
    assert not ChatMessage.objects.exists()


def test_refusals_are_in_the_visitors_language(client, live):
    register_in(client, live)
    response = post(client, live, language="fr", text="")
    assert response.status_code == 400
    assert "Écrivez quelque chose avant d’envoyer." in text_of(response, "#chat-refusal")
    assert soup(response).html["lang"] == "fr"


@pytest.mark.parametrize(
    ("data", "status", "message"),
    [
        ({"message": "999999"}, 404, "This message no longer exists."),
        ({"message": "abc"}, 400, "Choose a question to vote for."),
        ({}, 400, "Choose a question to vote for."),
    ],
)
def test_bad_votes_are_refused_with_a_message(client, live, data, status, message):
    register_in(client, live)
    response = client.post(chat_url("webinar_chat_vote", live), data)
    assert response.status_code == status
    assert message in text_of(response, "#chat-refusal")


def test_a_message_of_another_webinar_cannot_be_voted_for(client, live, calendar):
    from tests.factories import WebinarPageFactory

    other = WebinarPageFactory(parent=calendar, slug="other")
    other.save_revision().publish()
    elsewhere = ChatMessageFactory(participant=ChatParticipantFactory(webinar=other))
    register_in(client, live)
    response = client.post(chat_url("webinar_chat_vote", live), {"message": elsewhere.pk})
    assert response.status_code == 404


def test_unknown_pages_and_get_requests_are_plain_errors(client, live):
    assert client.post("/en/webinar-chat/999999/post/", {"text": "Hi"}).status_code == 404
    assert client.get(chat_url("webinar_chat_post", live)).status_code == 405
    assert client.get(chat_url("webinar_chat_vote", live)).status_code == 405
    assert client.get(chat_url("webinar_rate", live)).status_code == 405


def test_a_staff_only_webinars_room_is_not_found_by_the_public(client, live):
    live.staff_only = True
    live.save_revision().publish()
    assert post(client, live).status_code == 404
    assert client.get(chat_url("webinar_chat_presenter", live)).status_code == 404


@pytest.mark.parametrize(
    ("moment", "message"),
    [
        (datetime.timedelta(days=-1), "The chat opens 15 minutes before the session starts."),
        (datetime.timedelta(hours=2), "The session has ended."),
    ],
)
def test_posting_outside_the_session_is_refused(client, webinar, moment, message):
    register_in(client, webinar)
    with time_machine.travel(webinar.starts_at + moment, tick=False):
        response = post(client, webinar)
        vote = client.post(chat_url("webinar_chat_vote", webinar), {"message": 1})
    assert response.status_code == 400
    assert message in text_of(response, "#chat-refusal")
    assert soup(response).select_one("form[data-chat-form]") is None
    assert vote.status_code == 400
    assert not ChatMessage.objects.exists()


def test_posting_is_rate_limited_per_client(client, post_moderated):
    with time_machine.travel(post_moderated.starts_at + 10 * MINUTE, tick=False):
        register_in(client, post_moderated)
        for number in range(POSTS_PER_MINUTE):
            assert post(client, post_moderated, text=f"Comment {number}").status_code == 302
        response = post(client, post_moderated, text="One too many")
    assert response.status_code == 429
    assert "a lot in a short time" in text_of(response, "#chat-refusal")
    assert soup(response).select_one("textarea#chat-text").get_text() == "One too many"
    assert ChatMessage.objects.count() == POSTS_PER_MINUTE


def test_a_post_on_a_translation_goes_to_the_sessions_room(client, live, locales):
    calendar_fr = live.get_parent().specific.copy_for_translation(locales["fr"], copy_parents=True)
    calendar_fr.save_revision().publish()
    copy = live.copy_for_translation(locales["fr"])
    copy.save_revision().publish()
    register_in(client, live)
    response = post(client, copy, language="fr")
    assert response["Location"] == "/fr/calendar/writing-a-cv/?chat=pending#chat"
    assert ChatMessage.objects.get().webinar_id == live.pk


def test_a_post_is_kept_when_the_live_room_cannot_be_told(client, post_moderated, published):
    published.side_effect = ConnectionError("Redis is down")
    with time_machine.travel(post_moderated.starts_at + 10 * MINUTE, tick=False):
        register_in(client, post_moderated)
        assert post(client, post_moderated).status_code == 302
    assert ChatMessage.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "status", "message"),
    [
        ({"action": "explode"}, 400, "Choose what to do with the message."),
        ({"message": "999999"}, 404, "This message no longer exists."),
        ({"message": ""}, 400, "Choose a message."),
        ({"answer": "y" * 1001}, 400, "at most 1000 characters"),
    ],
)
def test_bad_moderation_is_refused_with_a_message(moderator_client, live, data, status, message):
    question = ChatMessageFactory(participant=ChatParticipantFactory(webinar=live))
    fields = {"message": question.pk, "action": "answer", "value": "1", **data}
    response = moderator_client.post(chat_url("webinar_chat_moderate", live), fields)
    assert response.status_code == status
    assert message in text_of(response, "#chat-refusal")
    if "answer" in data:
        typed = soup(response).select_one(f"#answer-{question.pk}").get_text()
        assert typed == data["answer"]
    question.refresh_from_db()
    assert not question.answered


# --- After the session: the archived questions and answers, and the rating ---


@pytest.fixture
def ended(webinar):
    with time_machine.travel(webinar.ends_at + datetime.timedelta(days=1), tick=False):
        yield webinar


def test_the_replay_shows_approved_questions_with_their_answers(client, ended):
    participant = ChatParticipantFactory(webinar=ended, display_name="Amina")
    answered = ChatMessageFactory(
        participant=participant,
        text="Can I train while on benefits?",
        answered=True,
        answer="Yes, with your counsellor's approval.",
        anonymous=True,
    )
    open_question = ChatMessageFactory(participant=participant, text="Is it paid?", votes=3)
    erased = ChatMessageFactory(
        participant=participant, text="Where are the slides?", author_name="", answered=True
    )
    ChatMessageFactory(participant=participant, text="Never approved", state="pending")
    ChatMessageFactory(participant=participant, text="Rude", state="hidden")
    ChatMessageFactory(participant=participant, text="Thanks!", kind="comment")
    response = client.get(PAGE)
    archive = soup(response).select_one("#replay #questions")
    assert archive.h3.get_text(strip=True) == "Questions and answers"
    assert texts(response, "#questions .chat-message__text") == [
        answered.text,
        erased.text,
        open_question.text,
    ]
    authors = texts(response, "#questions .chat-message__author")
    assert authors == ["Anonymous", "Anonymous", "Amina"]
    assert "Yes, with your counsellor's approval." in archive.get_text()
    assert "Not answered during the session." in archive.get_text()


def test_a_replay_without_questions_has_no_archive(client, ended):
    assert soup(client.get(PAGE)).select_one("#questions") is None


def test_an_answer_typed_after_the_session_is_in_the_replay(moderator_client, ended):
    question = ChatMessageFactory(participant=ChatParticipantFactory(webinar=ended))
    response = moderate(moderator_client, ended, question, "answer", answer="Call 3949.")
    assert response.status_code == 302
    assert "Call 3949." in text_of(moderator_client.get(PAGE), "#questions")


def test_a_rating_is_stored_once_per_browser_session(client, ended):
    form = soup(client.get(PAGE)).select_one("#rating form")
    assert form["action"] == chat_url("webinar_rate", ended)
    assert form.select_one("legend").get_text(strip=True) == "How useful was this session?"
    assert [radio["value"] for radio in form.select("input[type=radio]")] == list("12345")
    response = client.post(chat_url("webinar_rate", ended), {"rating": "4"})
    assert response.status_code == 302
    assert response["Location"] == f"{PAGE}?rating=thanks#rating"
    rating = SessionRating.objects.get()
    assert (rating.webinar_id, rating.rating) == (ended.pk, 4)
    thanks = client.get(PAGE)
    assert "Thank you" in text_of(thanks, "#rating [role=status]")
    assert soup(thanks).select_one("#rating form") is None
    again = client.post(chat_url("webinar_rate", ended), {"rating": "1"})
    assert again.status_code == 409
    assert "already rated" in text_of(again, ".message--error")
    assert SessionRating.objects.count() == 1


@pytest.mark.parametrize("value", ["0", "6", "abc", "", None])
def test_a_rating_must_be_from_1_to_5(client, ended, value):
    data = {} if value is None else {"rating": value}
    response = client.post(chat_url("webinar_rate", ended), data)
    assert response.status_code == 400
    assert "Choose a number from 1 to 5." in text_of(response, ".message--error")
    assert not SessionRating.objects.exists()


def test_a_session_can_only_be_rated_once_it_has_ended(client, live):
    response = client.post(chat_url("webinar_rate", live), {"rating": "5"})
    assert response.status_code == 400
    assert "once it has ended" in text_of(response, ".message--error")
    assert not SessionRating.objects.exists()


def test_ratings_are_rate_limited_per_client(client, ended):
    for _number in range(RATINGS_PER_HOUR):
        client.cookies.clear()  # a new browser session each time, from the same client
        assert client.post(chat_url("webinar_rate", ended), {"rating": "3"}).status_code == 302
    client.cookies.clear()
    response = client.post(chat_url("webinar_rate", ended), {"rating": "3"})
    assert response.status_code == 429
    assert SessionRating.objects.count() == RATINGS_PER_HOUR
