"""Calendar invites (.ics, RFC 5545) for registrants, built with the icalendar package.

- One UID per session, whatever the language (`WebinarPage.calendar_uid`), so a calendar
  replaces the event when an update arrives instead of adding a second one.
- SEQUENCE is the invite's version (`CalendarInvite`), raised each time the time changes.
- Times carry the portal's time zone (TZID, with its VTIMEZONE), so calendars show them
  right in any zone and across daylight saving changes.
- The text is in the registrant's language; METHOD:PUBLISH, as the invite asks for no
  reply, and METHOD:CANCEL (STATUS:CANCELLED) to take the event out of a calendar.
"""

import zoneinfo

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from webinars.models import CalendarInvite

PRODUCT_ID = "-//Public Employment Service//Webinars//EN"


def portal_zone():
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def build_invite(webinar, language, *, link="", cancelled=False, now=None):
    """The .ics file (bytes) of `webinar`'s session for a registrant writing in
    `language`; `link` is their own registration page."""
    event = webinar.event
    invite = CalendarInvite.objects.filter(webinar=event).first()
    with translation.override(language):
        calendar = Calendar()
        calendar.add("prodid", PRODUCT_ID)
        calendar.add("version", "2.0")
        calendar.add("method", "CANCEL" if cancelled else "PUBLISH")
        calendar.add_component(
            _event(event, language, invite.sequence if invite else 0, link, cancelled, now)
        )
        calendar.add_missing_timezones()
    return calendar.to_ical()


def _event(event, language, sequence, link, cancelled, now):
    page = event.translation_for(language)
    zone = portal_zone()
    item = Event()
    item.add("uid", event.calendar_uid)
    item.add("sequence", sequence)
    item.add("dtstamp", now or timezone.now())
    item.add("dtstart", timezone.localtime(event.starts_at, zone))
    item.add("dtend", timezone.localtime(event.ends_at, zone))
    item.add("summary", page.title, parameters={"LANGUAGE": language})
    item.add("description", _description(page, link), parameters={"LANGUAGE": language})
    item.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    item.add("transp", "OPAQUE")
    url = link or page.full_url
    if url:
        item.add("url", url)
    return item


def _description(page, link):
    parts = [page.intro]
    if link:
        parts.append(
            _("Your registration, the link to join and cancellation: %(link)s") % {"link": link}
        )
    return "\n\n".join(part for part in parts if part)
