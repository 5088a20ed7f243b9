from django import template
from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language_info

from webinars import timing
from webinars.staff import public_name as _public_name

register = template.Library()


@register.inclusion_tag("webinars/includes/session_time.html")
def session_time(starts_at, ends_at):
    """A session's start and end as <time> elements, in the portal's time zone and named
    as such; a small script adds the visitor's own time when their zone differs."""
    start = timezone.localtime(starts_at)
    end = timezone.localtime(ends_at)
    return {
        "start": start,
        "end": end,
        "same_day": start.date() == end.date(),
        "zone": settings.TIME_ZONE,
        "abbreviation": start.tzname(),
    }


@register.filter
def language_name(code):
    """A language named in itself ("Français"), as in the language switcher."""
    return get_language_info(code)["name_local"]


@register.filter
def is_bidi(code):
    return get_language_info(code)["bidi"]


@register.filter
def public_name(user):
    return _public_name(user)


@register.simple_tag
def retention_days():
    return timing.retention_days()
