"""The demo calendar: sixty-four subjects, webinars in several languages, one live at
load time, coming ones and past ones with a recording and their archived questions and
answers; the calendar, its subjects and most webinars translated as a translator would,
through wagtail-localize."""

import polib
import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Locale
from wagtail_localize.models import Translation

from content.demo.loader import demo_catalogue
from tests.factories import InformationPageFactory
from webinars import timing
from webinars.demo import CATALOGUES, LEFT_IN_ENGLISH, WEBINARS, ensure_webinar_demo
from webinars.demo_chat import ROOMS
from webinars.models import (
    ChatMessage,
    ChatParticipant,
    ChatRoom,
    ChatVote,
    MessageKind,
    MessageState,
    ModerationMode,
    Registration,
    RegistrationStatus,
    SessionRating,
    Subject,
    SubjectCategory,
    WebinarIndexPage,
    WebinarPage,
)

pytestmark = pytest.mark.django_db

OTHER_LANGUAGES = ["fr", "sv", "et", "ar", "uk"]
LIVE_SLUG = "ask-us-anything-live"


def english_calendar():
    return WebinarIndexPage.objects.get(slug="calendar", locale__language_code="en")


def english_webinars():
    return WebinarPage.objects.child_of(english_calendar()).live()


def past_with_replay():
    now = timezone.now()
    return [page for page in english_webinars() if page.ends_at <= now and page.has_replay]


def live_webinar():
    return english_webinars().get(slug=LIVE_SLUG)


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
    live = WebinarPage.objects.get(slug=LIVE_SLUG)
    assert live.status(now) == timing.LIVE
    # Its room has what was said so far: nothing written after the load.
    messages = ChatMessage.objects.filter(webinar=live)
    assert messages.exists()
    assert all(live.starts_at < message.created_at < now for message in messages)
    assert all(message.answered_at <= now for message in messages.answered() if message.answered_at)

    # A second run creates nothing and plans the same translations.
    again = []
    assert ensure_webinar_demo(section, again) == plan
    assert again == []
    assert WebinarIndexPage.objects.child_of(section).count() == 1
    assert ChatRoom.objects.count() == len(ROOMS)


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


# --- Chat ----------------------------------------------------------------------------


def test_past_webinars_with_a_replay_have_an_archived_qa(demo_content):
    past = past_with_replay()
    assert len(past) >= 4
    for webinar in past:
        room = ChatRoom.objects.get(webinar=webinar)
        assert 20 <= room.peak_viewers <= 500, webinar.slug
        messages = ChatMessage.objects.filter(webinar=webinar)
        archive = list(messages.archived_qa())
        assert 3 <= len(archive) <= 6, webinar.slug
        for question in archive:
            assert question.answered and len(question.answer) > 40, question.text
            assert webinar.starts_at < question.created_at < question.answered_at
            assert question.answered_at <= webinar.ends_at
        assert sum(question.votes for question in archive) >= 10, webinar.slug
        assert sum(question.anonymous for question in archive) == 1, webinar.slug
        hidden = messages.filter(state=MessageState.HIDDEN)
        assert list(hidden.values_list("kind", flat=True)) == [MessageKind.COMMENT]
        assert not messages.filter(state=MessageState.PENDING).exists()
        assert {question.state for question in archive} == {MessageState.VISIBLE}
        ratings = list(SessionRating.objects.filter(webinar=webinar))
        assert len(ratings) >= 3
        assert all(1 <= r.rating <= 5 and r.created_at >= webinar.ends_at for r in ratings)


def test_webinars_without_a_replay_have_no_archive(demo_content):
    now = timezone.now()
    for webinar in english_webinars():
        if webinar.slug != LIVE_SLUG and webinar.ends_at > now:
            assert not ChatRoom.objects.filter(webinar=webinar).exists(), webinar.slug
            assert not ChatMessage.objects.filter(webinar=webinar).exists(), webinar.slug


def test_the_live_webinar_has_questions_comments_and_one_waiting_for_approval(demo_content):
    live = live_webinar()
    assert live.moderation_mode == ModerationMode.PRE
    assert ChatRoom.objects.get(webinar=live).peak_viewers > 0
    messages = ChatMessage.objects.filter(webinar=live)
    assert messages.visible().questions().count() >= 2
    assert messages.visible().filter(kind=MessageKind.COMMENT).count() >= 2
    pending = messages.filter(state=MessageState.PENDING)
    assert [message.kind for message in pending] == [MessageKind.QUESTION]
    assert pending.get().votes == 0
    assert not SessionRating.objects.filter(webinar=live).exists()


def test_chat_authors_are_registrants_with_demo_display_names(demo_content):
    messages = ChatMessage.objects.filter(webinar__in=[*past_with_replay(), live_webinar()])
    assert messages.count() >= 30
    for message in messages.select_related("participant__registration"):
        participant = message.participant
        assert message.author_name == participant.display_name
        registration = participant.registration
        assert registration.webinar_id == message.webinar_id
        assert registration.status == RegistrationStatus.CONFIRMED
        assert registration.email == ""  # demo people get no e-mail
        assert participant.key == f"registration:{registration.key.hex}"
        assert participant.user_id is None


def test_votes_are_counted_once_per_registrant(demo_content):
    for message in ChatMessage.objects.filter(webinar__in=[*past_with_replay(), live_webinar()]):
        votes = ChatVote.objects.filter(message=message)
        assert votes.count() == message.votes, message.text
        assert not votes.filter(participant=message.participant_id).exists()
        if message.votes:
            assert message.kind == MessageKind.QUESTION
            assert message.state == MessageState.VISIBLE


def test_loading_the_demo_again_adds_no_chat_or_translation(demo_content):
    models = [
        ChatRoom,
        ChatParticipant,
        ChatMessage,
        ChatVote,
        SessionRating,
        Registration,
        Subject,
        SubjectCategory,
        WebinarPage,
        Translation,
    ]
    counts = [model.objects.count() for model in models]
    call_command("load_initial_data")
    assert [model.objects.count() for model in models] == counts
