"""Calendar invites, read back with the icalendar package as a calendar app would."""

import datetime
import zoneinfo

import pytest
from django.core import mail
from icalendar import Calendar

from tests.factories import RegistrationFactory
from webinars.ics import build_invite
from webinars.models import CalendarInvite

pytestmark = pytest.mark.django_db

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def parse(content):
    calendar = Calendar.from_ical(content)
    (event,) = calendar.walk("VEVENT")
    return calendar, event


def move(webinar, days=1, hours=0):
    webinar.starts_at += datetime.timedelta(days=days, hours=hours)
    webinar.ends_at += datetime.timedelta(days=days, hours=hours)
    webinar.save_revision().publish()


def test_invite_has_the_time_in_the_portals_zone(webinar):
    calendar, event = parse(build_invite(webinar, "en", link="https://portal.example/r/x/"))
    assert calendar["METHOD"] == "PUBLISH"
    assert event["DTSTART"].params["TZID"] == "Europe/Paris"
    start = event.decoded("DTSTART")
    assert start == webinar.starts_at
    assert start.astimezone(PARIS).hour == 10
    assert event.decoded("DTEND") - start == datetime.timedelta(hours=1)
    (zone,) = calendar.walk("VTIMEZONE")
    assert zone["TZID"] == "Europe/Paris"
    assert str(event["URL"]) == "https://portal.example/r/x/"
    assert "https://portal.example/r/x/" in str(event["DESCRIPTION"])
    assert event["SEQUENCE"] == 0


def test_invite_is_in_the_registrants_language(webinar, locales):
    copy = webinar.copy_for_translation(locales["fr"], copy_parents=True)
    copy.title = "Un CV qui se fait lire"
    copy.save_revision().publish()
    _, french = parse(build_invite(webinar, "fr"))
    _, arabic = parse(build_invite(webinar, "ar"))  # not translated: the original
    assert (str(french["SUMMARY"]), french["SUMMARY"].params["LANGUAGE"]) == (
        "Un CV qui se fait lire",
        "fr",
    )
    assert str(arabic["SUMMARY"]) == "Writing a CV that gets read"
    assert french["UID"] == arabic["UID"]  # one session, one event in any calendar


def test_uid_is_stable_and_sequence_rises_with_each_change_of_time(webinar, committed):
    confirmed = RegistrationFactory(webinar=webinar, email="amina@example.org")
    RegistrationFactory(webinar=webinar, email="")  # no address: nobody to tell
    _, before = parse(build_invite(webinar, "en"))
    with committed():
        move(webinar, days=1)
    _, after = parse(build_invite(webinar, "en"))
    assert after["UID"] == before["UID"]
    assert (before["SEQUENCE"], after["SEQUENCE"]) == (0, 1)
    assert after.decoded("DTSTART") == before.decoded("DTSTART") + datetime.timedelta(days=1)
    (update,) = mail.outbox
    assert update.to == [confirmed.email]
    assert update.subject == "New time: Writing a CV that gets read"
    _, sent = parse(update.attachments[0][1])
    assert (sent["UID"], sent["SEQUENCE"]) == (before["UID"], 1)
    # Publishing again without a change of time sends nothing and keeps the sequence.
    webinar.title = "Writing a CV that recruiters read"
    with committed():
        webinar.save_revision().publish()
    assert len(mail.outbox) == 1
    assert CalendarInvite.objects.get(webinar=webinar).sequence == 1
    with committed():
        move(webinar, hours=2)
    assert len(mail.outbox) == 2
    assert parse(mail.outbox[1].attachments[0][1])[1]["SEQUENCE"] == 2


def test_publishing_an_older_revision_never_lowers_the_sequence(webinar, committed):
    first = webinar.get_latest_revision()
    with committed():
        move(webinar, days=2)
        first.publish()  # back to the first time: a change, so a higher sequence
    _, event = parse(build_invite(webinar, "en"))
    assert event["SEQUENCE"] == 2


def test_a_cancellation_takes_the_event_out(webinar):
    calendar, event = parse(build_invite(webinar, "en", cancelled=True))
    assert calendar["METHOD"] == "CANCEL"
    assert event["STATUS"] == "CANCELLED"


def test_an_invite_survives_daylight_saving_time(webinar):
    winter = datetime.datetime(2027, 1, 12, 10, tzinfo=PARIS)
    summer = datetime.datetime(2027, 7, 13, 10, tzinfo=PARIS)
    for start, offset in ((winter, "+0100"), (summer, "+0200")):
        webinar.starts_at, webinar.ends_at = start, start + datetime.timedelta(hours=1)
        webinar.save()
        content = build_invite(webinar, "en").decode()
        assert "DTSTART;TZID=Europe/Paris:" + start.strftime("%Y%m%dT100000") in content
        calendar, event = parse(content)
        assert event.decoded("DTSTART").utcoffset() == start.utcoffset()
        assert offset in content  # the VTIMEZONE has both offsets
