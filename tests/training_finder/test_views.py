"""The search page: behind the store's gate, works as a plain GET form (no JavaScript),
shows each training's facts and outcome in words, links to the vacancy finder, and
answers bad input with a clear message, never a server error."""

import dataclasses
import datetime

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.urls import NoReverseMatch
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from services_store import registry
from services_store.manifest import validate
from services_store.models import LifecycleState
from tests.training_finder.conftest import SEARCH, SLUG, set_state
from tests.training_finder.factories import TrainingFactory, outcome, place_north_of
from training_finder import links
from training_finder.models import Mode

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def titles(response):
    return [h3.get_text(strip=True) for h3 in soup(response).select(".training-card h3")]


def card(response, title):
    for item in soup(response).select(".training-card"):
        if item.h3.get_text(strip=True) == title:
            return " ".join(item.get_text(" ", strip=True).split())
    raise AssertionError(f"no training {title!r} on the page")


def problems(response):
    found = soup(response).select_one("#search-problems")
    return found.get_text(" ", strip=True) if found else ""


@pytest.fixture
def catalogue(live_service, lyon, villeurbanne, paris):
    soon = timezone.localdate() + datetime.timedelta(days=20)
    solid = TrainingFactory(
        title="Cook: vocational certificate",
        provider="Lyon Training Centre",
        municipality=villeurbanne,
        cost=0,
        funding=["public"],
        duration_hours=800,
        duration_weeks=24,
        starts=[soon, soon + datetime.timedelta(days=60)],
    )
    lucky = TrainingFactory(
        title="Commercial kitchen cook",
        municipality=lyon,
        cost=1200,
        funding=["personal-account", "employer"],
    )
    TrainingFactory(title="Cooking in Paris", municipality=paris)
    TrainingFactory(title="Cooking online", online=True, provider="Digital Campus")
    TrainingFactory(title="Web developer bootcamp", municipality=lyon, occupations=["2513"])
    outcome(solid, 59, 84, after_12=0.8)
    outcome(lucky, 3, 3)
    return {"solid": solid, "lucky": lucky}


# --- The store's gate and the manifest ---


def test_the_manifest_is_valid_and_complete():
    manifest = apps.get_app_config("training_finder").manifest
    validate(manifest)
    assert registry.get(SLUG).app_label == "training_finder"
    assert manifest.category == "training" and manifest.interaction == "information"
    assert manifest.audiences == ("jobseekers", "staff")
    assert (manifest.team.intrapreneur, manifest.team.coach, manifest.team.it_lead) == (
        "amelie",
        "jonas",
        "mei",
    )
    assert manifest.personal_data == ()
    assert set(manifest.languages) == {"en", "fr", "sv", "et", "ar", "uk"}
    assert any("catalogue" in source for source in manifest.data_sources)
    assert any("survey" in source for source in manifest.data_sources)
    assert manifest.ranks_people_or_companies is False


def test_closed_while_built_open_when_live(client):
    set_state(SLUG, LifecycleState.BUILDING)
    assert client.get(SEARCH).status_code == 404
    assert client.get(f"{SEARCH}?occupation=5120").status_code == 404
    assert client.get(f"{SEARCH}suggest/occupations/?q=cook").status_code == 404
    set_state(SLUG, LifecycleState.LIVE)
    assert client.get(SEARCH).status_code == 200


# --- The page ---


def test_the_search_page_is_a_plain_get_form(client, live_service):
    response = client.get(SEARCH)
    assert response.status_code == 200
    page = soup(response)
    form = page.select_one("form.training-search")
    assert form["method"] == "get"
    names = {field["name"] for field in form.select("input[name], select[name]")}
    assert names == {"occupation", "place", "radius", "online", "mode", "free", "max_cost", "sort"}
    for field in form.select("input:not([type=hidden]), select"):
        assert page.select_one(f"label[for={field['id']}]"), field["id"]
    assert form.select_one("#id_radius")["value"] == "25"
    assert not page.select(".training-card")
    assert page.select_one("#was-this-useful")


def test_results_in_the_other_languages(client, catalogue):
    for language in ("fr", "ar", "uk"):
        response = client.get(f"/{language}/services/{SLUG}/?occupation=5120")
        assert response.status_code == 200
        assert len(titles(response)) == 4


def test_results_near_a_town_with_the_facts_and_the_outcome_in_words(client, catalogue, lyon):
    response = client.get(SEARCH, {"occupation": "5120", "place": lyon.geonameid, "radius": 25})
    assert response.status_code == 200
    # 59 of 84 ranks above 3 of 3; a training without figures comes last.
    assert titles(response) == ["Cook: vocational certificate", "Commercial kitchen cook"]
    solid = card(response, "Cook: vocational certificate")
    assert "Lyon Training Centre" in solid
    assert "Villeurbanne · 3 km away · In person" in solid
    assert "800 hours, over 24 weeks" in solid
    assert "Free" in solid and "Public funding" in solid
    assert "7 in 10 people were in work 6 months after, out of 84 who took it." in solid
    assert "8 in 10 people were in work 12 months after" in solid
    assert "Few trainees" not in solid
    lucky = card(response, "Commercial kitchen cook")
    assert "All 3 people who took it were in work 6 months after." in lucky
    assert "Few trainees: figures uncertain" in lucky
    assert "1,200 €" in lucky and "Personal training account, Paid by an employer" in lucky
    assert "Ask the provider" in lucky
    status = soup(response).select_one("[role=status]").get_text(" ", strip=True)
    assert status.startswith("2 trainings found") and "within 25 km of Lyon" in status
    assert "See also 1 online training" in response.content.decode()


def test_words_typed_without_javascript_are_resolved(client, catalogue):
    response = client.get(SEARCH, {"occupation": "cook", "place": "lyon", "radius": "25"})
    assert response.status_code == 200
    assert titles(response) == ["Cook: vocational certificate", "Commercial kitchen cook"]
    page = soup(response)
    assert page.select_one("#id_occupation")["value"] == "Cooks"
    assert page.select_one("#id_place")["value"] == "Lyon"


def test_ambiguous_words_are_offered_as_choices(client, catalogue):
    response = client.get(SEARCH, {"occupation": "teachers", "place": "lyon"})
    assert response.status_code == 200
    choices = soup(response).select(".training-choices a")
    assert len(choices) > 1
    assert all("occupation=" in a["href"] and "place=lyon" in a["href"] for a in choices)
    assert not soup(response).select(".training-card")


def test_online_only(client, catalogue, lyon):
    response = client.get(SEARCH, {"occupation": "5120", "place": lyon.geonameid, "online": "1"})
    assert titles(response) == ["Cooking online"]
    assert "Online" in card(response, "Cooking online")


def test_free_only_and_cost_and_mode(client, catalogue):
    assert titles(client.get(SEARCH, {"occupation": "5120", "free": "1", "mode": Mode.IN_PERSON}))[
        :1
    ] == ["Cook: vocational certificate"]
    cheap = titles(client.get(SEARCH, {"occupation": "5120", "max_cost": "1000"}))
    assert "Commercial kitchen cook" not in cheap


def test_sorting_by_distance_or_start(client, catalogue, lyon):
    by_distance = client.get(
        SEARCH, {"occupation": "5120", "place": lyon.geonameid, "sort": "distance"}
    )
    assert titles(by_distance) == ["Commercial kitchen cook", "Cook: vocational certificate"]
    without_place = client.get(SEARCH, {"occupation": "5120", "sort": "distance"})
    assert "Sorting by distance needs a town" in without_place.content.decode()
    by_start = client.get(SEARCH, {"occupation": "5120", "sort": "start"})
    assert titles(by_start)[0] == "Cook: vocational certificate"


def test_results_are_paginated_keeping_the_search(client, live_service, lyon):
    for number in range(25):
        TrainingFactory(title=f"Cook {number:02d}", municipality=place_north_of(lyon, number))
    response = client.get(SEARCH, {"occupation": "5120", "place": lyon.geonameid})
    assert len(titles(response)) == 20
    next_link = soup(response).select_one(".pagination a[rel=next]")["href"]
    assert "occupation=5120" in next_link and "page=2" in next_link
    second = client.get(f"{SEARCH}{next_link}")
    assert len(titles(second)) == 5
    assert soup(second).select_one("ol.training-list")["start"] == "21"
    for garbage in ("abc", "-1", "9999"):
        assert client.get(SEARCH, {"occupation": "5120", "page": garbage}).status_code == 200


# --- The link to the hidden-vacancy finder, and back ---


@pytest.fixture
def vacancy_finder(monkeypatch):
    """The vacancy finder installed, whatever the state of its app in this tree."""
    manifest = dataclasses.replace(
        registry.get(SLUG), slug="hidden-vacancies", app_label="hidden_vacancies"
    )
    monkeypatch.setitem(registry._manifests, "hidden-vacancies", manifest)
    monkeypatch.setattr(links, "reverse", lambda name: "/en/services/hidden-vacancies/")
    return set_state("hidden-vacancies", LifecycleState.LIVE)


def test_each_training_links_to_the_vacancy_finder_in_its_area(
    client, catalogue, lyon, villeurbanne, vacancy_finder
):
    response = client.get(SEARCH, {"occupation": "5120", "place": lyon.geonameid, "radius": 30})
    link = soup(response).select(".training-card__vacancies a")[0]
    assert link["href"] == (
        f"/en/services/hidden-vacancies/?occupation=5120&place={villeurbanne.geonameid}&radius=30"
    )
    assert link.get_text(strip=True) == "Companies that may hire Cooks near Villeurbanne"


def test_an_online_training_links_to_vacancies_near_the_town_searched(
    client, catalogue, lyon, vacancy_finder
):
    response = client.get(SEARCH, {"occupation": "5120", "place": lyon.geonameid, "online": "1"})
    link = soup(response).select_one(".training-card__vacancies a")["href"]
    assert link.endswith(f"occupation=5120&place={lyon.geonameid}&radius=25")


def test_no_link_while_the_vacancy_finder_is_not_open(
    client, catalogue, vacancy_finder, monkeypatch
):
    set_state("hidden-vacancies", LifecycleState.BUILDING)
    assert not soup(client.get(SEARCH, {"occupation": "5120"})).select(".training-card__vacancies")

    def no_such_url(name):
        raise NoReverseMatch(name)

    set_state("hidden-vacancies", LifecycleState.LIVE)
    monkeypatch.setattr(links, "reverse", no_such_url)
    response = client.get(SEARCH, {"occupation": "5120"})
    assert response.status_code == 200
    assert not soup(response).select(".training-card__vacancies")


def test_the_vacancy_finders_link_back_is_understood(client, catalogue, lyon):
    """The vacancy finder links here with occupation=<ISCO code>&place=<GeoNames id>&radius=<km>."""
    response = client.get(f"{SEARCH}?occupation=5120&place={lyon.geonameid}&radius=10")
    assert response.status_code == 200
    assert titles(response) == ["Cook: vocational certificate", "Commercial kitchen cook"]


# --- Bad input ---


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"occupation": "zzzz"}, "No occupation matches “zzzz”"),
        ({"occupation": "9999"}, "No occupation matches “9999”"),
        ({"place": "Atlantis"}, "We do not know a town called “Atlantis”"),
        ({"place": "999999999"}, "We do not know a town called “999999999”"),
        ({"radius": "0"}, "Choose a distance from 1 to 100 km."),
        ({"radius": "101"}, "Choose a distance from 1 to 100 km."),
        ({"radius": "ten"}, "Choose a distance from 1 to 100 km."),
        ({"radius": "1e9"}, "Choose a distance from 1 to 100 km."),
        ({"mode": "by-post"}, "Choose how the training is given from the list."),
        ({"sort": "price"}, "Choose how to sort from the list."),
        ({"max_cost": "-1"}, "Give the highest cost as a whole number of euros"),
        ({"max_cost": "cheap"}, "Give the highest cost as a whole number of euros"),
        ({"online": "1", "mode": "in-person"}, "“Online only” cannot be combined"),
        ({"occupation": "x" * 500}, "at most 120 characters"),
    ],
)
def test_bad_input_gets_a_clear_message(client, live_service, query, message):
    response = client.get(SEARCH, query)
    assert response.status_code == 400
    assert message in problems(response)
    assert not soup(response).select(".training-card")


def test_typed_text_is_shown_back_escaped(client, live_service):
    response = client.get(SEARCH, {"occupation": "<script>alert(1)</script>"})
    assert response.status_code == 400
    assert b"<script>alert(1)</script>" not in response.content


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.dictionaries(
        st.sampled_from(
            ["occupation", "place", "radius", "online", "mode", "free", "max_cost", "sort", "page"]
        ),
        st.one_of(st.text(max_size=30), st.integers(-(10**12), 10**12).map(str)),
        max_size=6,
    )
)
def test_no_query_string_makes_a_server_error(client, catalogue, query):
    assert client.get(SEARCH, query).status_code in (200, 400)


def test_suggestions(client, catalogue, lyon):
    occupations = client.get(f"{SEARCH}suggest/occupations/", {"q": "forklift"}).json()
    assert occupations["results"][0] == {"code": "8344", "title": "Lifting truck operators"}
    places = client.get(f"{SEARCH}suggest/places/", {"q": "ly"}).json()
    assert places["results"][0] == {"id": lyon.geonameid, "name": "Lyon"}
    assert client.get(f"{SEARCH}suggest/places/").json() == {"results": []}


def test_more_choices_are_open_only_when_used(client, live_service):
    def more_is_open(query):
        return (
            soup(client.get(SEARCH, query))
            .select_one("details.training-search__more")
            .has_attr("open")
        )

    assert not more_is_open({})
    assert not more_is_open(
        {"occupation": "5120", "mode": "", "max_cost": "", "sort": "return-to-work"}
    )
    assert more_is_open({"occupation": "5120", "sort": "start"})
    assert more_is_open({"occupation": "5120", "free": "1"})
    assert more_is_open({"max_cost": "abc"})
