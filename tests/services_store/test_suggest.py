""" "Suggest a service": the overlap check (plain functions), then the form that shows
similar services and open suggestions before saving, lets the person send anyway, flags
staff, keeps the input on bad input and is rate limited."""

import pytest

from services_store.manifest import Category
from services_store.models import LifecycleState, Service, ServiceSuggestion, SuggestionStatus
from services_store.similarity import (
    likeness,
    matches_query,
    rank_similar,
    similar_services,
    similar_suggestions,
    words,
)
from services_store.views import SUGGESTION_POSTS_PER_HOUR
from tests.factories import UserFactory
from tests.services_store.test_pages import (
    ServiceDetailPageFactory,
    ServiceStorePageFactory,
    add_service,
    soup,
    text_of,
)

pytestmark = pytest.mark.django_db

URL = "/en/store/suggest/"
SENT = "/en/store/suggest/sent/"


# --- The overlap check, as plain functions ---


def test_words_fold_case_and_accents_and_drop_small_words():
    assert words("Trouver une Formation près de CHEZ moi") == {
        "trouver",
        "formation",
        "pres",
        "chez",
        "moi",
    }
    assert words("A CV for my 2 jobs, in the café!") == {"cv", "jobs", "cafe"}
    assert words("Пошук роботи") == {"пошук", "роботи"}
    assert words("") == set()


def test_a_word_matches_its_longer_forms():
    assert likeness("trainings course", "training courses") == 1.0
    assert likeness("find jobs", "finder of jobs") == 1.0
    assert likeness("cv", "cvs") == 0.0  # too short to be a beginning


def test_likeness_is_the_share_of_the_shorter_texts_words():
    need = "I lost my job and want to retrain as a nurse: which training courses exist?"
    assert likeness(need, "Training courses") == 1.0
    assert likeness(need, "Find a training course") == 2 / 3  # no "find" in the need
    assert likeness(need, "Benefits calculator") == 0.0
    # One shared word is not enough between texts of two words or more.
    assert likeness("apply for benefits online", "benefits calculator") == 0.0


def test_rank_similar_keeps_the_alike_ones_most_alike_first():
    candidates = [
        ("benefits", ["Benefits calculator", "How much you will get"]),
        ("online", ["Training courses online"]),
        ("finder", ["Training finder", "Trainings ranked by how often they lead back to work"]),
        ("courses", ["Find a training course near you"]),
    ]
    query = "find training courses near home"
    assert rank_similar(query, candidates) == ["finder", "courses", "online"]
    assert rank_similar(query, candidates, limit=1) == ["finder"]  # ties: in the order given
    assert rank_similar("astronaut school", candidates) == []


def test_the_search_box_needs_every_word():
    text = "Training finder: trainings ranked by results"
    assert matches_query("train", text)
    assert matches_query("TRAINING results", text)
    assert not matches_query("training nurse", text)
    assert matches_query("", text)
    assert matches_query("the", text)  # only small words: nothing to look for


# --- The overlap check against the store and the backlog ---


@pytest.fixture
def existing(db, monkeypatch):
    """Services in and out of the store, and suggestions open and closed."""
    add_service(
        monkeypatch,
        "training-finder",
        name="Training finder",
        summary="Trainings ranked by how often they lead back to work.",
        category=Category.TRAINING,
    )
    add_service(
        monkeypatch,
        "old-training-finder",
        LifecycleState.RETIRED,
        name="Old training finder",
        summary="Trainings, as they were.",
    )
    add_service(
        monkeypatch,
        "paused-training-finder",
        hidden=True,
        name="Paused training finder",
        summary="Trainings, paused.",
    )
    ServiceSuggestion.objects.create(title="Training course reviews", need="Which are good?")
    ServiceSuggestion.objects.create(
        title="Training course reminders",
        need="x" * 10,
        status=SuggestionStatus.DECLINED,
    )
    ServiceSuggestion.objects.create(
        title="Benefits calculator",
        need="How much will I get?",
        status=SuggestionStatus.UNDER_STUDY,
    )


def test_similar_services_are_those_in_the_store(existing):
    found = similar_services("A training finder for nurses")
    assert [service.slug for service in found] == ["training-finder"]
    assert similar_services("Help with my benefits") == []


def test_similar_suggestions_are_the_open_ones(existing):
    found = similar_suggestions("Reviews of training courses")
    assert [suggestion.title for suggestion in found] == ["Training course reviews"]
    found = similar_suggestions("A calculator for my benefits")
    assert [suggestion.title for suggestion in found] == ["Benefits calculator"]


# --- The form ---


def form_in(response):
    return soup(response).select_one("main form")


def test_the_form_asks_for_an_idea_a_need_and_an_optional_email(client, db):
    response = client.get(URL)
    assert response.status_code == 200
    assert text_of(response, "h1") == "Suggest a service"
    form = form_in(response)
    assert form["method"] == "post"
    assert {label["for"] for label in form.select("label")} == {"id_title", "id_need", "id_email"}
    assert not form.select_one("#id_email").has_attr("required")
    assert "erase it once we have answered" in text_of(response, "#id_email-help")


def test_an_idea_like_nothing_else_is_saved_at_once(client, existing):
    response = client.post(
        "/fr/store/suggest/",
        {"title": "Astronaut school", "need": "Jobs in space need new skills.", "email": ""},
    )
    assert response.status_code == 302
    assert response["Location"] == "/fr/store/suggest/sent/"
    suggestion = ServiceSuggestion.objects.get(title="Astronaut school")
    assert (suggestion.status, suggestion.language, suggestion.from_staff) == ("new", "fr", False)
    assert suggestion.need == "Jobs in space need new skills."
    assert suggestion.email == ""
    assert client.get(response["Location"]).status_code == 200


def test_similar_services_and_suggestions_are_shown_before_saving(client, existing, home_page):
    store = ServiceStorePageFactory(parent=home_page)
    ServiceDetailPageFactory(
        parent=store,
        service=Service.objects.get(slug="training-finder"),
        title="Find a training",
        slug="training-finder",
    )
    data = {
        "title": "Training course finder",
        "need": "I want to compare training courses near me.",
        "email": "amina@example.org",
    }
    response = client.post(URL, data)
    assert response.status_code == 200
    assert not ServiceSuggestion.objects.filter(title=data["title"]).exists()
    assert text_of(response, "h1") == "Before you send: is it one of these?"
    services = soup(response).select("#similar-services-heading + ul li h3 a")
    assert [(a.get_text(strip=True), a["href"]) for a in services] == [
        ("Training finder", "/en/online-services/training-finder/")
    ]
    ideas = text_of(response, ".similar-ideas")
    assert "Training course reviews" in ideas
    assert "reminders" not in ideas  # declined: no longer open

    form = form_in(response)
    kept = {field["name"]: field["value"] for field in form.select("input[type=hidden]")}
    assert {name: kept[name] for name in data} == data
    buttons = {button["name"]: button.get_text(strip=True) for button in form.select("button")}
    assert buttons == {"send": "My idea is different: send it", "edit": "Change my idea"}

    response = client.post(URL, {**data, "send": "1"})
    assert response["Location"] == SENT
    saved = ServiceSuggestion.objects.get(title=data["title"])
    assert saved.email == "amina@example.org"


def test_changing_the_idea_goes_back_to_the_form_with_the_input(client, existing):
    data = {"title": "Training course finder", "need": "Compare courses.", "email": ""}
    response = client.post(URL, {**data, "edit": "1"})
    assert response.status_code == 200
    assert form_in(response).select_one("#id_title")["value"] == "Training course finder"
    assert form_in(response).select_one("#id_need").get_text() == "Compare courses."
    assert not soup(response).select(".message--error")
    assert not ServiceSuggestion.objects.filter(title=data["title"]).exists()


def test_a_similar_service_link_goes_to_the_service_when_it_has_no_page(client, existing):
    response = client.post(URL, {"title": "A training finder", "need": "For nurses, please."})
    link = soup(response).select_one("#similar-services-heading + ul a")
    assert link["href"] == "/en/services/training-finder/"


def test_staff_suggestions_are_flagged(client, existing, users_by_role):
    client.force_login(users_by_role["Editors"])
    response = client.get(URL)
    assert "marked as coming from frontline staff" in text_of(response, "main .callout")
    client.post(URL, {"title": "Astronaut school", "need": "Jobs in space need skills."})
    assert ServiceSuggestion.objects.get(title="Astronaut school").from_staff is True


def test_a_signed_in_member_of_the_public_is_not_staff(client, existing):
    client.force_login(UserFactory(username="citizen"))
    client.post(URL, {"title": "Astronaut school", "need": "Jobs in space need skills."})
    assert ServiceSuggestion.objects.get(title="Astronaut school").from_staff is False


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"title": "", "need": "A real need here."}, "title", "Please say in a few words"),
        ({"title": "   ", "need": "A real need here."}, "title", "Please say in a few words"),
        ({"title": "x" * 121, "need": "A real need here."}, "title", "at most 120 characters"),
        ({"title": "Idea", "need": "Short"}, "need", "at least 10 characters"),
        ({"title": "Idea", "need": ""}, "need", "Please tell us about the need"),
        ({"title": "Idea\x07", "need": "A real need here."}, "title", "only ordinary text"),
        ({"title": "Idea \u202eevil", "need": "A real need here."}, "title", "ordinary text"),
        (
            {"title": "Idea", "need": "A real need here.", "email": "not-an-address"},
            "email",
            "like name@example.org",
        ),
    ],
)
def test_bad_input_is_explained_and_kept(client, existing, data, field, message):
    response = client.post(URL, data)
    assert response.status_code == 400
    assert message in text_of(response, "#suggestion-errors")
    error_link = soup(response).select_one(f"#suggestion-errors a[href='#id_{field}']")
    assert error_link is not None
    control = form_in(response).select_one(f"#id_{field}")
    assert control["aria-invalid"] == "true"
    assert f"id_{field}-error" in control["aria-describedby"]
    need = form_in(response).select_one("#id_need").get_text()
    assert need == data["need"].strip()
    assert not ServiceSuggestion.objects.filter(title=data["title"]).exists()


def test_arabic_text_with_its_marks_is_ordinary_text(client, existing):
    title = "أداة \u200fللسيرة الذاتية"
    response = client.post("/ar/store/suggest/", {"title": title, "need": "أحتاج إلى مساعدة."})
    assert response.status_code == 302
    assert ServiceSuggestion.objects.get(title=title).language == "ar"


def test_suggestions_are_rate_limited(client, existing):
    data = {"title": "Astronaut school", "need": "Jobs in space need new skills."}
    for _ in range(SUGGESTION_POSTS_PER_HOUR):
        client.post(URL, data)
    response = client.post(URL, {**data, "title": "Moon base"})
    assert response.status_code == 429
    assert "Please try again later." in text_of(response, "#suggestion-errors")
    assert form_in(response).select_one("#id_title")["value"] == "Moon base"
    assert not ServiceSuggestion.objects.filter(title="Moon base").exists()


def test_the_confirmation_says_what_happens_next(client, db):
    response = client.get(SENT)
    assert text_of(response, "h1") == "Thank you for your idea"
    assert "we will tell you what was decided, then erase it" in response.content.decode()
