"""The house minimum for the webinar page types: they render with their key text, an
Editor creates them through the admin, parent/child rules hold, a translated copy
renders, and staff-only webinars and drafts stay hidden."""

import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, streamfield

from content.models import HomePage, InformationPage
from tests.conftest import ensure_migration_data
from tests.factories import (
    HomePageFactory,
    RegistrationFactory,
    SubjectFactory,
    UserFactory,
    WebinarPageFactory,
)
from webinars.models import WebinarIndexPage, WebinarPage

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def text_of(response, selector):
    return soup(response).select_one(selector).get_text(" ", strip=True)


class TestPageRules(WagtailPageTestCase):
    def test_calendar_lives_under_home_or_a_section(self):
        self.assertAllowedParentPageTypes(WebinarIndexPage, {HomePage, InformationPage})
        self.assertAllowedSubpageTypes(WebinarIndexPage, {WebinarPage})

    def test_webinars_live_in_a_calendar_and_have_no_children(self):
        self.assertAllowedParentPageTypes(WebinarPage, {WebinarIndexPage})
        self.assertAllowedSubpageTypes(WebinarPage, set())


class TestEditorCreatesWebinars(WagtailPageTestCase):
    def setUp(self):
        ensure_migration_data()
        self.home = HomePageFactory(parent=Page.get_first_root_node(), slug="home-w")
        self.editor = UserFactory(username="ed", groups=["Editors"])
        self.presenter = UserFactory(username="presenter", groups=["Moderators"])
        self.client.force_login(self.editor)

    def test_editor_creates_a_calendar_and_a_webinar_as_drafts(self):
        self.assertCanCreate(
            self.home,
            WebinarIndexPage,
            nested_form_data({"title": "Webinars", "slug": "sessions", "intro": "Live."}),
            publish=False,
        )
        calendar = WebinarIndexPage.objects.get(slug="sessions")
        subject = SubjectFactory(name="Job interviews", slug="interviews")
        data = nested_form_data(
            {
                "title": "Job interviews by video",
                "slug": "video-interviews",
                "subject": subject.pk,
                "intro": "How to prepare your phone and what to say first.",
                "session_language": "fr",
                "starts_at": "2031-03-04 14:00",
                "ends_at": "2031-03-04 15:00",
                "capacity": "30",
                "stream_url": "https://meet.jit.si/pes-video-interviews",
                "moderation_mode": "post",
                "body": streamfield([]),
                "related_links": streamfield([]),
            }
        )
        data["presenters"] = [self.presenter.pk]  # a multiple choice, not a formset
        self.assertCanCreate(calendar, WebinarPage, data, publish=False)
        page = WebinarPage.objects.get(slug="video-interviews")
        assert not page.live
        draft = page.get_latest_revision_as_object()
        assert draft.session_language == "fr"
        assert draft.capacity == 30
        assert list(draft.presenters.all()) == [self.presenter]
        assert draft.starts_at.isoformat() == "2031-03-04T14:00:00+01:00"


def test_webinar_page_renders_its_key_text(client, webinar):
    response = client.get("/en/calendar/writing-a-cv/")
    assert response.status_code == 200
    assert text_of(response, "h1") == "Writing a CV that gets read"
    assert text_of(response, ".kicker") == "Writing a CV"
    assert "What recruiters read first" in text_of(response, ".lead")
    facts = text_of(response, ".webinar-facts")
    assert "English" in facts
    assert "2 places left of 2" in facts
    assert text_of(response, "#register-heading") == "Register"
    form = soup(response).select_one("form.registration-form")
    assert form["action"] == reverse("webinar_register", args=[webinar.pk])
    assert {label["for"] for label in form.select("label")} == {
        "id_display_name",
        "id_email",
        "id_keep_informed",
    }


def test_time_is_given_in_the_portals_zone_with_its_name(client, webinar):
    page = soup(client.get("/en/calendar/writing-a-cv/"))
    start, end = page.select(".webinar-facts time")
    day = webinar.starts_at.date().isoformat()
    assert start["datetime"] == f"{day}T10:00:00{start['datetime'][-6:]}"
    assert start["datetime"][-6:] in ("+01:00", "+02:00")  # Paris, winter or summer time
    assert end["datetime"].startswith(f"{day}T11:00:00")
    zone = page.select_one(".session-time")
    assert zone["data-portal-zone"] == "Europe/Paris"
    assert "Europe/Paris time" in zone.get_text()
    assert page.find("script", src="/static/webinars/js/local-time.js")


def test_pages_with_times_are_never_served_from_the_page_cache(client, webinar, calendar):
    for url in ("/en/calendar/", "/en/calendar/writing-a-cv/"):
        client.get(url)
        assert "X-Page-Cache" not in client.get(url).headers


def test_a_full_webinar_offers_its_waiting_list(client, webinar):
    RegistrationFactory.create_batch(2, webinar=webinar)
    page = soup(client.get("/en/calendar/writing-a-cv/"))
    assert "Full: you can join the waiting list" in page.select_one(".webinar-facts").get_text()
    assert page.select_one("form.registration-form button").get_text(strip=True) == (
        "Join the waiting list"
    )


def test_live_and_ended_webinars(client, webinar):
    webinar.stream_url = "https://www.youtube.com/watch?v=aBcDeFgHiJk"
    webinar.recording_url = "https://video.example.org/w/9c9de5e8-0a1b-4e0b"
    webinar.save_revision().publish()
    with time_machine.travel(webinar.starts_at + datetime.timedelta(minutes=5), tick=False):
        page = soup(client.get("/en/calendar/writing-a-cv/"))
    assert page.select_one(".badge--live").get_text(strip=True) == "Live now"
    iframe = page.select_one(".stream iframe")
    assert iframe["src"] == "https://www.youtube-nocookie.com/embed/aBcDeFgHiJk"
    assert iframe["title"] == "Live stream: Writing a CV that gets read"
    with time_machine.travel(webinar.ends_at + datetime.timedelta(days=1), tick=False):
        page = soup(client.get("/en/calendar/writing-a-cv/"))
    assert page.select_one("#replay iframe")["src"] == (
        "https://video.example.org/videos/embed/9c9de5e8-0a1b-4e0b"
    )
    assert page.select_one("form.registration-form") is None


def test_a_meeting_room_link_is_not_on_the_public_page(client, webinar):
    webinar.stream_url = "https://meet.jit.si/pes-writing-a-cv"
    webinar.save_revision().publish()
    with time_machine.travel(webinar.starts_at + datetime.timedelta(minutes=5), tick=False):
        response = client.get("/en/calendar/writing-a-cv/")
    assert "meet.jit.si" not in response.content.decode()
    assert "registration page" in text_of(response, ".stream")


def test_calendar_lists_coming_and_past_webinars(client, calendar, webinar):
    past = WebinarPageFactory(
        parent=calendar,
        slug="past-one",
        title="Benefits explained",
        starts_at=webinar.starts_at - datetime.timedelta(days=30),
        ends_at=webinar.starts_at - datetime.timedelta(days=30, hours=-1),
        recording_url="https://www.youtube.com/watch?v=PoIuYtReWqA",
    )
    past.save_revision().publish()
    page = soup(client.get("/en/calendar/"))
    assert page.h1.get_text(strip=True) == "Webinar calendar"
    coming, ended = page.select(".webinar-list")
    assert [a.get_text(strip=True) for a in coming.select("h3 a")] == [webinar.title]
    assert [a.get_text(strip=True) for a in ended.select("h3 a")] == ["Benefits explained"]
    assert "Replay available" in ended.get_text()
    headings = [h.name for h in page.select("main h1, main h2, main h3")]
    assert headings[:3] == ["h1", "h2", "h2"]


def test_calendar_filters_by_subject_audience_and_language(client, calendar, webinar):
    other = WebinarPageFactory(parent=calendar, slug="in-french", session_language="fr")
    other.save_revision().publish()

    def titles(query):
        page = soup(client.get(f"/en/calendar/?{query}"))
        return [a.get_text(strip=True) for a in page.select(".webinar-list h3 a")]

    assert titles("language=fr") == [other.title]
    assert titles("subject=cv") == [webinar.title]
    assert sorted(titles("")) == sorted([webinar.title, other.title])
    # The subject filter groups subjects by category, in a plain GET form.
    page = soup(client.get("/en/calendar/"))
    form = page.select_one("form.webinar-filters")
    assert form["method"] == "get"
    assert len(form.select("select#id_subject optgroup")) == 2
    assert form.select_one("select#id_language option[value=ar]")["lang"] == "ar"


def test_past_webinars_are_paged_and_pages_keep_the_filters(client, calendar, webinar):
    for number in range(14):
        starts_at = webinar.starts_at - datetime.timedelta(days=30 + number)
        WebinarPageFactory(
            parent=calendar,
            slug=f"past-{number}",
            session_language="fr",
            starts_at=starts_at,
            ends_at=starts_at + datetime.timedelta(hours=1),
        ).save_revision().publish()
    page = soup(client.get("/en/calendar/?language=fr"))
    past = page.select(".webinar-list")[-1]
    assert len(past.select("li")) == 12
    next_link = page.select_one(".pagination a[rel=next]")["href"]
    assert "language=fr" in next_link and "page=2" in next_link
    second = soup(client.get(f"/en/calendar/{next_link}"))
    assert len(second.select(".webinar-list")[-1].select("li")) == 2


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("subject=nope", "Choose a subject from the list."),
        ("audience=nope", "Choose an audience from the list."),
        ("language=xx", "Choose a language from the list."),
        ("page=abc", "The page number must be a whole number."),
    ],
)
def test_bad_filters_are_reported_and_ignored(client, webinar, query, message):
    response = client.get(f"/en/calendar/?{query}")
    assert response.status_code == 200
    assert message in text_of(response, ".message--error")
    assert webinar.title in text_of(response, ".webinar-list")
    page = soup(response)
    for described in page.select("form.webinar-filters [aria-describedby]"):
        assert page.find(id=described["aria-describedby"])
    name = query.split("=")[0]
    if name != "page":  # the page number has no control of its own
        assert page.select_one(f"form.webinar-filters #id_{name}")["aria-invalid"] == "true"


def test_translated_copy_renders_and_shares_the_session(client, webinar, locales):
    calendar = webinar.get_parent().specific
    calendar_fr = calendar.copy_for_translation(locales["fr"], copy_parents=True)
    calendar_fr.title = "Calendrier des webinaires"
    calendar_fr.save_revision().publish()
    copy = webinar.copy_for_translation(locales["fr"])
    copy.title = "Un CV qui se fait lire"
    copy.save_revision().publish()
    RegistrationFactory(webinar=webinar)
    response = client.get("/fr/calendar/writing-a-cv/")
    assert response.status_code == 200
    assert text_of(response, "h1") == "Un CV qui se fait lire"
    assert soup(response).select_one("main").get("lang") is None  # all in French
    # The translation is the same session: one registration counts in every language.
    assert copy.event.pk == webinar.pk
    form = soup(response).select_one("form.registration-form")
    assert form["action"] == reverse("webinar_register", args=[copy.pk])
    assert "1" in text_of(response, ".webinar-facts dd:nth-of-type(3)")


def test_untranslated_webinar_shows_in_english_with_a_notice(client, webinar):
    response = client.get("/ar/calendar/writing-a-cv/")
    assert response.status_code == 200
    assert soup(response).select_one("main")["lang"] == "en"
    assert soup(response).select_one(".fallback-notice")
    assert soup(response).select_one(".webinar-facts")["lang"] == "ar"


def test_anonymous_visitors_cannot_see_staff_only_webinars(client, calendar, webinar):
    secret = WebinarPageFactory(
        parent=calendar, slug="staff-briefing", title="Staff briefing", staff_only=True
    )
    secret.save_revision().publish()
    response = client.get("/en/calendar/staff-briefing/")
    assert response.status_code == 302
    assert "Staff briefing" not in response.content.decode()
    assert "Staff briefing" not in client.get("/en/calendar/").content.decode()
    assert client.get(reverse("webinar_register", args=[secret.pk])).status_code == 404
    assert not WebinarPage.objects.public().filter(pk=secret.pk).exists()  # search, sitemap
    client.force_login(UserFactory(username="mod", groups=["Moderators"]))
    assert client.get("/en/calendar/staff-briefing/").status_code == 200
    assert "Staff briefing" in client.get("/en/calendar/").content.decode()


def test_a_webinar_made_public_again_loses_its_restriction(client, calendar):
    page = WebinarPageFactory(parent=calendar, slug="briefing", staff_only=True)
    page.save_revision().publish()
    page.staff_only = False
    page.save_revision().publish()
    assert client.get("/en/calendar/briefing/").status_code == 200


def test_drafts_are_not_visible(client, calendar):
    draft = WebinarPageFactory(parent=calendar, slug="draft", title="Not yet", live=False)
    assert client.get("/en/calendar/draft/").status_code == 404
    assert "Not yet" not in client.get("/en/calendar/").content.decode()
    assert client.get(reverse("webinar_register", args=[draft.pk])).status_code == 404
