"""Draft FAQs from a webinar's answered questions: staff who may add FAQs tick questions
and get one draft each, in the webinar's language, that shows on no page until a
Publisher approves it; everyone else is refused, and bad input gets a message."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.models import ModelLogEntry

from content.models import FAQSnippet
from tests.factories import (
    ChatMessageFactory,
    ChatParticipantFactory,
    GuidanceIndexPageFactory,
    GuidancePageFactory,
    WebinarPageFactory,
)

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def drafts():
    """FAQs not live: the ones made here (any FAQ the demo content left is live)."""
    return FAQSnippet.objects.filter(live=False)


def url_for(webinar):
    return reverse("webinar_draft_faqs", args=[webinar.pk])


@pytest.fixture
def room(webinar):
    """One participant's questions and comments in the webinar's chat, by kind."""
    viewer = ChatParticipantFactory(webinar=webinar, display_name="Amina K.")
    answered = ChatMessageFactory(
        participant=viewer,
        text="Can I apply while on benefits?",
        answered=True,
        answer="Yes.\n\nTell your counsellor first.",
    )
    return {
        "answered": answered,
        "second": ChatMessageFactory(
            participant=viewer, text="Is the course free?", answered=True, answer="Always."
        ),
        "open": ChatMessageFactory(participant=viewer, text="Who marks the test?"),
        "aloud": ChatMessageFactory(participant=viewer, text="Spoken answer?", answered=True),
        "hidden": ChatMessageFactory(
            participant=viewer, text="Spam spam", answered=True, answer="No.", state="hidden"
        ),
        "comment": ChatMessageFactory(participant=viewer, kind="comment", text="Hello all"),
    }


@pytest.fixture
def editor(client, users_by_role):
    client.force_login(users_by_role["Editors"])
    return users_by_role["Editors"]


def test_only_questions_answered_in_writing_are_offered_all_ticked(client, editor, room):
    response = client.get(url_for(room["answered"].webinar))
    assert response.status_code == 200
    boxes = soup(response).select('input[name="questions"]')
    assert {int(box["value"]) for box in boxes} == {room["answered"].pk, room["second"].pk}
    assert all(box.has_attr("checked") for box in boxes)
    assert "Tell your counsellor first." in response.content.decode()


def test_editor_makes_one_draft_per_question_in_the_webinars_language(client, editor, room):
    webinar = room["answered"].webinar
    response = client.post(
        url_for(webinar), {"questions": [room["answered"].pk, room["second"].pk]}
    )
    listing = reverse("wagtailsnippets_content_faqsnippet:list")
    assert response.status_code == 302
    assert response["Location"].startswith(listing)
    faq = drafts().get(question="Can I apply while on benefits?")
    assert faq.live is False
    assert faq.locale == webinar.locale
    assert faq.answer == "<p>Yes.</p>\n\n<p>Tell your counsellor first.</p>"
    assert faq.latest_revision is not None
    assert ModelLogEntry.objects.filter(object_id=str(faq.pk), action="wagtail.create").exists()
    room["answered"].refresh_from_db()
    assert room["answered"].faq == faq
    assert drafts().count() == 2
    (message,) = get_messages(response.wsgi_request)
    assert "2 draft FAQs made" in str(message) and webinar.title in str(message)
    assert client.get(response["Location"]).status_code == 200


def test_only_the_ticked_questions_become_faqs(client, editor, room):
    client.post(url_for(room["answered"].webinar), {"questions": [room["second"].pk]})
    assert list(drafts().values_list("question", flat=True)) == ["Is the course free?"]
    room["answered"].refresh_from_db()
    assert room["answered"].faq is None


def test_the_typed_answer_is_escaped(client, editor, webinar):
    viewer = ChatParticipantFactory(webinar=webinar)
    question = ChatMessageFactory(
        participant=viewer,
        text="What about <b>tags</b>?",
        answered=True,
        answer='<script>alert("x")</script> & line\nbreak',
    )
    client.post(url_for(webinar), {"questions": [question.pk]})
    faq = drafts().get()
    assert faq.question == "What about <b>tags</b>?"  # plain text, escaped when shown
    assert faq.answer == (
        "<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; line<br>break</p>"
    )


def test_a_long_question_is_cut_to_fit(client, editor, webinar):
    viewer = ChatParticipantFactory(webinar=webinar)
    question = ChatMessageFactory(
        participant=viewer, text="Why " * 120, answered=True, answer="Because."
    )
    response = client.post(url_for(webinar), {"questions": [question.pk]})
    assert response.status_code == 302
    faq = drafts().get()
    assert len(faq.question) == 200 and faq.question.endswith("…")


def test_questions_already_faqs_are_skipped(client, editor, room):
    webinar = room["answered"].webinar
    client.post(url_for(webinar), {"questions": [room["answered"].pk]})
    # The same form sent again (a double click, or a page left open).
    response = client.post(url_for(webinar), {"questions": [room["answered"].pk]})
    assert response.status_code == 302
    assert drafts().count() == 1
    (message,) = list(get_messages(response.wsgi_request))[-1:]
    assert "already FAQs" in str(message)
    page = soup(client.get(url_for(webinar)))
    assert [int(box["value"]) for box in page.select('input[name="questions"]')] == [
        room["second"].pk
    ]
    assert "Already FAQs" in page.get_text()


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"questions": "not-a-number"},
        {"questions": "99999999999999999999999"},
        "other webinar",
        "unanswered",
    ],
)
def test_bad_input_gets_a_message_and_no_faq(client, editor, room, calendar, data):
    if data == "other webinar":
        elsewhere = WebinarPageFactory(parent=calendar, slug="elsewhere")
        other = ChatMessageFactory(
            participant=ChatParticipantFactory(webinar=elsewhere), answered=True, answer="Yes."
        )
        data = {"questions": [other.pk]}
    elif data == "unanswered":
        data = {"questions": [room["open"].pk, room["hidden"].pk]}
    response = client.post(url_for(room["answered"].webinar), data)
    assert response.status_code == 200
    assert soup(response).select_one(".error-message")
    assert not drafts().exists()


def test_an_unknown_webinar_is_not_found(client, editor, home_page):
    assert client.get(reverse("webinar_draft_faqs", args=[home_page.pk])).status_code == 404
    assert client.get(reverse("webinar_draft_faqs", args=[987654])).status_code == 404


@pytest.mark.parametrize("role", ["Moderators", "Managers"])
def test_staff_who_may_not_add_faqs_are_refused(client, users_by_role, room, role):
    client.force_login(users_by_role[role])
    url = url_for(room["answered"].webinar)
    assert client.get(url).status_code == 403
    assert client.post(url, {"questions": [room["answered"].pk]}).status_code == 403
    assert not drafts().exists()


def test_a_translation_of_the_webinar_leads_to_the_session(client, editor, room, locales):
    webinar = room["answered"].webinar
    french = webinar.copy_for_translation(locales["fr"], copy_parents=True)
    french.save_revision().publish()
    client.post(url_for(french), {"questions": [room["answered"].pk]})
    assert drafts().get().locale == webinar.locale == locales["en"]
    room["answered"].refresh_from_db()
    assert room["answered"].faq is not None


def test_faqs_are_in_the_language_the_session_is_held_in(client, editor, calendar, locales):
    """An English page for a session held in Arabic: questions were asked in Arabic."""
    webinar = WebinarPageFactory(parent=calendar, slug="in-arabic", session_language="ar")
    question = ChatMessageFactory(
        participant=ChatParticipantFactory(webinar=webinar),
        text="هل الدورة مجانية؟",
        answered=True,
        answer="نعم.",
    )
    response = client.post(url_for(webinar), {"questions": [question.pk]})
    assert drafts().get().locale == locales["ar"]
    assert response["Location"].endswith("?locale=ar")


def test_the_attendance_report_and_the_page_menu_lead_there(client, editor, room):
    webinar = room["answered"].webinar
    report = soup(client.get(reverse("webinar_attendance")))
    links = [a for a in report.select("tbody a") if a["href"] == url_for(webinar)]
    assert [a.get_text(strip=True) for a in links] == ["Make 2 draft FAQs"]
    editor_page = client.get(reverse("wagtailadmin_pages:edit", args=[webinar.pk]))
    assert url_for(webinar) in editor_page.content.decode()


def test_the_report_offers_no_link_to_those_who_may_not_add_faqs(client, users_by_role, room):
    client.force_login(users_by_role["Managers"])
    response = client.get(reverse("webinar_attendance"))
    assert url_for(room["answered"].webinar) not in response.content.decode()


def test_a_draft_faq_shows_on_no_page_until_it_is_published(client, editor, room, home_page):
    client.post(url_for(room["answered"].webinar), {"questions": [room["answered"].pk]})
    faq = drafts().get()
    area = GuidanceIndexPageFactory(parent=home_page, slug="finding-work")
    guide = GuidancePageFactory(
        parent=area, slug="benefits", body=[("faq_snippet", faq)], content_owner="Team"
    )
    guide.save_revision().publish()
    client.logout()
    assert "Can I apply while on benefits?" not in client.get(guide.url).content.decode()
    faq.latest_revision.publish()
    page = soup(client.get(guide.url))
    assert page.select_one("details.faq--shared summary").get_text() == (
        "Can I apply while on benefits?"
    )
