from django.conf import settings
from django.conf.locale import LANG_INFO
from django.middleware.gzip import GZipMiddleware
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

_COMPRESSIBLE = (
    "text/",
    "application/json",
    "application/javascript",
    "application/xml",
    "application/rss+xml",
    "application/atom+xml",
    "image/svg+xml",
)


class TextCompressionMiddleware(GZipMiddleware):
    """Gzip text responses only.

    Audio, images and any response that advertises byte ranges pass through untouched:
    compressing them gains nothing and would make Content-Range describe the wrong bytes.
    """

    def process_response(self, request, response):
        content_type = response.get("Content-Type", "")
        if response.has_header("Accept-Ranges") or not content_type.startswith(_COMPRESSIBLE):
            return response
        return super().process_response(request, response)


class PortalLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, with two rules for paths that are not pages.

    `/de/…` (a language Django knows but the portal does not speak) is a plain 404 in
    the default language, rather than a redirect to `/en/de/…` chosen from the browser's
    Accept-Language. A missing file under `/media/`, `/static/`, `/documents/` or the
    admin is a plain 404 too, never a redirect to an HTML page. Other paths without a
    language prefix still redirect as usual (`/search/` → `/en/search/`).
    """

    def process_request(self, request):
        if unknown_language_prefix(request.path_info):
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = settings.LANGUAGE_CODE
            return None
        return super().process_request(request)

    def process_response(self, request, response):
        path = request.path_info
        if unknown_language_prefix(path) or path.startswith(_unlocalized_prefixes()):
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        return super().process_response(request, response)


def _unlocalized_prefixes():
    return (
        settings.MEDIA_URL,
        settings.STATIC_URL,
        "/admin/",
        "/documents/",
        "/api/",
        "/podcasts/",
    )


def unknown_language_prefix(path):
    """True when the first path segment is a language code the portal does not serve."""
    segment = path.lstrip("/").split("/", 1)[0].lower()
    if not segment or segment in _portal_languages():
        return False
    return segment in LANG_INFO


def _portal_languages():
    return {code.lower() for code, _name in settings.LANGUAGES}
