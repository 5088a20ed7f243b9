"""Audio for podcast apps: HTTP Range in every form, and download counts that hold no
personal data (a daily-salted hash, deduplicated per 24 h, deleted after 48 h)."""

import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.utils import timezone

from podcasts.models import DownloadHit, EpisodeDownloadDay, FeedPollHit
from podcasts.stats import purge_raw_hashes
from tests.factories import PodcastEpisodePageFactory, PodcastShowPageFactory

pytestmark = pytest.mark.django_db

LISTENER = {"REMOTE_ADDR": "198.51.100.7", "HTTP_USER_AGENT": "PocketCasts/7"}


@pytest.fixture
def episode(home_page):
    show = PodcastShowPageFactory(parent=home_page, slug="work-matters")
    episode = PodcastEpisodePageFactory(parent=show, audio_seconds=5)
    episode.save_revision().publish()
    return episode


def downloads(episode):
    return sum(day.downloads for day in EpisodeDownloadDay.objects.filter(episode=episode))


def test_whole_file_head_and_ranges(client, episode):
    size = episode.size_bytes
    whole = client.get(episode.audio_path)
    assert whole.status_code == 200
    assert whole["Accept-Ranges"] == "bytes"
    assert whole["Content-Type"] == "audio/mpeg"
    assert b"".join(whole.streaming_content) == episode.audio_file.open("rb").read()
    head = client.head(episode.audio_path)
    assert (head.status_code, head["Content-Length"]) == (200, str(size))
    part = client.get(episode.audio_path, HTTP_RANGE="bytes=100-199")
    assert part.status_code == 206
    assert part["Content-Range"] == f"bytes 100-199/{size}"
    assert len(b"".join(part.streaming_content)) == 100
    tail = client.get(episode.audio_path, HTTP_RANGE="bytes=-10")
    assert tail["Content-Range"] == f"bytes {size - 10}-{size - 1}/{size}"


@pytest.mark.parametrize("header", ["bytes=abc", "lines=1-2", "bytes=5-1", "bytes=1-2,4-5", "x"])
def test_malformed_ranges_get_the_whole_file(client, episode, header):
    response = client.get(episode.audio_path, HTTP_RANGE=header)
    assert response.status_code == 200
    assert int(response["Content-Length"]) == episode.size_bytes


def test_unsatisfiable_range_is_416_and_not_counted(client, episode):
    response = client.get(episode.audio_path, HTTP_RANGE="bytes=999999999-", **LISTENER)
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{episode.size_bytes}"
    assert downloads(episode) == 0


def test_wrong_extension_unknown_guid_and_drafts_are_not_found(client, episode):
    assert client.get(episode.audio_path.replace(".mp3", ".m4a")).status_code == 404
    assert (
        client.get("/podcasts/episodes/00000000-0000-0000-0000-000000000000/audio.mp3").status_code
        == 404
    )
    draft = PodcastEpisodePageFactory(parent=episode.get_parent(), live=False)
    assert client.get(draft.audio_path).status_code == 404
    assert client.post(episode.audio_path).status_code == 405


def test_a_listener_counts_once_per_day_however_the_app_fetches(client, episode):
    client.get(episode.audio_path, HTTP_RANGE="bytes=0-1", **LISTENER)  # probe
    client.get(episode.audio_path, HTTP_RANGE="bytes=0-", **LISTENER)
    client.get(episode.audio_path, HTTP_RANGE="bytes=5000-", **LISTENER)  # seek
    client.get(episode.audio_path, **LISTENER)
    client.head(episode.audio_path, **LISTENER)
    assert downloads(episode) == 1
    client.get(episode.audio_path, REMOTE_ADDR="198.51.100.8", HTTP_USER_AGENT="PocketCasts/7")
    assert downloads(episode) == 2


def test_a_range_that_does_not_start_playback_is_not_a_download(client, episode):
    client.get(episode.audio_path, HTTP_RANGE="bytes=5000-", **LISTENER)
    assert downloads(episode) == 0


def test_counts_hold_no_ip_address_and_hashes_change_daily(client, episode):
    with time_machine.travel(datetime.datetime(2026, 11, 23, 9, tzinfo=datetime.UTC)):
        client.get(episode.audio_path, **LISTENER)
    with time_machine.travel(datetime.datetime(2026, 11, 24, 10, tzinfo=datetime.UTC)):
        client.get(episode.audio_path, **LISTENER)
    first, second = DownloadHit.objects.filter(episode=episode).order_by("created_at")
    assert first.client_hash != second.client_hash
    for hit in (first, second):
        assert "198.51.100.7" not in hit.client_hash and "PocketCasts" not in hit.client_hash
    days = EpisodeDownloadDay.objects.filter(episode=episode).order_by("date")
    assert [(d.date.isoformat(), d.downloads) for d in days] == [
        ("2026-11-23", 1),
        ("2026-11-24", 1),
    ]


def test_raw_hashes_are_deleted_after_48_hours_and_counts_stay(client, episode):
    client.get(episode.audio_path, **LISTENER)
    client.get(episode.get_parent().specific.feed_path, **LISTENER)
    now = timezone.now()
    assert purge_raw_hashes(now + datetime.timedelta(hours=47)) == 0
    assert purge_raw_hashes(now + datetime.timedelta(hours=49)) == 2
    assert not DownloadHit.objects.exists() and not FeedPollHit.objects.exists()
    assert downloads(episode) == 1


def test_purge_is_a_recurring_job():
    from portal.scheduling import RECURRING_JOBS

    functions = {func for func, _type, _minutes in RECURRING_JOBS.values()}
    assert "podcasts.stats.purge_raw_hashes" in functions
    assert "podcasts.scheduling.warn_about_empty_slots" in functions


def test_staff_see_downloads_and_subscriber_estimates(client, episode, users_by_role):
    from django.urls import reverse

    client.get(episode.audio_path, **LISTENER)
    client.get(episode.get_parent().specific.feed_path, **LISTENER)
    client.force_login(users_by_role["Managers"])
    response = client.get(reverse("podcast_downloads"))
    assert response.status_code == 200
    assert episode.title in response.content.decode()
    page = BeautifulSoup(response.content, "html.parser")
    (row,) = [tr for tr in page.select("tbody tr") if episode.title in tr.get_text()]
    assert [td.get_text(strip=True) for td in row.select("td")][-3:] == ["1", "1", "1"]
    response = client.get(reverse("podcast_subscribers"))
    assert response.status_code == 200
    assert "Work Matters" in response.content.decode()


def test_listening_reports_are_for_staff_only(client, episode):
    from django.urls import reverse

    response = client.get(reverse("podcast_downloads"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
