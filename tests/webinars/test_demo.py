"""The demo calendar: sixty-four subjects, webinars in several languages, one live at
load time, coming ones and past ones with a recording."""

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from tests.factories import InformationPageFactory
from webinars import timing
from webinars.demo import WEBINARS, ensure_webinar_demo
from webinars.models import Subject, SubjectCategory, WebinarIndexPage, WebinarPage

pytestmark = pytest.mark.django_db


def test_demo_calendar(demo_content):
    calendar = WebinarIndexPage.objects.get(slug="calendar", locale__language_code="en")
    assert calendar.live and calendar.get_parent().slug == "webinars"
    webinars = WebinarPage.objects.child_of(calendar).live()
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
    assert Subject.objects.count() >= 60
    assert SubjectCategory.objects.count() == 8
    past = [page for page in webinars if page.ends_at <= timezone.now()]
    assert len(past) >= 4 and all(page.recording_url for page in past)
    assert webinars.filter(staff_only=True).count() == 1


def test_one_demo_webinar_is_live_at_load_time(locales, home_page):
    section = InformationPageFactory(parent=home_page, title="Webinars", slug="webinars")
    created = []
    now = timezone.now()
    calendar = ensure_webinar_demo(section, created, now=now)
    statuses = [page.status(now) for page in WebinarPage.objects.child_of(calendar)]
    assert statuses.count(timing.LIVE) == 1
    assert statuses.count(timing.UPCOMING) >= 6
    assert ensure_webinar_demo(section, []) is None  # a second run changes nothing


def test_demo_calendar_renders_in_every_language(client, demo_content):
    for code in ("en", "fr", "ar"):
        response = client.get(f"/{code}/webinars/calendar/")
        assert response.status_code == 200
        page = BeautifulSoup(response.content, "html.parser")
        assert len(page.select(".webinar-list li")) >= 8
        assert "Staff briefing" not in page.get_text()
        assert len(page.select("select#id_subject optgroup")) >= 5
