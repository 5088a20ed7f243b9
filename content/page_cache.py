"""Whole-page cache for anonymous visitors.

A published page is rendered once and then served from the cache until anything that
can appear on it changes: a page published, unpublished, moved or deleted in any
language, or a snippet shown on pages (counsellor contact, FAQ, topic, audience).
Pages show navigation and language links drawn from other pages, so a change clears
every cached page at once, by bumping a generation number; publishing is rare, reading
is not.

The lookup (`PageCacheMiddleware`) happens before URL routing, so a cached page costs
one cache round trip and no database query. The same middleware stores the response of
any request that Wagtail served as a page (marked by a `before_serve_page` hook).
"""

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

GENERATION_KEY = "pagecache:generation"
TIMEOUT = 60 * 60 * 24
_KEPT_HEADERS = ("Content-Type", "Content-Language")


def is_cacheable(request):
    return (
        request.method in ("GET", "HEAD")
        and not request.GET
        and not request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    )


def _key(request):
    return f"pagecache:page:{request.get_host()}:{request.path}"


def lookup(request):
    """The cached response for this request, or None."""
    values = cache.get_many([GENERATION_KEY, _key(request)])
    stored = values.get(_key(request))
    if not stored or stored["generation"] != values.get(GENERATION_KEY, 0):
        return None
    response = HttpResponse(stored["content"], status=200)
    for name, value in stored["headers"].items():
        response[name] = value
    response["X-Page-Cache"] = "hit"
    # Answered before CommonMiddleware, which would otherwise add it.
    response["Content-Length"] = str(len(stored["content"]))
    return response


def store(request, response):
    if response.status_code != 200 or response.streaming:
        return
    generation = cache.get(GENERATION_KEY, 0)
    headers = {name: response[name] for name in _KEPT_HEADERS if response.has_header(name)}
    entry = {"generation": generation, "content": response.content, "headers": headers}
    cache.set(_key(request), entry, TIMEOUT)


def clear_all(**kwargs):
    """Invalidate every cached page (a signal receiver, hence **kwargs)."""
    if cache.add(GENERATION_KEY, 1, None):
        return
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 1, None)


def remember(key, compute):
    """`compute()`, kept until the next invalidation: for parts every page repeats
    (navigation, language links, the counsellor contact) so an uncached page does not
    query them again. The value must be picklable and small."""
    full_key = f"pagecache:part:{cache.get(GENERATION_KEY, 0)}:{key}"
    value = cache.get(full_key)
    if value is None:
        value = compute()
        cache.set(full_key, value, TIMEOUT)
    return value


def mark_as_page(page, request, serve_args, serve_kwargs):
    """Wagtail's before_serve_page hook: this response is a page, cache it if allowed."""
    request.serving_page = page


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_cacheable(request):
            return self.get_response(request)
        cached = lookup(request)
        if cached is not None:
            return cached
        response = self.get_response(request)
        if getattr(request, "serving_page", None) and not request.user.is_authenticated:
            store(request, response)
        return response
