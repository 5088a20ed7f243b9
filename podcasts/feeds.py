"""A show's feed as podcast apps fetch it: built from the pages, cached until it changes.

Podcast apps poll every feed they subscribe to, often hourly, so a feed is built once
after each change (an episode or the show published, unpublished, moved or deleted)
and then served from the cache with an ETag and Last-Modified; most polls end in a 304.
The cache entry is found by the feed's address alone, so a poll costs no database query.
"""

import gzip
import hashlib

from django.core.cache import cache
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.http import http_date

from podcasts.feed import (
    EpisodeFeedData,
    PersonData,
    ShowFeedData,
    TranscriptData,
    build_feed,
    split_apple_category,
)
from podcasts.models import EpisodePerson, PodcastEpisodePage
from podcasts.models.episode import audio_path_for, chapters_path_for, role_group

CACHE_TIMEOUT = 60 * 60 * 24 * 7
POLL_MINUTES = 60  # <ttl>: how long an app may keep the feed before asking again


def cache_key(feed_key, language):
    return f"podcastfeed:{feed_key}:{language}"


# What an item needs of an episode. A show may have hundreds, so they are read as plain
# rows rather than page objects: building a page object costs more than its feed item.
EPISODE_FIELDS = [
    "pk",
    "title",
    "slug",
    "guid",
    "show_notes",
    "last_published_at",
    "first_published_at",
    "audio_file",
    "size_bytes",
    "mime_type",
    "duration_seconds",
    "episode_number",
    "season_number",
    "episode_type",
    "explicit",
    "chapters",
    "transcript_file",
]


class ShowFeed:
    """The feed of one show in one language. Each item method maps one episode field.

    Episodes are children of the show, so their addresses are worked out from the show's
    once, not looked up per episode."""

    def __init__(self, show, base_url):
        self.show = show
        self.base_url = base_url.rstrip("/")
        self.language = show.locale.language_code
        self.show_url = self.absolute(show.get_url())
        self.storage = PodcastEpisodePage._meta.get_field("transcript_file").storage

    def absolute(self, path):
        return f"{self.base_url}{path}"

    def episodes(self):
        rows = list(
            self.show.published_episodes()
            .order_by("-first_published_at", "-pk")
            .values(*EPISODE_FIELDS)
        )
        people = people_by_episode([row["pk"] for row in rows])
        for row in rows:
            row["people"] = people.get(row["pk"], [])
        return rows

    def show_data(self, episodes):
        show = self.show
        category, subcategory = split_apple_category(show.apple_category)
        newest = max((e["last_published_at"] for e in episodes), default=None)
        return ShowFeedData(
            title=show.title,
            link=self.show_url,
            feed_url=self.absolute(show.feed_path),
            description=strip_tags(show.description).strip() or show.title,
            language=self.language,
            artwork_url=self.absolute(show.artwork.get_rendition("fill-1400x1400").url),
            apple_category=category,
            apple_subcategory=subcategory,
            author=show.author,
            owner_name=show.owner_name,
            owner_email=show.owner_email,
            guid=show.podcast_guid,
            last_build_date=max(filter(None, [newest, show.last_published_at, timezone.now()])),
            explicit=show.explicit,
            show_type=show.show_type,
            copyright=show.copyright,
            locked=True,
            ttl=POLL_MINUTES,
        )

    def item_data(self, episode):
        return EpisodeFeedData(
            guid=str(episode["guid"]),
            title=episode["title"],
            link=f"{self.show_url}{episode['slug']}/",
            description_html=episode["show_notes"],
            pub_date=episode["first_published_at"],
            enclosure_url=self.enclosure_url(episode),
            enclosure_length=episode["size_bytes"],
            enclosure_type=episode["mime_type"],
            duration_seconds=episode["duration_seconds"],
            episode_number=episode["episode_number"],
            season_number=episode["season_number"],
            episode_type=episode["episode_type"],
            explicit=episode["explicit"],
            transcripts=self.item_transcripts(episode),
            chapters_url=self.chapters_url(episode),
            persons=self.item_persons(episode),
        )

    def enclosure_url(self, episode):
        extension = "m4a" if episode["mime_type"] == "audio/mp4" else "mp3"
        return self.absolute(audio_path_for(episode["guid"], extension))

    def chapters_url(self, episode):
        if not episode["chapters"]:
            return None
        return self.absolute(chapters_path_for(episode["guid"], self.language))

    def item_transcripts(self, episode):
        name = episode["transcript_file"]
        if not name:
            return ()
        url = self.absolute(self.storage.url(name))
        return (TranscriptData(url, _transcript_mime_type(name), self.language, "captions"),)

    def item_persons(self, episode):
        return tuple(
            PersonData(name=p["name"], role=p["role"], group=role_group(p["role"]), href=p["link"])
            for p in episode["people"]
        )

    def render(self):
        episodes = self.episodes()
        return build_feed(self.show_data(episodes), [self.item_data(e) for e in episodes])


def people_by_episode(episode_ids):
    people = {}
    rows = EpisodePerson.objects.filter(page_id__in=episode_ids).order_by("sort_order")
    for row in rows.values("page_id", "name", "role", "link"):
        row["link"] = row["link"] or None
        people.setdefault(row["page_id"], []).append(row)
    return people


def _transcript_mime_type(name):
    return "text/vtt" if name.lower().endswith(".vtt") else "application/x-subrip"


def cached_feed(feed_key, language, base_url):
    """The stored feed for an address as seen from `base_url` (feeds carry absolute
    links), or None: a dict of body, gzipped body, etag, last_modified and show_id."""
    return (cache.get(cache_key(feed_key, language)) or {}).get(base_url)


def build_and_store(show, base_url):
    body = ShowFeed(show, base_url).render()
    entry = {
        "body": body,
        "gzipped": gzip.compress(body, compresslevel=6, mtime=0),
        "etag": '"' + hashlib.sha256(body).hexdigest()[:32] + '"',
        "last_modified": http_date(timezone.now().timestamp()),
        "show_id": show.pk,
    }
    key = cache_key(show.feed_key, show.locale.language_code)
    by_base_url = cache.get(key) or {}
    by_base_url[base_url] = entry
    cache.set(key, by_base_url, CACHE_TIMEOUT)
    return entry


def forget(show):
    cache.delete(cache_key(show.feed_key, show.locale.language_code))
