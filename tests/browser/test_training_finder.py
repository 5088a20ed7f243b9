"""The training finder in Chromium: axe finds nothing (WCAG 2.2 AA and best practice)
and nothing scrolls sideways at 320 px on the search page, the results, the choices and
the error message, left to right and right to left; searching works with JavaScript
off, and with it on the form suggests occupations while typing.

The live server thread sees only committed rows, so these tests are transactional and
build a small catalogue of their own."""

import datetime

import pytest
from django.utils import timezone

from services_store.models import LifecycleState
from tests.browser.conftest import first_suggestion, load_occupations, service_url
from tests.browser.test_accessibility import assert_no_problems, audit_pages
from tests.factories import CounsellorContactFactory
from tests.training_finder.conftest import SLUG, set_state
from tests.training_finder.factories import MunicipalityFactory, TrainingFactory, outcome
from training_finder.models import Mode

pytestmark = pytest.mark.browser


@pytest.fixture
def finder_site(transactional_db, home_page, portal_live_server):
    load_occupations()
    CounsellorContactFactory()
    set_state(SLUG, LifecycleState.LIVE)
    lyon = MunicipalityFactory(
        geonameid=2996944, name="Lyon", latitude=45.74846, longitude=4.84671, population=472317
    )
    villeurbanne = MunicipalityFactory(
        geonameid=2968254, name="Villeurbanne", latitude=45.76601, longitude=4.8795
    )
    soon = timezone.localdate() + datetime.timedelta(days=20)
    solid = TrainingFactory(
        title="Cook: vocational certificate with a rather long title to wrap on small screens",
        provider="Villeurbanne Vocational Training Centre",
        municipality=villeurbanne,
        url="https://trainings.example.org/tr-1",
        starts=[soon, soon + datetime.timedelta(days=45)],
    )
    lucky = TrainingFactory(
        title="Commercial kitchen cook",
        municipality=lyon,
        mode=Mode.BLENDED,
        cost=1250,
        funding=["personal-account", "employer", "public"],
    )
    TrainingFactory(title="Cooking for schools, online", online=True)
    outcome(solid, 59, 84, after_12=0.8)
    outcome(lucky, 3, 3)
    return portal_live_server


def url(site, language, query=""):
    return service_url(site, SLUG, language, query)


@pytest.mark.parametrize(("language", "direction"), [("en", "ltr"), ("ar", "rtl")])
def test_search_and_results_are_accessible(finder_site, browser_page, language, direction):
    pages = [
        ("", 200),
        ("?occupation=5120&place=2996944&radius=25", 200),
        ("?occupation=5120&place=2996944&radius=25&sort=distance&free=", 200),
        ("?occupation=5120&online=1", 200),
        ("?occupation=teachers&place=Lyon", 200),
        ("?occupation=zzzz&radius=500", 400),
    ]
    addresses = [(url(finder_site, language, query), status) for query, status in pages]
    assert_no_problems(audit_pages(browser_page, addresses, direction))


def test_searching_works_without_javascript(finder_site, no_js_page):
    page = no_js_page
    page.goto(url(finder_site, "en"))
    page.get_by_label("Job or occupation").fill("cook")
    page.get_by_label("Town or city").fill("Lyon")
    page.get_by_role("button", name="Show trainings").click()
    page.locator(".training-results").wait_for()
    cards = page.locator(".training-card h3")
    assert cards.count() == 2
    assert cards.first.inner_text().startswith("Cook: vocational certificate")
    assert "Few trainees: figures uncertain" in page.locator(".training-card").nth(1).inner_text()

    # More choices are in a <details>, which opens without JavaScript.
    page.get_by_text("More choices").click()
    page.get_by_label("Sort by").select_option("distance")
    page.get_by_role("button", name="Show trainings").click()
    page.locator(".training-results").wait_for()
    assert page.locator(".training-card h3").first.inner_text() == "Commercial kitchen cook"

    page.get_by_role("link", name="See also 1 online training").click()
    page.locator(".training-results").wait_for()
    assert page.locator(".training-card h3").all_inner_texts() == ["Cooking for schools, online"]

    # Ambiguous words: choose from links.
    page.goto(url(finder_site, "en", "?occupation=teachers"))
    page.get_by_role("link", name="Vocational education teachers").click()
    page.locator(".training-results").wait_for()
    assert page.locator("#id_occupation").input_value() == "Vocational education teachers"


def test_occupations_are_suggested_while_typing(finder_site, browser_page):
    page = browser_page
    page.goto(url(finder_site, "en"))
    options = "#id_occupation-suggestions option"
    suggested = first_suggestion(page, "Job or occupation", "forkl", options)
    assert suggested == "Lifting truck operators"
