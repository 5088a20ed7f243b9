"""The plain rules behind webinars: timeline, places, reminders, stream addresses and
registration links."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from tests.factories import RegistrationFactory
from webinars import registration as rules
from webinars import streams, timing

START = datetime.datetime(2026, 3, 3, 13, 0, tzinfo=datetime.UTC)
END = START + datetime.timedelta(hours=1)
MINUTE = datetime.timedelta(minutes=1)
HOUR = datetime.timedelta(hours=1)


@pytest.mark.parametrize(
    ("now", "status"),
    [
        (START - HOUR, timing.UPCOMING),
        (START - 15 * MINUTE, timing.STARTING),
        (START, timing.LIVE),
        (END - MINUTE, timing.LIVE),
        (END, timing.ENDED),
    ],
)
def test_session_status(now, status):
    assert timing.session_status(START, END, now) == status


def test_registration_stays_open_until_the_end():
    assert timing.registration_open(END, END - MINUTE)
    assert not timing.registration_open(END, END)


@pytest.mark.parametrize(
    ("capacity", "confirmed", "has_place", "left"),
    [(None, 500, True, None), (2, 1, True, 1), (2, 2, False, 0), (2, 3, False, 0)],
)
def test_places(capacity, confirmed, has_place, left):
    assert timing.has_place(capacity, confirmed) is has_place
    assert timing.places_left(capacity, confirmed) == left


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (START - 25 * HOUR, None),
        (START - 24 * HOUR, "24h"),
        (START - 2 * HOUR, "24h"),
        (START - HOUR, "1h"),
        (START - MINUTE, "1h"),
        (START, None),
    ],
)
def test_due_reminder_for_an_early_registrant(now, expected):
    reminder = timing.due_reminder(START, START - 30 * HOUR, now)
    assert (reminder.kind if reminder else None) == expected


def test_no_reminder_for_what_someone_registered_after():
    registered = START - 3 * HOUR  # after the 24-hour reminder's time
    assert timing.due_reminder(START, registered, START - 2 * HOUR) is None
    assert timing.due_reminder(START, registered, START - 30 * MINUTE).kind == "1h"
    assert timing.due_reminder(START, START - 10 * MINUTE, START - 5 * MINUTE) is None


def test_retention(settings):
    assert timing.erase_after(END) == END + datetime.timedelta(days=30)
    settings.WEBINAR_RETENTION_DAYS = 7
    assert timing.erase_after(END) == END + datetime.timedelta(days=7)


@pytest.mark.parametrize(
    ("url", "service", "broadcast", "embed"),
    [
        (
            "https://www.youtube.com/watch?v=aBcDeFgHiJk",
            "youtube",
            True,
            "https://www.youtube-nocookie.com/embed/aBcDeFgHiJk",
        ),
        (
            "https://youtu.be/aBcDeFgHiJk?t=30",
            "youtube",
            True,
            "https://www.youtube-nocookie.com/embed/aBcDeFgHiJk",
        ),
        (
            "https://www.youtube.com/live/aBcDeFgHiJk",
            "youtube",
            True,
            "https://www.youtube-nocookie.com/embed/aBcDeFgHiJk",
        ),
        (
            "https://video.pes.example/w/kR3pL9xQ2mT7vZ1aB4cD6e",
            "peertube",
            True,
            "https://video.pes.example/videos/embed/kR3pL9xQ2mT7vZ1aB4cD6e",
        ),
        (
            "https://tube.example.org/videos/watch/9c9de5e8-0a1b-4e0b-9f3c-1d2b3c4d5e6f",
            "peertube",
            True,
            "https://tube.example.org/videos/embed/9c9de5e8-0a1b-4e0b-9f3c-1d2b3c4d5e6f",
        ),
        ("https://bbb.pes.example/rooms/abc-def-ghi/join", "bigbluebutton", False, ""),
        ("https://bbb.pes.example/b/ann-x7k-p2q", "bigbluebutton", False, ""),
        ("https://meet.jit.si/pes-cv-workshop", "jitsi", False, ""),
        ("https://jitsi.pes.example/CvWorkshop2026", "jitsi", False, ""),
    ],
)
def test_accepted_stream_addresses(url, service, broadcast, embed):
    streams.validate_stream_url(url)
    stream = streams.recognise(url)
    assert (stream.service.key, stream.is_broadcast, stream.embed_url) == (
        service,
        broadcast,
        embed,
    )


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://meet.jit.si/pes-cv-workshop", "https://"),
        ("https://example.org/some/page", "PeerTube video"),
        ("https://www.youtube.com/watch?v=short", "PeerTube video"),
        ("https://evil.example/<script>", "PeerTube video"),
        ("https://zoom.us/j/123456789", "PeerTube video"),
        ("javascript:alert(1)", "https://"),
    ],
)
def test_other_addresses_are_refused_with_a_clear_message(url, message):
    with pytest.raises(ValidationError) as error:
        streams.validate_stream_url(url)
    assert message in " ".join(error.value.messages)


def test_self_hosted_services_can_be_narrowed_to_the_services_hosts(settings):
    settings.WEBINAR_STREAM_HOSTS = ["video.pes.example"]
    streams.validate_stream_url("https://video.pes.example/w/kR3pL9xQ2mT7vZ1aB4cD6e")
    streams.validate_stream_url("https://www.youtube.com/watch?v=aBcDeFgHiJk")
    with pytest.raises(ValidationError, match="not one of the service"):
        streams.validate_stream_url("https://other.example/w/kR3pL9xQ2mT7vZ1aB4cD6e")


def test_a_recording_must_be_a_video_anyone_can_watch():
    streams.validate_recording_url("https://youtu.be/aBcDeFgHiJk")
    with pytest.raises(ValidationError, match="PeerTube or YouTube"):
        streams.validate_recording_url("https://meet.jit.si/pes-cv-workshop")


@pytest.mark.django_db
def test_registration_links_are_signed(webinar):
    registration = RegistrationFactory(webinar=webinar)
    token = rules.token_for(registration)
    assert rules.registration_for_token(token) == registration
    key, signature = token.split(":")
    assert key == registration.key.hex
    with pytest.raises(rules.InvalidToken):
        rules.registration_for_token(f"{key[:-1]}{'e' if key[-1] == 'f' else 'f'}:{signature}")
    registration.delete()
    assert rules.registration_for_token(token) is None
