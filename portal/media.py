"""Serving user uploads with HTTP Range support (RFC 9110, section 14).

Podcast apps and browsers seek inside audio by asking for byte ranges; Apple Podcasts
refuses a feed whose enclosures do not answer them. Django's `static.serve` does not, so
the embedded default serves `MEDIA_ROOT` through this view. In production a web server or
object storage in front of the portal serves media instead (see README).
"""

import mimetypes
import os
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.utils._os import safe_join
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, parse_http_date_safe, quote_etag
from django.views.decorators.http import require_http_methods

CHUNK_SIZE = 64 * 1024
_RANGE_RE = re.compile(r"^bytes=(\d*)-(\d*)$")

# Types Python's table lacks or gets wrong for what we publish.
_EXTRA_TYPES = {
    ".m4a": "audio/mp4",
    ".mp3": "audio/mpeg",
    ".vtt": "text/vtt",
    ".srt": "application/x-subrip",
    ".json": "application/json",
}


@dataclass(frozen=True)
class ByteRange:
    start: int
    end: int  # inclusive, as in Content-Range

    @property
    def length(self):
        return self.end - self.start + 1


class Unsatisfiable(Exception):
    """The Range header is well formed but selects no byte of the file."""


def parse_range(header, size):
    """Return the ByteRange a Range header asks for, or None to send the whole file.

    Malformed headers and multi-range requests are ignored (a server may always answer
    200 with the full content); a well-formed range outside the file raises Unsatisfiable.
    """
    match = _RANGE_RE.match(header.strip()) if header else None
    if not match:
        return None
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:  # suffix range: the last N bytes
        suffix = int(last)
        if suffix == 0 or size == 0:
            raise Unsatisfiable
        return ByteRange(max(size - suffix, 0), size - 1)
    start = int(first)
    end = int(last) if last else size - 1
    if last and end < start:
        return None
    if start >= size:
        raise Unsatisfiable
    return ByteRange(start, min(end, size - 1))


def content_type_for(path):
    extension = Path(path).suffix.lower()
    if extension in _EXTRA_TYPES:
        return _EXTRA_TYPES[extension]
    guessed, _encoding = mimetypes.guess_type(path)
    return guessed or "application/octet-stream"


def _read_range(path, byte_range):
    with open(path, "rb") as handle:
        handle.seek(byte_range.start)
        remaining = byte_range.length
        while remaining > 0:
            chunk = handle.read(min(CHUNK_SIZE, remaining))
            if not chunk:
                break
            remaining -= len(chunk)
            yield chunk


def _resolve(path):
    relative = posixpath.normpath(path).lstrip("/")
    try:
        full_path = safe_join(settings.MEDIA_ROOT, relative)
    except Exception as error:  # SuspiciousFileOperation on "../" tricks
        raise Http404 from error
    if not os.path.isfile(full_path):
        raise Http404
    return full_path


def _if_range_matches(request, etag, last_modified):
    """If-Range: serve the range only if the client's copy is still current."""
    validator = request.headers.get("If-Range")
    if validator is None:
        return True
    if validator.startswith(('"', 'W/"')):
        return validator == etag
    return parse_http_date_safe(validator) == last_modified


@require_http_methods(["GET", "HEAD"])
def serve_media(request, path):
    full_path = _resolve(path)
    stat = os.stat(full_path)
    size, last_modified = stat.st_size, int(stat.st_mtime)
    etag = quote_etag(f"{last_modified:x}-{size:x}")

    not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if not_modified is not None:
        return not_modified

    headers = {
        "Accept-Ranges": "bytes",
        "ETag": etag,
        "Last-Modified": http_date(last_modified),
        "Cache-Control": "public, max-age=3600",
    }
    content_type = content_type_for(full_path)
    try:
        byte_range = parse_range(request.headers.get("Range", ""), size)
    except Unsatisfiable:
        response = HttpResponse(status=416, headers=headers)
        response["Content-Range"] = f"bytes */{size}"
        return response
    if byte_range is not None and not _if_range_matches(request, etag, last_modified):
        byte_range = None

    if byte_range is None:
        if request.method == "HEAD":
            response = HttpResponse(content_type=content_type, headers=headers)
            response["Content-Length"] = str(size)
            return response
        return FileResponse(open(full_path, "rb"), content_type=content_type, headers=headers)  # noqa: SIM115

    headers["Content-Range"] = f"bytes {byte_range.start}-{byte_range.end}/{size}"
    body = [] if request.method == "HEAD" else _read_range(full_path, byte_range)
    response = StreamingHttpResponse(body, status=206, content_type=content_type, headers=headers)
    response["Content-Length"] = str(byte_range.length)
    return response
