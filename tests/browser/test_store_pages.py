"""The service store in Chromium: axe finds nothing (WCAG 2.2 AA and best practice) and
nothing scrolls sideways at 320 px on the catalogue, a service's description, the beta
opt-in and the suggestion form at each of its steps, left to right and right to left;
and the whole journey works with JavaScript off.

The live server thread has its own database connection and sees only committed rows,
so these tests are transactional: they build a small store of their own, and the
database is emptied after each one (the next test that needs the demo portal loads it
again)."""

import pytest
from wagtail.models import Locale

from services_store.manifest import Category, PersonalData
from services_store.models import LifecycleState, ServiceSuggestion, ServiceUsefulness
from tests.browser.test_accessibility import assert_no_problems, audit, audit_pages, open_page
from tests.factories import CounsellorContactFactory
from tests.services_store.test_pages import (
    ServiceDetailPageFactory,
    ServiceStorePageFactory,
    add_service,
)

pytestmark = pytest.mark.browser

STORE = "/online-services/"
TRAINING = f"{STORE}training-finder/"
HIRING = f"{STORE}hiring-companies/"


@pytest.fixture
def store_site(transactional_db, home_page, monkeypatch, portal_live_server):
    """A store with a live service, a service in beta and one paused for its review,
    described in English and in Arabic."""
    CounsellorContactFactory()
    store = ServiceStorePageFactory(parent=home_page)
    training = add_service(
        monkeypatch,
        "training-finder",
        name="Training finder",
        summary="Trainings ranked by how often they lead back to work.",
        category=Category.TRAINING,
        languages=("en", "fr", "ar"),
        personal_data=(PersonalData("E-mail address", "to send you new trainings", 30),),
    )
    hiring = add_service(
        monkeypatch,
        "hiring-companies",
        LifecycleState.BETA,
        name="Companies hiring near you",
        summary="Companies likely to recruit soon, by trade and town.",
    )
    paused = add_service(monkeypatch, "paused-tool", hidden=True, name="Paused tool")
    pages = [
        ServiceDetailPageFactory(
            parent=store,
            service=training,
            title="Find a training",
            listing_summary="Trainings near you, ranked by how often they lead to a job.",
            how_to_use="<ol><li>Choose a trade.</li><li>Compare the trainings.</li></ol>",
            contact_email="training-team@example.org",
        ),
        ServiceDetailPageFactory(parent=store, service=hiring, title="Find companies hiring"),
        ServiceDetailPageFactory(parent=store, service=paused, title="Paused tool"),
    ]
    _in_arabic(store, "الخدمات الإلكترونية")
    _in_arabic(pages[0], "ابحث عن تدريب", what_it_does="<p>تدريبات قريبة منك.</p>")
    return portal_live_server


def _in_arabic(page, title, **fields):
    copy = page.copy_for_translation(Locale.objects.get(language_code="ar"), copy_parents=True)
    copy.title = title
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save_revision().publish()
    return copy


@pytest.mark.parametrize(("language", "direction"), [("en", "ltr"), ("ar", "rtl")])
def test_store_pages_are_accessible(store_site, browser_page, language, direction):
    page = browser_page
    paths = (STORE, f"{STORE}?category=training&q=train", TRAINING, HIRING, "/store/beta/")
    addresses = [(f"{store_site}/{language}{path}", 200) for path in paths]
    problems = audit_pages(page, addresses, direction)

    open_page(page, f"{store_site}/{language}{STORE}")
    assert page.locator(".store-card").count() == 2
    assert page.locator(".store-card .badge--beta").count() == 1

    open_page(page, f"{store_site}/{language}{TRAINING}")
    assert page.locator("a.service-access__open").is_visible()

    url = f"{store_site}/{language}/store/suggest/"
    open_page(page, url)
    assert page.locator("html").get_attribute("dir") == direction
    problems += audit(page, url)

    # With errors, then at the "is it one of these?" step.
    page.set_viewport_size({"width": 1280, "height": 800})
    page.locator("main form button[type=submit]").click()
    page.locator("#suggestion-errors").wait_for()
    problems += audit(page, f"{url} with errors", reload=False)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.locator("#id_title").fill("Training course finder")
    page.locator("#id_need").fill("I want to compare training courses near me.")
    page.locator("main form button[type=submit]").click()
    page.locator("#similar-services-heading").wait_for()
    problems += audit(page, f"{url}, similar services shown", reload=False)
    assert_no_problems(problems)


def test_the_store_works_without_javascript(store_site, no_js_page):
    page = no_js_page
    site = store_site

    # The filters are a plain GET form.
    page.goto(f"{site}/en{STORE}")
    page.get_by_label("Category").select_option("training")
    page.get_by_role("button", name="Show services").click()
    page.wait_for_url(f"{site}/en{STORE}?q=&category=training&audience=&language=")
    assert page.locator(".store-card").count() == 1

    # "Was this useful?" is a plain POST form.
    page.locator(".store-card h3 a").click()
    page.wait_for_url(f"{site}/en{TRAINING}")
    page.get_by_label("Yes").check()
    page.locator("#was-this-useful").get_by_role("button", name="Send").click()
    page.wait_for_url(f"{site}/en{TRAINING}?useful=thanks#was-this-useful")
    assert "Thank you" in page.locator("#was-this-useful [role=status]").inner_text()
    assert ServiceUsefulness.objects.filter(service__slug="training-finder", useful=True).exists()

    # A service in beta: turn beta services on, and come back to open it.
    page.goto(f"{site}/en{HIRING}")
    assert page.get_by_role("link", name="Open the service").count() == 0
    page.locator(".service-access").get_by_role("link", name="Try services in beta").click()
    page.get_by_role("button", name="Turn on services in beta").click()
    page.wait_for_url(f"{site}/en{HIRING}?beta=on")
    assert page.get_by_role("link", name="Open the service").is_visible()

    # Suggesting a service: errors, similar services, then sent anyway.
    page.goto(f"{site}/en/store/suggest/")
    page.get_by_role("button", name="Send my idea").click()
    assert page.locator("#suggestion-errors").is_visible()
    page.locator("#id_title").fill("Training course finder")
    page.locator("#id_need").fill("I want to compare training courses near me.")
    page.get_by_role("button", name="Send my idea").click()
    assert page.get_by_role("link", name="Training finder").is_visible()
    assert not ServiceSuggestion.objects.exists()
    page.get_by_role("button", name="My idea is different: send it").click()
    page.wait_for_url(f"{site}/en/store/suggest/sent/")
    assert page.get_by_role("heading", level=1).inner_text() == "Thank you for your idea"
    suggestion = ServiceSuggestion.objects.get()
    assert (suggestion.title, suggestion.language) == ("Training course finder", "en")
