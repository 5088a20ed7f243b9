from dataclasses import dataclass
from urllib.parse import quote

from django import template
from django.utils.translation import gettext_lazy as _

from podcasts.transcripts import format_timestamp

register = template.Library()


@dataclass(frozen=True)
class AppLink:
    name: str
    url: str


def _without_scheme(url):
    return url.split("://", 1)[-1]


# The URL schemes and links the common podcast apps register for "subscribe to this feed".
APP_LINKS = [
    ("Apple Podcasts", lambda url: f"podcast://{_without_scheme(url)}"),
    ("AntennaPod", lambda url: f"antennapod-subscribe://{_without_scheme(url)}"),
    ("Pocket Casts", lambda url: f"pktc://subscribe/{_without_scheme(url)}"),
    ("Overcast", lambda url: f"overcast://x-callback-url/add?url={quote(url, safe='')}"),
    ("Podcast Addict", lambda url: f"podcastaddict://{_without_scheme(url)}"),
    ("gPodder", lambda url: f"gpodder://{_without_scheme(url)}"),
]


@register.simple_tag(takes_context=True)
def podcast_feed_url(context, show):
    request = context.get("request")
    return request.build_absolute_uri(show.feed_path) if request else show.feed_path


@register.simple_tag
def podcast_app_links(feed_url):
    return [AppLink(name, build(feed_url)) for name, build in APP_LINKS]


@register.filter
def timestamp(seconds):
    """12:30 or 1:02:03."""
    return format_timestamp(seconds or 0)


@register.filter
def duration(seconds):
    """A duration for people: "45 s", "58 min", "1 h 2 min"."""
    seconds = seconds or 0
    if seconds < 60:
        return _("%(seconds)s s") % {"seconds": seconds}
    minutes = round(seconds / 60)
    if minutes < 60:
        return _("%(minutes)s min") % {"minutes": minutes}
    return _("%(hours)s h %(minutes)s min") % {"hours": minutes // 60, "minutes": minutes % 60}
