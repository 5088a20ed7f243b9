"""Shows and episodes: weekly slots, permanent identifiers, pages that render."""

import datetime
import zoneinfo

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.utils import timezone
from wagtail.models import Locale

from content.models import HomePage
from podcasts.models import PodcastEpisodePage, PodcastShowPage
from tests.factories import PodcastEpisodePageFactory, PodcastShowPageFactory

pytestmark = pytest.mark.django_db

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
# A Sunday afternoon; the next Monday slot is 2026-11-23 06:00 in Paris.
SUNDAY = datetime.datetime(2026, 11, 22, 15, 0, tzinfo=PARIS)


@pytest.fixture
def show(home_page):
    return PodcastShowPageFactory(parent=home_page, slug="work-matters")


def paris(*args):
    return datetime.datetime(*args, tzinfo=PARIS)


def test_slots_are_mondays_at_six_in_the_sites_time_zone(show):
    assert show.slots_after(SUNDAY, 3) == [
        paris(2026, 11, 23, 6),
        paris(2026, 11, 30, 6),
        paris(2026, 12, 7, 6),
    ]
    # On the slot itself, the next one is a week later.
    assert show.slots_after(paris(2026, 11, 23, 6), 1) == [paris(2026, 11, 30, 6)]
    assert show.slots_after(paris(2026, 11, 23, 5, 59), 1) == [paris(2026, 11, 23, 6)]


def test_slots_follow_daylight_saving_time(show):
    # Paris moves to summer time on 2027-03-28: the slot stays at 06:00 local time.
    before, after = show.slots_after(paris(2027, 3, 20), 2)
    assert (before.hour, after.hour) == (6, 6)
    elapsed = after.astimezone(datetime.UTC) - before.astimezone(datetime.UTC)
    assert elapsed == datetime.timedelta(days=7, hours=-1)


def test_another_weekday_and_time(show):
    show.publishing_weekday = 3  # Thursday
    show.publishing_time = datetime.time(18, 30)
    assert show.slots_after(SUNDAY, 1) == [paris(2026, 11, 26, 18, 30)]


@time_machine.travel(SUNDAY, tick=False)
def test_next_free_slot_skips_scheduled_episodes_and_dated_drafts(show):
    scheduled = PodcastEpisodePageFactory(parent=show, live=False)
    scheduled.go_live_at = paris(2026, 11, 23, 6)
    scheduled.save_revision().publish()
    draft = PodcastEpisodePageFactory(parent=show, live=False)
    draft.go_live_at = paris(2026, 11, 30, 6)
    draft.save_revision()
    draft.save()
    assert not PodcastEpisodePage.objects.get(pk=scheduled.pk).live
    assert show.next_free_slot(now=SUNDAY) == paris(2026, 12, 7, 6)
    statuses = [slot.status for slot in show.coming_slots(now=SUNDAY, count=3)]
    assert statuses == ["scheduled", "draft", "empty"]


def test_a_scheduled_episode_goes_live_at_its_slot(show):
    from portal.scheduling import publish_scheduled_pages

    episode = PodcastEpisodePageFactory(parent=show, live=False)
    with time_machine.travel(SUNDAY, tick=False):
        episode.go_live_at = show.next_free_slot()
        episode.save_revision().publish()
        publish_scheduled_pages()
        assert not PodcastEpisodePage.objects.get(pk=episode.pk).live
    with time_machine.travel(paris(2026, 11, 23, 6, 1), tick=False):
        publish_scheduled_pages()
    assert PodcastEpisodePage.objects.get(pk=episode.pk).live


def test_episode_guid_never_changes(show):
    episode = PodcastEpisodePageFactory(parent=show, slug="first", title="First")
    guid = episode.guid
    episode.title, episode.slug = "Renamed", "renamed"
    episode.chapters = "0:00 Hello"
    revision = episode.save_revision()
    revision.publish()
    assert PodcastEpisodePage.objects.get(pk=episode.pk).guid == guid
    other = PodcastEpisodePageFactory(parent=show)
    assert other.guid != guid


def test_feed_address_and_podcast_guid_survive_a_new_slug(show):
    path, guid = show.feed_path, show.podcast_guid
    show.slug = "work-matters-podcast"
    show.save_revision().publish()
    show = PodcastShowPage.objects.get(pk=show.pk)
    assert (show.feed_path, show.podcast_guid) == (path, guid)
    assert path == f"/podcasts/feeds/{show.feed_key}/en.xml"


def test_each_language_has_its_own_feed_and_guid(show, locales):
    french = show.copy_for_translation(Locale.objects.get(language_code="fr"), copy_parents=True)
    assert french.feed_key == show.feed_key
    assert french.feed_path.endswith("/fr.xml")
    assert french.podcast_guid != show.podcast_guid


def test_audio_details_are_read_from_the_file(show):
    episode = PodcastEpisodePageFactory(parent=show, audio_seconds=9)
    assert (episode.duration_seconds, episode.mime_type) == (9, "audio/mpeg")
    assert episode.size_bytes == episode.audio_file.size > 0


def test_show_page_lists_episodes_and_coming_slots(client, show):
    with time_machine.travel(SUNDAY, tick=False):
        out = PodcastEpisodePageFactory(parent=show, title="Writing a CV")
        out.save_revision().publish()
        response = client.get(show.url)
    page = BeautifulSoup(response.content, "html.parser")
    assert [a.get_text() for a in page.select(".episodes h3 a")] == ["Writing a CV"]
    slots = page.select("table.slots tbody tr")
    assert len(slots) == 8
    assert "2026-11-23" in slots[0].select_one("time")["datetime"]
    feed = page.select_one('link[rel=alternate][type="application/rss+xml"]')
    assert feed["href"] == f"http://testserver{show.feed_path}"


def test_episode_page_has_player_chapters_transcript_and_subscribe_links(client, show):
    episode = PodcastEpisodePageFactory(parent=show, title="Video interviews")
    episode.save_revision().publish()
    page = BeautifulSoup(client.get(episode.url).content, "html.parser")
    audio = page.select_one("audio#episode-audio")
    assert audio["src"] == episode.audio_path and audio["preload"] == "none"
    download = page.select_one(".player a[download]")
    assert download["href"] == episode.audio_path and "MP3" in download.get_text()
    assert [li.get_text(" ", strip=True) for li in page.select("ol.chapters li")] == [
        "0:00 Welcome",
        "0:05 The topic",
    ]
    transcript = page.select_one("details.transcript")
    assert "Welcome to the show." in transcript.get_text()
    assert transcript.select_one("strong").get_text() == "Host:"
    links = [a["href"] for a in page.select(".app-links a")]
    feed_url = f"http://testserver{show.feed_path}"
    assert f"podcast://testserver{show.feed_path}" in links
    assert any(feed_url.replace("http://", "") in link for link in links)
    assert page.select_one("#feed-url")["value"] == feed_url


def test_demo_show_has_weekly_episodes_and_one_scheduled(demo_content):
    show = PodcastShowPage.objects.get(slug="work-matters", locale__language_code="en")
    live = list(show.published_episodes())
    assert len(live) >= 8
    assert all(e.transcript_file and e.chapters and e.duration_seconds > 0 for e in live)
    dates = sorted(timezone.localtime(e.first_published_at) for e in live)
    assert all(d.weekday() == 0 and d.hour == 6 for d in dates)
    assert all(b - a == datetime.timedelta(days=7) for a, b in zip(dates, dates[1:], strict=False))
    upcoming = show.coming_slots(count=1)[0]
    assert upcoming.status == "scheduled"


def test_show_may_live_under_home_or_a_section(show):
    assert PodcastShowPage.parent_page_types == ["content.HomePage", "content.InformationPage"]
    assert HomePage.objects.filter(pk=show.get_parent().pk).exists()
