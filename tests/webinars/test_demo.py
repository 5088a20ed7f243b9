"""The demo calendar: sixty-four subjects, webinars in several languages, one live at
load time, coming ones and past ones with a recording; the calendar, its subjects and
most webinars translated as a translator would, through wagtail-localize."""

import polib
import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from wagtail.models import Locale
from wagtail_localize.models import Translation

from content.demo.loader import demo_catalogue
from tests.factories import InformationPageFactory
from webinars import timing
from webinars.demo import CATALOGUES, LEFT_IN_ENGLISH, WEBINARS, ensure_webinar_demo
from webinars.models import Subject, SubjectCategory, WebinarIndexPage, WebinarPage

pytestmark = pytest.mark.django_db

OTHER_LANGUAGES = ["fr", "sv", "et", "ar", "uk"]


def english_calendar():
    return WebinarIndexPage.objects.get(slug="calendar", locale__language_code="en")


def english_webinars():
    return WebinarPage.objects.child_of(english_calendar()).live()


def webinar_catalogue(code):
    return demo_catalogue(code, CATALOGUES)


def test_demo_calendar(demo_content):
    calendar = english_calendar()
    assert calendar.live and calendar.get_parent().slug == "webinars"
    webinars = english_webinars()
    assert webinars.count() == len(WEBINARS) >= 12
    assert webinars.values("subject").distinct().count() >= 10
    assert set(webinars.values_list("session_language", flat=True)) == {
        "en",
        "fr",
        "sv",
        "et",
        "ar",
        "uk",
    }
    assert Subject.objects.filter(locale__language_code="en").count() >= 60
    assert SubjectCategory.objects.filter(locale__language_code="en").count() == 8
    past = [page for page in webinars if page.ends_at <= timezone.now()]
    assert len(past) >= 4 and all(page.recording_url for page in past)
    assert webinars.filter(staff_only=True).count() == 1


def test_one_demo_webinar_is_live_at_load_time(locales, home_page):
    section = InformationPageFactory(parent=home_page, title="Webinars", slug="webinars")
    created = []
    now = timezone.now()
    plan = ensure_webinar_demo(section, created, now=now)
    calendar = WebinarIndexPage.objects.child_of(section).get()
    statuses = [page.status(now) for page in WebinarPage.objects.child_of(calendar)]
    assert statuses.count(timing.LIVE) == 1
    assert statuses.count(timing.UPCOMING) >= 6

    # A second run creates nothing and plans the same translations.
    again = []
    assert ensure_webinar_demo(section, again) == plan
    assert again == []
    assert WebinarIndexPage.objects.child_of(section).count() == 1


def test_demo_calendar_renders_in_every_language(client, demo_content):
    for code in ("en", "fr", "ar"):
        response = client.get(f"/{code}/webinars/calendar/")
        assert response.status_code == 200
        page = BeautifulSoup(response.content, "html.parser")
        assert len(page.select(".webinar-list li")) >= 8
        assert "Staff briefing" not in page.get_text()
        assert len(page.select("select#id_subject optgroup")) >= 5


# --- Translations --------------------------------------------------------------------


@pytest.mark.parametrize("code", OTHER_LANGUAGES)
def test_the_calendar_is_translated_into_every_language(demo_content, code):
    calendar = english_calendar().get_translation(Locale.objects.get(language_code=code))
    catalogue = webinar_catalogue(code)
    assert calendar.live
    assert calendar.title == catalogue["Webinar calendar"] != "Webinar calendar"
    assert calendar.intro == catalogue[english_calendar().intro]
    # A translation editors can sync, not a copy.
    assert Translation.objects.filter(
        source__object_id=english_calendar().translation_key, target_locale__language_code=code
    ).exists()


@pytest.mark.parametrize("code", ["fr", "ar"])
def test_most_webinars_are_translated_into_french_and_arabic(demo_content, code):
    locale = Locale.objects.get(language_code=code)
    catalogue = webinar_catalogue(code)
    translated = 0
    for webinar in english_webinars():
        translation = webinar.get_translation_or_none(locale)
        if webinar.slug in LEFT_IN_ENGLISH:
            assert translation is None, webinar.slug
            continue
        assert translation.live, webinar.slug
        assert translation.title == catalogue[webinar.title] != webinar.title
        assert translation.intro == catalogue[webinar.intro] != webinar.intro
        # The session itself is the same: time, language, subject.
        assert (translation.starts_at, translation.session_language, translation.subject_id) == (
            webinar.starts_at,
            webinar.session_language,
            webinar.subject_id,
        )
        translated += 1
    assert translated > len(WEBINARS) * 2 / 3


@pytest.mark.parametrize("code", ["sv", "et", "uk"])
def test_sessions_are_described_in_the_language_they_are_held_in(demo_content, code):
    locale = Locale.objects.get(language_code=code)
    held_here = english_webinars().filter(session_language=code)
    assert held_here.exists()
    for webinar in held_here:
        translation = webinar.get_translation(locale)
        assert translation.live
        assert translation.title == webinar_catalogue(code)[webinar.title]


@pytest.mark.parametrize("code", OTHER_LANGUAGES)
def test_subjects_offered_by_the_calendar_are_translated(demo_content, code):
    locale = Locale.objects.get(language_code=code)
    catalogue = webinar_catalogue(code)
    subjects = Subject.objects.filter(pk__in=english_webinars().values("subject_id"))
    categories = SubjectCategory.objects.filter(pk__in=subjects.values("category_id"))
    assert subjects.count() >= 10 and categories.count() == 8
    for term in [*subjects, *categories]:
        translation = term.get_translation(locale)
        assert translation.name == catalogue[term.name] != term.name
        assert translation.slug == term.slug
    # Subjects no session is about are left to editors.
    unused = Subject.objects.filter(locale__language_code="en").exclude(pk__in=subjects)
    assert not Subject.objects.filter(
        locale=locale, translation_key__in=unused.values("translation_key")
    ).exists()


@pytest.mark.parametrize("code", OTHER_LANGUAGES)
def test_webinar_catalogues_are_complete(code):
    catalogue = polib.pofile(str(CATALOGUES / f"{code}.po"))
    assert len(catalogue) >= 26
    assert [entry.msgid for entry in catalogue if not entry.msgstr] == []
    assert [entry.msgid for entry in catalogue if entry.msgstr == entry.msgid] == []


@pytest.mark.parametrize("code", ["fr", "ar"])
def test_visitors_see_translated_titles_summaries_and_subjects(client, demo_content, code):
    catalogue = webinar_catalogue(code)
    response = client.get(f"/{code}/webinars/calendar/")
    page = BeautifulSoup(response.content, "html.parser")
    assert page.h1.get_text(strip=True) == catalogue["Webinar calendar"]
    cards = {card.h3.get_text(strip=True): card for card in page.select(".webinar-list li")}
    replay = english_webinars().get(slug="the-hidden-job-market-replay")
    card = cards[catalogue[replay.title]]
    assert card["lang"] == code
    assert catalogue[replay.intro] in card.get_text()
    assert card.select_one(".not-translated") is None
    # A session left in English is listed in English, and says so.
    swedish = cards["Starting a business, in Swedish"]
    assert swedish["lang"] == "en" and swedish.select_one(".not-translated")
    groups = [group["label"] for group in page.select("select#id_subject optgroup")]
    assert catalogue["Finding work"] in groups and "Finding work" not in groups
    options = [option.get_text(strip=True) for option in page.select("select#id_subject option")]
    assert catalogue["The hidden job market"] in options

    response = client.get(f"/{code}/webinars/calendar/{replay.slug}/")
    page = BeautifulSoup(response.content, "html.parser")
    assert page.h1.get_text(strip=True) == catalogue[replay.title]
    assert page.select_one(".webinar .lead").get_text(strip=True) == catalogue[replay.intro]
    assert (
        page.select_one(".webinar .kicker").get_text(strip=True) == catalogue[replay.subject.name]
    )
