"""The webinar pages in Chromium, on the demo calendar.

axe (WCAG 2.2 AA and best practice) at 1280 and 320 pixels, and no sideways scrolling at
320, on the calendar (with and without filters), a coming session, a past one with its
replay and archived questions and answers, the registration page and the registrant's
own page, in English (left to right) and Arabic (right to left). Without JavaScript:
registering, the registrant's page and cancelling with its confirmation, and the
calendar's filters.

The live room and its own tests are in test_webinar_chat.py.
"""

import re

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext

from content.demo.loader import demo_catalogue
from tests.browser.conftest import (
    DESKTOP,
    SMALL_SCREEN,
    assert_has_counsellor_contact,
    describe_violations,
    horizontal_overflow,
    run_axe,
)
from tests.browser.test_accessibility import assert_no_problems, open_page
from webinars.demo import CATALOGUES, WEBINARS
from webinars.models import ChatMessage, MessageState, WebinarPage

pytestmark = pytest.mark.browser

CALENDAR = "/webinars/calendar/"
UPCOMING = "writing-a-cv-that-gets-read"
PAST = "the-hidden-job-market-replay"
RTL = {"en": "ltr", "ar": "rtl"}


def in_language(code, text):
    with translation.override(code):
        return gettext(text)


def english_title(slug):
    return next(data[1] for data in WEBINARS if data[0] == slug)


def title_in(code, slug):
    english = english_title(slug)
    return english if code == "en" else demo_catalogue(code, CATALOGUES)[english]


def webinar(slug, code="en"):
    return WebinarPage.objects.get(slug=slug, locale__language_code=code)


def cards(page, section):
    """The webinar titles listed under "Coming up" or "Past webinars"."""
    titles = page.locator(f"section[aria-labelledby='{section}-heading'] .webinar-card h3")
    return [titles.nth(i).inner_text().strip() for i in range(titles.count())]


def axe_problems(page, where):
    """axe at 1280 px, then at 320 px after a reload; every violation found."""
    problems = []
    for viewport in (DESKTOP, SMALL_SCREEN):
        page.set_viewport_size(viewport)
        if viewport is SMALL_SCREEN:
            page.reload()
        violations = run_axe(page)
        if violations:
            problems.append(describe_violations(violations, f"{where} at {viewport['width']}px"))
    return problems


def audit(page, where):
    """axe at both widths and sideways scrolling at 320 px; the page is left at 320 px."""
    problems = axe_problems(page, where)
    overflow = horizontal_overflow(page)
    return [*problems, overflow] if overflow else problems


def assert_direction(page, code):
    html = page.locator("html")
    assert (html.get_attribute("lang"), html.get_attribute("dir")) == (code, RTL[code])
    assert page.evaluate("getComputedStyle(document.body).direction") == RTL[code]


# --- Accessibility and reflow ----------------------------------------------------------


@pytest.mark.parametrize("code", ["en", "ar"])
def test_calendar_with_and_without_filters_passes_axe(live_site, browser_page, code):
    page = browser_page
    problems = []
    calendar = f"/{code}{CALENDAR}"

    open_page(page, f"{live_site}{calendar}")
    assert_direction(page, code)
    assert_has_counsellor_contact(page)
    coming, past = cards(page, "upcoming"), cards(page, "past")
    assert title_in(code, UPCOMING) in coming and title_in(code, PAST) in past
    assert len(coming) + len(past) == len(WEBINARS) - 1  # not the staff briefing
    assert page.locator("select#id_subject optgroup").count() == 8
    problems += axe_problems(page, calendar)

    open_page(page, f"{live_site}{calendar}?language=fr")
    french = {data[0] for data in WEBINARS if data[3] == "fr"}
    assert sorted(cards(page, "upcoming") + cards(page, "past")) == sorted(
        title_in(code, slug) for slug in french
    )
    problems += axe_problems(page, f"{calendar}?language=fr")

    open_page(page, f"{live_site}{calendar}?subject=writing-a-cv")
    assert cards(page, "upcoming") == [title_in(code, UPCOMING)]
    problems += axe_problems(page, f"{calendar}?subject=writing-a-cv")

    # An unknown subject is reported, tied to its field, and the rest of the calendar shown.
    open_page(page, f"{live_site}{calendar}?subject=no-such-subject")
    alert = page.get_by_role("alert")
    assert alert.inner_text().strip()
    assert page.locator("select#id_subject").get_attribute("aria-invalid") == "true"
    assert page.locator("#id_subject_error").count() == 1
    assert len(cards(page, "upcoming")) == len(coming)
    problems += axe_problems(page, f"{calendar}?subject=no-such-subject")

    assert_no_problems(problems)


@pytest.mark.parametrize(
    "path",
    [
        f"/en{CALENDAR}",
        f"/en{CALENDAR}?language=fr",
        f"/ar{CALENDAR}",
        f"/ar{CALENDAR}?language=fr",
    ],
)
def test_calendar_does_not_scroll_sideways_at_320_px(live_site, browser_page, path):
    open_page(browser_page, f"{live_site}{path}")
    problem = horizontal_overflow(browser_page)
    assert not problem, problem


@pytest.mark.parametrize("code", ["en", "ar"])
def test_coming_webinar_page(live_site, browser_page, code):
    page = browser_page
    path = f"/{code}{CALENDAR}{UPCOMING}/"
    open_page(page, f"{live_site}{path}")
    assert_direction(page, code)
    assert_has_counsellor_contact(page)
    assert page.get_by_role("heading", level=1).inner_text() == title_in(code, UPCOMING)
    starts_at = timezone.localtime(webinar(UPCOMING).starts_at).isoformat()
    assert page.locator(f"dl.webinar-facts time[datetime='{starts_at}']").count() == 1
    form = page.locator("form.registration-form")
    action = f"/{code}/webinar-registration/{webinar(UPCOMING, code).pk}/"
    assert form.get_attribute("action") == action
    name = in_language(code, "Your name, as others will see it")
    assert form.get_by_role("textbox", name=name).count() == 1
    assert page.locator("#replay").count() == 0
    assert_no_problems(audit(page, path))


@pytest.mark.parametrize("code", ["en", "ar"])
def test_past_webinar_page_with_replay_and_questions(live_site, browser_page, code):
    page = browser_page
    path = f"/{code}{CALENDAR}{PAST}/"
    open_page(page, f"{live_site}{path}")
    assert_direction(page, code)
    assert_has_counsellor_contact(page)
    assert page.get_by_role("heading", level=1).inner_text() == title_in(code, PAST)
    assert page.locator("form.registration-form").count() == 0

    replay = page.locator("section#replay")
    frame = replay.locator("iframe")
    assert frame.get_attribute("src").startswith("https://video.employment.example/videos/embed/")
    assert frame.get_attribute("title")

    # The archive: the approved questions with their typed answers, anonymous ones
    # without a name, and nothing a moderator hid.
    event = webinar(PAST)
    archived = list(ChatMessage.objects.filter(webinar=event).archived_qa())
    archive = page.locator("section.qa-archive")
    questions = archive.locator("li")
    assert questions.count() == len(archived) >= 3
    for index, question in enumerate(archived):
        item = questions.nth(index)
        assert question.text in item.inner_text()
        assert question.answer in item.inner_text()
    anonymous = next(question for question in archived if question.anonymous)
    assert anonymous.author_name not in archive.inner_text()
    hidden = ChatMessage.objects.filter(webinar=event, state=MessageState.HIDDEN)
    assert hidden.exists()
    for message in hidden:
        assert message.text not in page.locator("main").inner_text()

    assert_no_problems(audit(page, path))


@pytest.mark.parametrize("code", ["en", "ar"])
def test_registration_page_and_registrants_page(live_site, browser_page, code):
    page = browser_page
    problems = []
    translated = webinar(UPCOMING, code)
    register = f"/{code}/webinar-registration/{translated.pk}/"

    open_page(page, f"{live_site}{register}")
    assert_direction(page, code)
    assert page.get_by_role("heading", level=1).inner_text() == in_language(
        code, "Register for a webinar"
    )
    assert page.locator("main .lead a").inner_text() == title_in(code, UPCOMING)
    problems += audit(page, register)

    page.set_viewport_size(DESKTOP)
    page.get_by_role("textbox", name=in_language(code, "Your name, as others will see it")).fill(
        "Browser test"
    )
    page.locator("form.registration-form button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/{code}/webinar-registration/r/[^/]+/$"))
    registrant = page.url.removeprefix(live_site)
    try:
        assert_direction(page, code)
        heading = page.get_by_role("heading", level=1).inner_text()
        assert heading == in_language(code, "You are registered")
        assert "Browser test" in page.locator("dl.webinar-facts").inner_text()
        assert page.locator("a[download][href$='/webinar.ics']").count() == 1
        problems += audit(page, "the registrant's page")

        cancel = f"{registrant}cancel/"
        open_page(page, f"{live_site}{cancel}")
        heading = page.get_by_role("heading", level=1).inner_text()
        assert heading == in_language(code, "Cancel your registration?")
        problems += audit(page, "the cancel confirmation page")
    finally:
        # Registrations made here are committed by the live server: cancel this one.
        page.goto(f"{live_site}{registrant}cancel/")
        page.locator("main form button[type=submit]").click()
        page.get_by_role("status").wait_for()
    assert_no_problems(problems)


# --- Without JavaScript ----------------------------------------------------------------


def places_left(page):
    """The number of places left, as the webinar page says it ("97 places left of 100")."""
    facts = page.locator("dl.webinar-facts").inner_text()
    return int(re.search(r"(\d+) places? left of", facts).group(1))


def test_registering_and_cancelling_work_without_javascript(live_site, no_js_page):
    page = no_js_page
    webinar_url = f"{live_site}/en{CALENDAR}{UPCOMING}/"
    page.goto(webinar_url)
    before = places_left(page)

    # A missing name: the page says so, next to the field and in a summary linking to it.
    form = page.locator("form.registration-form")
    form.get_by_role("button", name="Register").click()
    assert page.url.endswith(f"/en/webinar-registration/{webinar(UPCOMING).pk}/")
    summary = page.locator("#registration-errors[role='alert']")
    assert "Please enter a name to show in the chat." in summary.inner_text()
    name = page.get_by_role("textbox", name="Your name, as others will see it")
    assert name.get_attribute("aria-invalid") == "true"
    assert summary.locator("a").get_attribute("href") == f"#{name.get_attribute('id')}"

    # Registering from the form on that page leads to the registrant's own page.
    name.fill("Noscript Nora")
    page.get_by_role("textbox", name="E-mail address for reminders (optional)").fill(
        "nora.noscript@example.org"
    )
    page.locator("form.registration-form").get_by_role("button", name="Register").click()
    page.wait_for_url(re.compile(r"/en/webinar-registration/r/[^/]+/$"))
    registrant_url = page.url
    assert page.get_by_role("heading", level=1).inner_text() == "You are registered"
    facts = page.locator("dl.webinar-facts").inner_text()
    assert "Noscript Nora" in facts and "nora.noscript@example.org" in facts
    ics = page.locator("a[download][href$='/webinar.ics']")
    invite = page.request.get(f"{live_site}{ics.get_attribute('href')}")
    assert invite.headers["content-type"].startswith("text/calendar")
    assert "BEGIN:VEVENT" in invite.text()
    page.goto(webinar_url)
    assert places_left(page) == before - 1

    # The cancel link asks first: opening it (as a mail scanner would) changes nothing.
    page.goto(registrant_url)
    page.get_by_role("link", name="Cancel my registration").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Cancel your registration?"
    page.get_by_role("link", name="No, keep my registration").click()
    assert page.url == registrant_url
    assert page.get_by_role("heading", level=1).inner_text() == "You are registered"
    page.goto(webinar_url)
    assert places_left(page) == before - 1

    page.goto(registrant_url)
    page.get_by_role("link", name="Cancel my registration").click()
    page.get_by_role("button", name="Yes, cancel my registration").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Your registration is cancelled"
    assert "erased" in page.get_by_role("status").inner_text()
    page.goto(webinar_url)
    assert places_left(page) == before

    # The personal link now says the registration is gone.
    response = page.goto(registrant_url)
    assert response.status == 404
    assert page.get_by_role("heading", level=1).inner_text()


def test_calendar_filters_work_without_javascript(live_site, no_js_page):
    page = no_js_page
    page.goto(f"{live_site}/en{CALENDAR}")
    everything = cards(page, "upcoming") + cards(page, "past")
    assert page.get_by_role("link", name="Show all webinars").count() == 0

    # The form is a plain GET: the filtered calendar has an address of its own.
    page.locator("select#id_language").select_option("fr")
    page.get_by_role("button", name="Show webinars").click()
    page.wait_for_url(re.compile(r"\?.*language=fr"))
    french = sorted(data[1] for data in WEBINARS if data[3] == "fr")
    assert sorted(cards(page, "upcoming") + cards(page, "past")) == french
    assert page.locator("select#id_language").input_value() == "fr"

    # Filters combine; when nothing matches, the page says so.
    page.locator("select#id_subject").select_option("writing-a-cv")
    page.get_by_role("button", name="Show webinars").click()
    page.wait_for_url(re.compile(r"subject=writing-a-cv"))
    assert cards(page, "upcoming") + cards(page, "past") == []
    main = page.locator("main").inner_text()
    assert "No webinars coming up match these filters." in main
    assert "No past webinars match these filters." in main

    page.locator("select#id_language").select_option("")
    page.get_by_role("button", name="Show webinars").click()
    page.wait_for_url(re.compile(r"subject=writing-a-cv"))
    assert cards(page, "upcoming") == [english_title(UPCOMING)]

    page.get_by_role("link", name="Show all webinars").click()
    page.wait_for_url(f"{live_site}/en{CALENDAR}")
    assert cards(page, "upcoming") + cards(page, "past") == everything

    # In Arabic, the subjects are offered by their Arabic names and the result is too.
    page.goto(f"{live_site}/ar{CALENDAR}")
    catalogue = demo_catalogue("ar", CATALOGUES)
    subject = page.locator("select#id_subject")
    subject.select_option(label=catalogue["The hidden job market"])
    page.locator("form.webinar-filters button[type=submit]").click()
    page.wait_for_url(re.compile(r"subject=hidden-job-market"))
    assert cards(page, "past") == [title_in("ar", PAST)]
    assert cards(page, "upcoming") == []
