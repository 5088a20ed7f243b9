"""'Was this page useful?': no personal data, rate-limited, readable by staff only."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from content.models import GuidancePage, PageFeedback
from content.views import FEEDBACK_PER_HOUR

pytestmark = pytest.mark.django_db


@pytest.fixture
def guide(demo_content):
    return GuidancePage.objects.get(slug="writing-a-cv", locale__language_code="fr")


def feedback_url(page, language="fr"):
    return f"/{language}/feedback/{page.pk}/"


def test_guide_shows_the_question_without_javascript(client, guide):
    page = BeautifulSoup(client.get(guide.url).content, "html.parser")
    form = page.select_one("#feedback form")
    assert form["method"] == "post"
    assert form["action"] == feedback_url(guide)
    assert {i["value"] for i in form.select("input[name=useful]")} == {"yes", "no"}


def test_an_answer_is_stored_without_personal_data(client, guide):
    response = client.post(
        feedback_url(guide),
        {"useful": "no", "comment": "Plus d’exemples, svp"},
        REMOTE_ADDR="203.0.113.9",
        HTTP_USER_AGENT="TestPhone",
    )
    assert response.status_code == 302
    assert response["Location"] == f"{guide.url}?feedback=thanks#feedback"
    answer = PageFeedback.objects.get(page=guide)
    assert (answer.useful, answer.comment, answer.language) == (False, "Plus d’exemples, svp", "fr")
    stored = " ".join(str(value) for value in PageFeedback.objects.values().get().values())
    assert "203.0.113.9" not in stored and "TestPhone" not in stored
    thanks = BeautifulSoup(client.get(response["Location"]).content, "html.parser")
    assert thanks.select_one(".feedback__thanks")


def test_script_in_a_comment_is_stored_as_text_and_shown_escaped(client, guide, users_by_role):
    client.post(feedback_url(guide), {"useful": "yes", "comment": "<script>alert(1)</script>"})
    answer = PageFeedback.objects.get(page=guide)
    assert answer.comment == "<script>alert(1)</script>"
    client.force_login(users_by_role["Editors"])
    listing = client.get(reverse("wagtailsnippets_content_pagefeedback:list"))
    assert listing.status_code == 200
    assert b"<script>alert(1)</script>" not in listing.content
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in listing.content


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"comment": "no answer chosen"}, "Veuillez"),
        ({"useful": "maybe"}, "Sélectionnez"),
        ({"useful": "no", "comment": "x" * 501}, "500"),
    ],
)
def test_bad_answers_get_a_message_in_the_visitors_language(client, guide, data, message):
    response = client.post(feedback_url(guide), data)
    assert response.status_code == 400
    page = BeautifulSoup(response.content, "html.parser")
    assert page.html["lang"] == "fr"
    assert message in page.select_one("[role=alert]").get_text()
    if "comment" in data:  # what the visitor wrote is kept in the form
        assert page.select_one("textarea").get_text() == data["comment"]
    assert not PageFeedback.objects.exists()


def test_answers_are_rate_limited_per_client(client, guide):
    for _ in range(FEEDBACK_PER_HOUR):
        assert client.post(feedback_url(guide), {"useful": "yes"}).status_code == 302
    response = client.post(feedback_url(guide), {"useful": "yes"})
    assert response.status_code == 429
    assert PageFeedback.objects.count() == FEEDBACK_PER_HOUR
    other = client.post(feedback_url(guide), {"useful": "yes"}, REMOTE_ADDR="198.51.100.7")
    assert other.status_code == 302


def test_feedback_needs_a_live_page_and_a_post(client, guide):
    assert client.get(feedback_url(guide)).status_code == 405
    assert client.post("/fr/feedback/999999/", {"useful": "yes"}).status_code == 404
    guide.unpublish()
    assert client.post(feedback_url(guide), {"useful": "yes"}).status_code == 404


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("Editors", True), ("Publishers", True), ("Managers", True), ("Moderators", False)],
)
def test_staff_who_may_read_feedback(client, guide, users_by_role, role, allowed):
    PageFeedback.objects.create(page=guide, useful=True, language="fr")
    client.force_login(users_by_role[role])
    response = client.get(reverse("wagtailsnippets_content_pagefeedback:list"))
    assert (response.status_code == 200) is allowed
    add = client.get(reverse("wagtailsnippets_content_pagefeedback:add"))
    assert add.status_code != 200  # nobody writes feedback in the admin


def test_summary_counts_answers(guide):
    PageFeedback.objects.create(page=guide, useful=True, language="fr")
    PageFeedback.objects.create(page=guide, useful=False, language="fr")
    PageFeedback.objects.create(page=guide, useful=True, language="fr")
    assert PageFeedback.objects.summary_for(guide) == {"useful_count": 2, "not_useful_count": 1}
