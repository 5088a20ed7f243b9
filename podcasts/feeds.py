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

CACHE_TIMEOUT = 60 * 60 * 24 * 7
POLL_MINUTES = 60  # <ttl>: how long an app may keep the feed before asking again


def cache_key(feed_key, language):
    return f"podcastfeed:{feed_key}:{language}"


class ShowFeed:
    """The feed of one show in one language. Each item method maps one episode field."""

    def __init__(self, show, base_url):
        self.show = show
        self.base_url = base_url.rstrip("/")

    def absolute(self, path):
        return f"{self.base_url}{path}"

    def episodes(self):
        return (
            self.show.published_episodes()
            .defer_streamfields()
            .prefetch_related("people")
            .order_by("-first_published_at", "-pk")
        )

    def show_data(self, episodes):
        show = self.show
        category, subcategory = split_apple_category(show.apple_category)
        newest = max((e.last_published_at for e in episodes if e.last_published_at), default=None)
        return ShowFeedData(
            title=show.title,
            link=show.full_url,
            feed_url=self.absolute(show.feed_path),
            description=strip_tags(show.description).strip() or show.title,
            language=show.locale.language_code,
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
            guid=str(episode.guid),
            title=episode.title,
            link=episode.full_url,
            description_html=episode.show_notes,
            summary=strip_tags(episode.show_notes).strip(),
            pub_date=episode.first_published_at,
            enclosure_url=self.absolute(episode.audio_path),
            enclosure_length=episode.size_bytes,
            enclosure_type=episode.mime_type,
            duration_seconds=episode.duration_seconds,
            episode_number=episode.episode_number,
            season_number=episode.season_number,
            episode_type=episode.episode_type,
            explicit=episode.explicit,
            transcripts=self.item_transcripts(episode),
            chapters_url=self.absolute(episode.chapters_path) if episode.chapters else None,
            persons=self.item_persons(episode),
        )

    def item_transcripts(self, episode):
        if not episode.transcript_file:
            return ()
        mime = _transcript_mime_type(episode.transcript_file.name)
        url = self.absolute(episode.transcript_file.url)
        return (TranscriptData(url, mime, episode.locale.language_code, "captions"),)

    def item_persons(self, episode):
        return tuple(
            PersonData(name=p.name, role=p.role, group=p.role_group, href=p.link or None)
            for p in episode.people.all()
        )

    def render(self):
        episodes = list(self.episodes())
        return build_feed(self.show_data(episodes), [self.item_data(e) for e in episodes])


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
