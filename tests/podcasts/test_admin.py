"""Editors publish podcasts without technical skills: the admin reads every upload and
says plainly what is wrong, and never loses what was saved before."""

import datetime
import zoneinfo

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from podcasts.demo_audio import generate_demo_mp3
from podcasts.models import PodcastEpisodePage, PodcastShowPage
from tests.factories import (
    ArtworkImageFactory,
    PodcastEpisodePageFactory,
    PodcastShowPageFactory,
    UserFactory,
    artwork_jpeg,
)

pytestmark = pytest.mark.django_db

VTT = b"WEBVTT\n\n00:00.000 --> 00:04.000\n<v Amina>Welcome to Work Matters.\n"


@pytest.fixture
def show(home_page):
    return PodcastShowPageFactory(parent=home_page, slug="work-matters")


@pytest.fixture
def publisher(client, locales):
    user = UserFactory(username="pub", groups=["Publishers"])
    client.force_login(user)
    return user


@pytest.fixture
def editor(client, locales):
    user = UserFactory(username="ed", groups=["Editors"])
    client.force_login(user)
    return user


def mp3(name="episode.mp3", seconds=6):
    return SimpleUploadedFile(name, generate_demo_mp3(seconds), content_type="audio/mpeg")


def episode_form(**overrides):
    data = nested_form_data(
        {
            "title": "Writing a CV that gets read",
            "slug": "writing-a-cv",
            "episode_number": "3",
            "season_number": "",
            "episode_type": "full",
            "show_notes": rich_text("<p>A recruiter tells us what she reads first.</p>"),
            "chapters": "0:00 Welcome\n0:03 One page is enough",
            "people": inline_formset([{"name": "Amina Diallo", "role": "host"}]),
            "related_links": streamfield([]),
        }
    )
    data["audio_file"] = mp3()
    data["transcript_file"] = SimpleUploadedFile("episode.vtt", VTT, content_type="text/vtt")
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def add_episode(client, show, data, action="action-publish"):
    url = reverse("wagtailadmin_pages:add", args=["podcasts", "podcastepisodepage", show.pk])
    if action:
        data[action] = action
    return client.post(url, data)


def errors_of(response):
    page = BeautifulSoup(response.content, "html.parser")
    return " ".join(e.get_text(" ", strip=True) for e in page.select(".error-message"))


def test_publisher_adds_an_episode_and_details_are_read_from_the_audio(client, show, publisher):
    response = add_episode(client, show, episode_form())
    assert response.status_code == 302, errors_of(response)
    episode = PodcastEpisodePage.objects.get(slug="writing-a-cv")
    assert episode.live
    assert (episode.duration_seconds, episode.mime_type) == (6, "audio/mpeg")
    assert episode.size_bytes == episode.audio_file.size
    assert episode.people.get().name == "Amina Diallo"
    assert episode.transcript.cues[0].text == "Welcome to Work Matters."


def test_editor_saves_a_draft_without_transcript_but_cannot_publish_without(
    client, show, publisher
):
    no_transcript = episode_form(transcript_file=None)
    response = add_episode(client, show, no_transcript)
    assert response.status_code == 200
    assert "Add a transcript before publishing" in errors_of(response)
    assert not PodcastEpisodePage.objects.filter(slug="writing-a-cv").exists()
    response = add_episode(client, show, episode_form(transcript_file=None), action=None)
    assert response.status_code == 302, errors_of(response)
    assert not PodcastEpisodePage.objects.get(slug="writing-a-cv").live


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("episode.mp3", b"%PDF-1.7 not audio at all" * 40), "MP3 or M4A"),
        (SimpleUploadedFile("episode.mp3", generate_demo_mp3(6)[:20_000]), "incomplete"),
        (SimpleUploadedFile("episode.mp3", b""), "empty"),
        (SimpleUploadedFile("episode.wav", b"RIFF\x00\x00\x00\x00WAVE"), "format is WAV"),
    ],
    ids=["renamed-pdf", "truncated-mp3", "empty", "wav"],
)
def test_bad_audio_is_refused_with_a_message(client, show, publisher, upload, message):
    response = add_episode(client, show, episode_form(audio_file=upload))
    assert response.status_code == 200
    assert message.lower() in errors_of(response).lower()
    assert not PodcastEpisodePage.objects.filter(slug="writing-a-cv").exists()


def test_oversized_audio_is_refused_naming_the_limit(client, show, publisher, settings):
    settings.PODCAST_MAX_AUDIO_BYTES = 10_000
    response = add_episode(client, show, episode_form())
    assert response.status_code == 200
    assert "MB" in errors_of(response) or "KB" in errors_of(response)
    assert not PodcastEpisodePage.objects.exists()


@pytest.mark.parametrize(
    ("transcript", "message"),
    [
        (b"WEBVTT\n\n00:00.000 --> 00:0x.000\nHello\n", "Line 3"),
        (b"\xff\xfe\x00bad", "UTF-8"),
        (b"Hello, this is not a transcript", "WebVTT"),
    ],
    ids=["bad-timestamp", "not-utf8", "no-format"],
)
def test_malformed_transcript_is_refused(client, show, publisher, transcript, message):
    upload = SimpleUploadedFile("episode.vtt", transcript, content_type="text/vtt")
    response = add_episode(client, show, episode_form(transcript_file=upload))
    assert response.status_code == 200
    assert message.lower() in errors_of(response).lower()


def test_chapters_after_the_end_are_refused(client, show, publisher):
    response = add_episode(client, show, episode_form(chapters="0:00 Welcome\n9:00 Too late"))
    assert response.status_code == 200
    assert "Line 2" in errors_of(response) or "Chapter 2" in errors_of(response)


def test_a_bad_new_file_loses_nothing_already_saved(client, show, publisher):
    episode = PodcastEpisodePageFactory(parent=show, title="Saved", slug="saved")
    episode.save_revision().publish()
    before = (episode.audio_file.name, episode.size_bytes, episode.title)
    data = episode_form(
        title="Saved, edited",
        slug="saved",
        audio_file=SimpleUploadedFile("new.mp3", b"not audio" * 100),
    )
    data["action-publish"] = "action-publish"
    response = client.post(reverse("wagtailadmin_pages:edit", args=[episode.pk]), data)
    assert response.status_code == 200
    assert "MP3 or M4A" in errors_of(response)
    episode = PodcastEpisodePage.objects.get(pk=episode.pk)
    assert (episode.audio_file.name, episode.size_bytes, episode.title) == before
    assert episode.audio_file.storage.exists(episode.audio_file.name)


def test_new_episode_proposes_the_next_free_slot(client, show, publisher):
    taken = PodcastEpisodePageFactory(parent=show, live=False)
    paris = zoneinfo.ZoneInfo("Europe/Paris")
    taken.go_live_at = datetime.datetime(2026, 11, 23, 6, tzinfo=paris)
    taken.save_revision().publish()
    url = reverse("wagtailadmin_pages:add", args=["podcasts", "podcastepisodepage", show.pk])
    with time_machine.travel(datetime.datetime(2026, 11, 22, 15, tzinfo=paris), tick=False):
        page = BeautifulSoup(client.get(url).content, "html.parser")
    assert page.select_one("input[name=go_live_at]")["value"].startswith("2026-11-30 06:00")


def test_editors_cannot_publish_episodes(client, show, editor):
    add_episode(client, show, episode_form())
    episode = PodcastEpisodePage.objects.filter(slug="writing-a-cv").first()
    assert episode is None or not episode.live


# --- Shows ---


def show_form(artwork):
    data = nested_form_data(
        {
            "title": "Work Matters for employers",
            "slug": "employers",
            "description": rich_text("<p>For employers.</p>"),
            "artwork": artwork.pk,
            "apple_category": "Business › Management",
            "show_type": "episodic",
            "author": "Public Employment Service",
            "owner_name": "Podcast team",
            "owner_email": "podcast@example.org",
            "copyright": "CC BY 4.0",
            "publishing_weekday": "0",
            "publishing_time": "06:00",
        }
    )
    data["action-publish"] = "action-publish"
    return data


def add_show(client, home_page, artwork):
    url = reverse("wagtailadmin_pages:add", args=["podcasts", "podcastshowpage", home_page.pk])
    return client.post(url, show_form(artwork))


def test_publisher_creates_a_show(client, home_page, publisher):
    response = add_show(client, home_page, ArtworkImageFactory())
    assert response.status_code == 302, errors_of(response)
    show = PodcastShowPage.objects.get(slug="employers")
    assert show.live and show.apple_category == "Business › Management"


@pytest.mark.parametrize(
    ("picture", "message"),
    [
        (artwork_jpeg(size=(1200, 800)), "1200 × 800"),
        (artwork_jpeg(size=(1000, 1000)), "1000 × 1000"),
        (artwork_jpeg(size=(1400, 1400), mode="L"), "RGB"),
    ],
    ids=["not-square", "too-small", "greyscale"],
)
def test_artwork_apps_would_refuse_is_refused_naming_the_problem(
    client, home_page, publisher, picture, message
):
    from django.core.files.base import ContentFile

    artwork = ArtworkImageFactory(file=ContentFile(picture, name="art.jpg"))
    response = add_show(client, home_page, artwork)
    assert response.status_code == 200
    assert message in errors_of(response)
    assert not PodcastShowPage.objects.filter(slug="employers").exists()
