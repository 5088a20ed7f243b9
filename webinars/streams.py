"""The streaming services a webinar may use, recognised by the shape of their addresses.

Only addresses of these shapes are accepted, so what the page embeds or links to is
always one of the services the employment service runs or has chosen:

- PeerTube (self-hosted video): `https://<host>/w/<id>` or `https://<host>/videos/watch/<id>`
- YouTube: `https://www.youtube.com/watch?v=<id>`, `/live/<id>`, or `https://youtu.be/<id>`
- BigBlueButton (Greenlight rooms): `https://<host>/rooms/<room>/join` or `https://<host>/b/<room>`
- Jitsi Meet: `https://meet.jit.si/<Room>` or a room on the service's own `meet.` / `jitsi.` host

PeerTube and YouTube broadcast to any number of viewers, so the page embeds them.
BigBlueButton and Jitsi are meeting rooms with limited places, so only registrants get
the link. `WEBINAR_STREAM_HOSTS` (a list of host names), when set, narrows the self-hosted
services to those hosts.
"""

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

BROADCAST = "broadcast"
ROOM = "room"

_HOST = r"(?P<host>[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+)"
_END = r"/?(?:[?#].*)?$"


@dataclass(frozen=True)
class StreamService:
    key: str
    name: str
    kind: str
    patterns: tuple
    embed_template: str = ""
    self_hosted: bool = True


@dataclass(frozen=True)
class Stream:
    """A recognised streaming address."""

    service: StreamService
    url: str
    host: str
    identifier: str

    @property
    def is_broadcast(self):
        return self.service.kind == BROADCAST

    @property
    def embed_url(self):
        """The address to show in an iframe, or "" for a meeting room (linked instead)."""
        template = self.service.embed_template
        return template.format(host=self.host, id=self.identifier) if template else ""


SERVICES = (
    StreamService(
        key="youtube",
        name="YouTube",
        kind=BROADCAST,
        patterns=(
            re.compile(
                r"^https://(?:www\.|m\.)?youtube\.com/(?:watch\?(?:.*&)?v=|live/|embed/)"
                r"(?P<id>[A-Za-z0-9_-]{11})(?:[&?#].*)?$"
            ),
            re.compile(r"^https://youtu\.be/(?P<id>[A-Za-z0-9_-]{11})" + _END),
        ),
        embed_template="https://www.youtube-nocookie.com/embed/{id}",
        self_hosted=False,
    ),
    StreamService(
        key="peertube",
        name="PeerTube",
        kind=BROADCAST,
        patterns=(
            re.compile(
                rf"^https://{_HOST}/(?:w|videos/watch|videos/embed)/(?P<id>[A-Za-z0-9-]{{8,36}})"
                + _END
            ),
        ),
        embed_template="https://{host}/videos/embed/{id}",
    ),
    StreamService(
        key="bigbluebutton",
        name="BigBlueButton",
        kind=ROOM,
        patterns=(
            re.compile(
                rf"^https://{_HOST}/(?:rooms|b)/(?P<id>[a-z0-9]{{3,}}(?:-[a-z0-9]{{3,}}){{1,3}})"
                r"(?:/join)?" + _END
            ),
        ),
    ),
    StreamService(
        key="jitsi",
        name="Jitsi Meet",
        kind=ROOM,
        patterns=(
            re.compile(
                r"^https://(?P<host>meet\.jit\.si|(?:meet|jitsi)\.[a-z0-9-]+(?:\.[a-z0-9-]+)+)"
                r"/(?P<id>[A-Za-z0-9_-]{6,64})" + _END
            ),
        ),
    ),
)


def recognise(url):
    """The Stream for `url`, or None when it is not one of the accepted shapes."""
    url = (url or "").strip()
    for service in SERVICES:
        for pattern in service.patterns:
            match = pattern.match(url)
            if match:
                host = match.groupdict().get("host") or urlsplit(url).hostname or ""
                return Stream(service, url, host.lower(), match.group("id"))
    return None


def _host_allowed(stream):
    allowed = getattr(settings, "WEBINAR_STREAM_HOSTS", None)
    return not (allowed and stream.service.self_hosted and stream.host not in allowed)


def _refuse(message):
    raise ValidationError(message, code="stream_url")


def validate_stream_url(url):
    """A model field validator: a live stream or meeting room of an accepted service."""
    if urlsplit(url).scheme != "https":
        _refuse(_("Use a secure address, starting with https://."))
    stream = recognise(url)
    if stream is None:
        _refuse(
            _(
                "This is not an address we can use for a webinar. Paste the link of a "
                "PeerTube video (https://…/w/…), a YouTube video or live stream "
                "(https://www.youtube.com/watch?v=… or https://youtu.be/…), a BigBlueButton "
                "room (https://…/rooms/…/join) or a Jitsi meeting (https://meet.jit.si/…)."
            )
        )
    if not _host_allowed(stream):
        _refuse(
            _("%(host)s is not one of the service's own %(service)s servers.")
            % {"host": stream.host, "service": stream.service.name}
        )


def validate_recording_url(url):
    """A recording is a video that anyone can watch: PeerTube or YouTube only."""
    validate_stream_url(url)
    if not recognise(url).is_broadcast:
        _refuse(
            _(
                "A recording must be a PeerTube or YouTube video. Meeting rooms "
                "(BigBlueButton, Jitsi) are not kept after the session."
            )
        )
