"""The feed as podcast apps fetch it: real client parsers, conditional GET, gzip, and
rebuilt only when the show or an episode changes."""

import gzip
import io

import feedparser
import podcastparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from lxml import etree

from podcasts.models import FeedPollDay
from tests.factories import PodcastEpisodePageFactory, PodcastShowPageFactory

pytestmark = pytest.mark.django_db

ITUNES = "{http://www.itunes.com/dtds/podcast-1.0.dtd}"
PODCAST = "{https://podcastindex.org/namespace/1.0}"


@pytest.fixture
def show(home_page):
    show = PodcastShowPageFactory(parent=home_page, slug="work-matters")
    for number in (1, 2):
        episode = PodcastEpisodePageFactory(
            parent=show, title=f"Episode {number}", episode_number=number
        )
        episode.people.create(name="Amina Diallo", role="host", locale=episode.locale)
        episode.people.create(name="Sofia Rossi", role="guest", locale=episode.locale)
        episode.save_revision().publish()
    return show


def fetch(client, show, **headers):
    return client.get(show.feed_path, **headers)


def test_feed_read_by_feedparser_and_podcastparser(client, show):
    response = fetch(client, show)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    body = response.content
    parsed = feedparser.parse(body)
    assert not parsed.bozo, parsed.bozo_exception
    assert parsed.feed.title == "Work Matters"
    assert parsed.feed.language == "en"
    assert parsed.feed.image.href.startswith("http://testserver/")
    episodes = {e.title: e for e in parsed.entries}
    assert set(episodes) == {"Episode 1", "Episode 2"}
    for page in show.published_episodes():
        entry = episodes[page.title]
        assert entry.id == str(page.guid)
        (enclosure,) = entry.enclosures
        assert enclosure.href == f"http://testserver{page.audio_path}"
        assert int(enclosure.length) == page.size_bytes == page.audio_file.size
        assert enclosure.type == "audio/mpeg"
        assert entry.itunes_duration == str(page.duration_seconds)
        assert entry.itunes_episodetype == "full"

    apps_view = podcastparser.parse(show.feed_path, io.BytesIO(body))
    assert apps_view["title"] == "Work Matters"
    assert apps_view["type"] == "episodic"
    for episode in apps_view["episodes"]:
        (enclosure,) = episode["enclosures"]
        assert enclosure["url"].endswith(".mp3")
        assert enclosure["file_size"] > 0
        assert enclosure["mime_type"] == "audio/mpeg"
        assert episode["total_time"] > 0
        assert episode["explicit"] is False


def test_feed_has_apple_and_podcasting_20_tags(client, show):
    channel = etree.fromstring(fetch(client, show).content).find("channel")
    assert channel.find(f"{ITUNES}explicit").text == "false"
    category = channel.find(f"{ITUNES}category")
    assert category.get("text") == "Business"
    assert category.find(f"{ITUNES}category").get("text") == "Careers"
    owner = channel.find(f"{ITUNES}owner")
    assert owner.find(f"{ITUNES}email").text == "podcast@example.org"
    assert channel.find(f"{ITUNES}type").text == "episodic"
    assert channel.find(f"{ITUNES}author").text == "Public Employment Service"
    assert channel.find(f"{PODCAST}guid").text == show.podcast_guid
    assert channel.find(f"{PODCAST}locked").text == "yes"
    for item in channel.findall("item"):
        assert item.find(f"{ITUNES}episode").text in {"1", "2"}
        transcript = item.find(f"{PODCAST}transcript")
        assert transcript.get("type") == "text/vtt"
        assert transcript.get("url").startswith("http://testserver/media/podcasts/transcripts/")
        chapters = item.find(f"{PODCAST}chapters")
        assert chapters.get("type") == "application/json+chapters"
        people = {p.text: p.get("role", "host") for p in item.findall(f"{PODCAST}person")}
        assert people == {"Amina Diallo": "host", "Sofia Rossi": "guest"}


def test_chapters_file_is_served(client, show):
    episode = show.published_episodes().first()
    response = client.get(episode.chapters_path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json+chapters")
    assert response.json()["chapters"] == [
        {"startTime": 0, "title": "Welcome"},
        {"startTime": 5, "title": "The topic"},
    ]


def test_conditional_get_answers_304_without_a_query(client, show):
    first = fetch(client, show)
    etag, modified = first["ETag"], first["Last-Modified"]
    with CaptureQueriesContext(connection) as queries:
        by_etag = fetch(client, show, HTTP_IF_NONE_MATCH=etag)
        by_date = fetch(client, show, HTTP_IF_MODIFIED_SINCE=modified)
    assert (by_etag.status_code, by_date.status_code) == (304, 304)
    assert by_etag.content == b""
    assert len(queries) == 0
    assert fetch(client, show, HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_feed_is_gzipped_for_clients_that_accept_it(client, show):
    plain = fetch(client, show).content
    response = fetch(client, show, HTTP_ACCEPT_ENCODING="gzip, deflate")
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert gzip.decompress(response.content) == plain
    assert int(response["Content-Length"]) == len(response.content) < len(plain)
    assert "max-age" in response["Cache-Control"]


def test_feed_is_rebuilt_when_an_episode_is_published_not_per_request(client, show):
    first = fetch(client, show)
    with CaptureQueriesContext(connection) as queries:
        again = fetch(client, show)
    assert again.content == first.content and len(queries) == 0
    PodcastEpisodePageFactory(parent=show, title="Episode 3").save_revision().publish()
    changed = fetch(client, show)
    assert changed["ETag"] != first["ETag"]
    assert "Episode 3" in changed.content.decode()


def test_unpublishing_an_episode_removes_it(client, show):
    fetch(client, show)
    show.published_episodes().get(title="Episode 1").unpublish()
    assert "Episode 1" not in fetch(client, show).content.decode()


def test_drafts_and_unknown_feeds_are_not_found(client, show, locales):
    assert client.get(show.feed_path.replace("/en.xml", "/fr.xml")).status_code == 404
    assert client.get("/podcasts/feeds/not-a-uuid/en.xml").status_code == 404
    draft = PodcastShowPageFactory(parent=show.get_parent(), slug="draft-show", live=False)
    assert client.get(draft.feed_path).status_code == 404
    assert client.post(show.feed_path).status_code == 405


def test_feed_polls_are_counted_once_per_client_per_day(client, show):
    for _ in range(3):
        fetch(client, show, REMOTE_ADDR="203.0.113.5", HTTP_USER_AGENT="AntennaPod/3")
    fetch(client, show, REMOTE_ADDR="203.0.113.6", HTTP_USER_AGENT="AntennaPod/3")
    (day,) = FeedPollDay.objects.filter(show=show)
    assert day.clients == 2
