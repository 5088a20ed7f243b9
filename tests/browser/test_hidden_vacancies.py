"""The hidden-vacancy finder in Chromium: axe finds nothing (WCAG 2.2 AA and best
practice) and nothing scrolls sideways at 320 px on the search page, the results, the
choices, the errors and the "no data" notice, left to right and right to left;
searching works with JavaScript off, and with it on the form suggests while typing.

The live server thread sees only committed rows, so these tests are transactional and
build a small set of companies of their own."""

import pytest

from content.models import Occupation
from hidden_vacancies.mapping import ensure_seed_mapping
from services_store.models import LifecycleState, Service
from tests.browser.conftest import first_suggestion, load_occupations, service_url
from tests.browser.test_accessibility import assert_no_problems, audit_pages
from tests.factories import CounsellorContactFactory
from tests.hidden_vacancies.conftest import (
    SLUG,
    add_potential,
    make_establishment,
    make_municipalities,
    north_of,
)

pytestmark = pytest.mark.browser

LYON = 2996944


@pytest.fixture
def finder_site(transactional_db, home_page, portal_live_server):
    # A transactional test before this one may have flushed the migrations' rows.
    load_occupations()
    ensure_seed_mapping()
    CounsellorContactFactory()
    Service.objects.update_or_create(slug=SLUG, defaults={"state": LifecycleState.LIVE})
    cooks = Occupation.objects.get(code="5120")
    lyon = make_municipalities()["Lyon"]
    for number in range(25):
        place = make_establishment(
            lyon,
            number,
            name=f"Restaurant gastronomique et traiteur événementiel numéro {number}",
            latitude=north_of(lyon.latitude, number / 4),
        )
        add_potential(place, cooks, score=10 + 3 * number, stars=1 + number // 6)
    return portal_live_server


def url(site, language, query=""):
    return service_url(site, SLUG, language, query)


@pytest.mark.parametrize(("language", "direction"), [("en", "ltr"), ("ar", "rtl")])
def test_search_and_results_are_accessible(finder_site, browser_page, language, direction):
    queries = [
        "",
        f"?occupation=5120&place={LYON}&radius=10",
        f"?occupation=5120&place={LYON}&radius=10&order=distance&page=2",
        "?occupation=driver&place=saint+denis",
        "?occupation=zzzz&place=Atlantis&radius=500",
        f"?occupation=2111&place={LYON}",
    ]
    addresses = [(url(finder_site, language, query), 200) for query in queries]
    assert_no_problems(audit_pages(browser_page, addresses, direction))


def test_searching_works_without_javascript(finder_site, no_js_page):
    page = no_js_page
    page.goto(url(finder_site, "en"))
    page.get_by_label("Occupation").fill("cook")
    page.get_by_label("Town or city").fill("lyon")
    page.get_by_role("button", name="Find companies").click()
    page.locator(".hv-list").wait_for()
    assert "25 companies found." in page.locator(".hv-results").inner_text()
    assert page.locator(".hv-result").count() == 20
    # The print button needs the script: without it, it stays hidden.
    assert not page.get_by_role("button", name="Print this list").is_visible()

    page.get_by_label("Order").select_option("distance")
    page.get_by_role("button", name="Find companies").click()
    page.locator(".hv-list").wait_for()
    first = page.locator(".hv-result h3").first.inner_text()
    assert first == "Restaurant gastronomique et traiteur événementiel numéro 0"
    page.get_by_role("link", name="Next").click()
    page.locator(".hv-list").wait_for()
    assert page.locator(".hv-result").count() == 5

    # Vague words: choose from links.
    page.goto(url(finder_site, "en", "?occupation=driver&place=Lyon"))
    page.get_by_role("link", name="Lorry driver").click()
    page.locator(".hv-results").wait_for()
    assert page.get_by_label("Occupation").input_value() == "Heavy truck and lorry drivers"


def test_suggestions_while_typing_and_a_print_button(finder_site, browser_page):
    page = browser_page
    page.goto(url(finder_site, "en"))
    suggested = first_suggestion(page, "Town or city", "villeur", "#hv-place-options option")
    assert suggested == "Villeurbanne"
    page.goto(url(finder_site, "en", f"?occupation=5120&place={LYON}"))
    assert page.get_by_role("button", name="Print this list").is_visible()
