"""What podcast apps fetch: the feed, the audio (counted) and the chapters file."""

from django.core.cache import cache
from django.http import Http404, HttpResponse, HttpResponseNotModified, JsonResponse
from django.utils.cache import patch_vary_headers
from django.utils.http import parse_http_date_safe
from django.views.decorators.http import require_http_methods
from wagtail.models import Locale

from podcasts import feeds, stats
from podcasts.chapters import JSON_CHAPTERS_MIME_TYPE, chapters_json
from podcasts.models import PodcastEpisodePage, PodcastShowPage
from portal.media import Unsatisfiable, parse_range, serve_media
from portal.ratelimit import client_key

FEED_CONTENT_TYPE = "application/rss+xml; charset=utf-8"


@require_http_methods(["GET", "HEAD"])
def podcast_feed(request, feed_key, language):
    """Most polls are answered by FeedCacheMiddleware before they get here; this view
    builds the feed when the cache has none (first poll after a change)."""
    base_url = feed_base_url(request)
    entry = feeds.cached_feed(feed_key, language, base_url)
    if entry is None:
        show = _live_show(feed_key, language)
        entry = feeds.build_and_store(show, base_url)
    return feed_response(request, entry)


def feed_base_url(request):
    return request.build_absolute_uri("/").rstrip("/")


def feed_response(request, entry):
    """The stored feed, or 304 when the app has it already; the poll is counted."""
    _count_poll(request, entry["show_id"])
    if _not_modified(request, entry):
        response = HttpResponseNotModified()
    else:
        response = _feed_response(request, entry)
    response["ETag"] = entry["etag"]
    response["Last-Modified"] = entry["last_modified"]
    response["Cache-Control"] = f"public, max-age={feeds.POLL_MINUTES * 60 // 4}"
    patch_vary_headers(response, ["Accept-Encoding"])
    return response


def _live_show(feed_key, language):
    show = (
        PodcastShowPage.objects.live()
        .public()
        .filter(feed_key=feed_key, locale__language_code=language)
        .first()
    )
    if show is None:
        raise Http404
    return show


def _not_modified(request, entry):
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match is not None:
        tags = [tag.strip().removeprefix("W/") for tag in if_none_match.split(",")]
        return entry["etag"] in tags or "*" in tags
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    modified = parse_http_date_safe(entry["last_modified"])
    return since is not None and modified is not None and modified <= since


def _feed_response(request, entry):
    gzip_ok = "gzip" in request.headers.get("Accept-Encoding", "")
    body = entry["gzipped"] if gzip_ok else entry["body"]
    response = HttpResponse(b"" if request.method == "HEAD" else body)
    response["Content-Type"] = FEED_CONTENT_TYPE
    response["Content-Length"] = str(len(body))
    if gzip_ok:
        response["Content-Encoding"] = "gzip"
    return response


def _count_poll(request, show_id):
    """Counted once per client per day; the cache spares the database the repeats."""
    client = client_key(request)
    if cache.add(f"podcastpoll:{show_id}:{client}", 1, 60 * 60 * 24):
        stats.count_feed_poll(PodcastShowPage(pk=show_id), client)


@require_http_methods(["GET", "HEAD"])
def podcast_audio(request, guid, extension):
    episode = _live_episode(guid)
    if episode.audio_extension != extension or not episode.audio_file:
        raise Http404
    try:
        byte_range = parse_range(request.headers.get("Range", ""), episode.size_bytes)
    except Unsatisfiable:
        byte_range = False
    if byte_range is not False and stats.starts_playback(request.method, byte_range):
        stats.count_download(episode, client_key(request))
    return serve_media(request, episode.audio_file.name)


@require_http_methods(["GET", "HEAD"])
def podcast_chapters(request, guid, language):
    episode = _live_episode(guid, language)
    if not episode.chapter_list:
        raise Http404
    data = chapters_json(episode.chapter_list, title=episode.title)
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = f"{JSON_CHAPTERS_MIME_TYPE}; charset=utf-8"
    response["Access-Control-Allow-Origin"] = "*"  # web players fetch it from other sites
    return response


def _live_episode(guid, language=None):
    """The live episode with this GUID; translations share it, so prefer `language`,
    then the default language."""
    episodes = PodcastEpisodePage.objects.live().public().filter(guid=guid).select_related("locale")
    preferred = [language, Locale.get_default().language_code]
    found = sorted(
        episodes,
        key=lambda e: (
            preferred.index(e.locale.language_code)
            if e.locale.language_code in preferred
            else len(preferred)
        ),
    )
    if not found:
        raise Http404
    return found[0]
