"""Registering takes a display name and, if the visitor wants reminders, an e-mail
address; a full webinar puts people on a waiting list, a cancellation gives the place to
the next person, and every bad input gets a clear message, never an error page."""

import datetime
import re

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse
from icalendar import Calendar

from tests.factories import RegistrationFactory
from webinars import registration as rules
from webinars.models import Registration, RegistrationStatus

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def register(client, webinar, language="en", **data):
    url = f"/{language}/webinar-registration/{webinar.pk}/"
    return client.post(url, {"display_name": "Amina", **data})


def follow(client, response):
    assert response.status_code == 302, response.content.decode()[:2000]
    return client.get(response["Location"])


def errors_of(response):
    return soup(response).select_one(".message--error").get_text(" ", strip=True)


def invite_of(message):
    ((_name, content, mimetype),) = message.attachments
    assert mimetype.startswith("text/calendar")
    return Calendar.from_ical(content)


def test_register_with_a_name_and_an_email(client, webinar, committed):
    with committed():
        response = register(client, webinar, email="Amina@Example.org")
    page = soup(follow(client, response))
    assert page.h1.get_text(strip=True) == "You are registered"
    assert "Amina" in page.select_one(".webinar-facts").get_text()
    registration = Registration.objects.get()
    assert (registration.email, registration.status) == ("amina@example.org", "confirmed")
    assert registration.language == "en"
    (message,) = mail.outbox
    assert message.to == ["amina@example.org"]
    assert message.subject == "You are registered: Writing a CV that gets read"
    assert rules.registration_url(registration) in message.body
    assert re.fullmatch(
        r"<webinar(\.[a-z0-9-]+)+@[a-z0-9.-]+>", message.extra_headers["Message-ID"]
    )
    event = invite_of(message).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "Writing a CV that gets read"
    # The personal page offers the invite as a file too.
    invite = client.get(reverse("webinar_invite", args=[rules.token_for(registration)]))
    assert invite["Content-Type"].startswith("text/calendar")
    assert Calendar.from_ical(invite.content).walk("VEVENT")[0]["UID"] == event["UID"]


def test_a_display_name_is_all_we_need(client, webinar, committed):
    with committed():
        page = soup(follow(client, register(client, webinar)))
    assert page.h1.get_text(strip=True) == "You are registered"
    assert "only way to come back" in page.select_one(".callout").get_text()
    assert mail.outbox == []
    registration = Registration.objects.get()
    assert (registration.display_name, registration.email) == ("Amina", "")


def test_the_form_has_a_consent_notice(client, webinar):
    page = soup(client.get("/en/calendar/writing-a-cv/"))
    notice = page.select_one(".registration-form .consent").get_text(" ", strip=True)
    assert "erased 30 days after the webinar" in notice


def test_a_full_webinar_puts_people_on_the_waiting_list(client, webinar, committed):
    RegistrationFactory.create_batch(2, webinar=webinar)
    with committed():
        page = soup(follow(client, register(client, webinar, email="late@example.org")))
    assert page.h1.get_text(strip=True) == "You are on the waiting list"
    assert "number 1 on the waiting list" in page.get_text()
    assert Registration.objects.get(email="late@example.org").status == "waiting"
    (message,) = mail.outbox
    assert message.subject.startswith("You are on the waiting list")
    assert "number 1" in message.body
    assert message.attachments == []  # no invite without a place


def test_cancelling_gives_the_place_to_the_next_person(client, webinar, committed):
    first, second = RegistrationFactory.create_batch(2, webinar=webinar)
    waiting = RegistrationFactory(webinar=webinar, status="waiting", email="next@example.org")
    token = rules.token_for(first)
    confirm = client.get(reverse("webinar_cancel", args=[token]))
    assert soup(confirm).h1.get_text(strip=True) == "Cancel your registration?"
    assert Registration.objects.filter(pk=first.pk).exists()  # a GET changes nothing
    with committed():
        response = client.post(reverse("webinar_cancel", args=[token]))
    assert soup(response).h1.get_text(strip=True) == "Your registration is cancelled"
    assert not Registration.objects.filter(pk=first.pk).exists()
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED and waiting.promoted_at
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {first.email, "next@example.org"}
    promoted = by_address["next@example.org"]
    assert promoted.subject.startswith("A place opened up for you")
    assert invite_of(promoted)["METHOD"] == "PUBLISH"
    cancelled = invite_of(by_address[first.email])
    assert cancelled["METHOD"] == "CANCEL"
    assert cancelled.walk("VEVENT")[0]["STATUS"] == "CANCELLED"
    # The link of a cancelled registration says so clearly.
    gone = client.get(reverse("webinar_registration", args=[token]))
    assert gone.status_code == 404
    assert soup(gone).h1.get_text(strip=True) == "This registration no longer exists"
    assert client.post(reverse("webinar_cancel", args=[token])).status_code == 404


def test_cancelling_twice_promotes_only_once(webinar):
    first = RegistrationFactory(webinar=webinar)
    RegistrationFactory(webinar=webinar)
    waiting = RegistrationFactory.create_batch(2, webinar=webinar, status="waiting")
    stale_copy = Registration.objects.get(pk=first.pk)
    assert rules.cancel(first) == [waiting[0]]
    assert rules.cancel(stale_copy) == []
    assert webinar.registrations.confirmed().count() == 2


def test_more_places_promote_the_waiting_list(webinar, committed):
    RegistrationFactory.create_batch(2, webinar=webinar)
    waiting = RegistrationFactory.create_batch(3, webinar=webinar, status="waiting")
    webinar.capacity = 4
    with committed():
        webinar.save_revision().publish()
    statuses = [Registration.objects.get(pk=r.pk).status for r in waiting]
    assert statuses == ["confirmed", "confirmed", "waiting"]
    assert Registration.objects.get(pk=waiting[2].pk).waiting_position() == 1


def test_registering_in_another_language(client, webinar, committed):
    with committed():
        response = register(client, webinar, language="ar", email="samir@example.org")
    assert response["Location"].startswith("/ar/webinar-registration/r/")
    registration = Registration.objects.get()
    assert registration.language == "ar"
    (message,) = mail.outbox
    assert message.extra_headers["Content-Language"] == "ar"
    assert "/ar/webinar-registration/r/" in message.body
    event = invite_of(message).walk("VEVENT")[0]
    assert event["SUMMARY"].params["LANGUAGE"] == "ar"


# --- Bad input ---


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"display_name": "A" * 61}, "at most 60 characters"),
        ({"display_name": "   "}, "Please enter a name"),
        ({"display_name": "Bad\x07name"}, "only letters, numbers"),
        ({"email": "not-an-address"}, "like name@example.org"),
        ({"email": "a" * 250 + "@example.org"}, "too long"),
        ({"keep_informed": "on"}, "Enter an e-mail address so that we can tell you"),
    ],
    ids=["long-name", "blank-name", "control-character", "bad-email", "long-email", "news"],
)
def test_bad_input_gets_a_clear_message(client, webinar, data, message):
    response = register(client, webinar, **data)
    assert response.status_code == 400
    assert message in errors_of(response)
    assert not Registration.objects.exists()
    form = soup(response).select_one("form.registration-form")
    assert form.select_one("[aria-invalid=true]")


def test_the_same_email_twice_gets_a_friendly_message(client, webinar, committed):
    with committed():
        follow(client, register(client, webinar, email="amina@example.org"))
    with committed():
        response = register(client, webinar, email="AMINA@example.org ")
    assert response.status_code == 409
    assert "already registered" in soup(response).select_one(".callout").get_text()
    assert Registration.objects.count() == 1
    assert [m.subject.split(":")[0] for m in mail.outbox] == [
        "You are registered",
        "Your registration link",
    ]
    with committed():
        register(client, webinar, email="amina@example.org")
    assert len(mail.outbox) == 2  # the link is sent again at most once a day


def test_a_past_webinar_is_closed(client, webinar):
    with time_machine.travel(webinar.ends_at + datetime.timedelta(minutes=1), tick=False):
        response = register(client, webinar)
    assert response.status_code == 400
    assert "registration is closed" in errors_of(response)
    assert not Registration.objects.exists()


def test_someone_may_still_register_while_it_is_live(client, webinar):
    with time_machine.travel(webinar.starts_at + datetime.timedelta(minutes=10), tick=False):
        assert register(client, webinar).status_code == 302


@pytest.mark.parametrize(
    "mangle",
    [
        lambda token: token[:-3],
        lambda token: "0" * 32 + token[32:],
        lambda token: "nonsense",
        lambda token: token + "x",
    ],
    ids=["cut-short", "other-key", "garbage", "extra"],
)
def test_a_tampered_link_gets_a_clear_page(client, webinar, mangle):
    token = rules.token_for(RegistrationFactory(webinar=webinar))
    for name in ("webinar_registration", "webinar_cancel", "webinar_invite"):
        response = client.get(reverse(name, args=[mangle(token)]))
        assert response.status_code == 400
        assert soup(response).h1.get_text(strip=True) == "This link does not work"
    assert client.post(reverse("webinar_cancel", args=[mangle(token)])).status_code == 400
    assert Registration.objects.count() == 1


def test_waiting_people_get_no_invite_file(client, webinar):
    waiting = RegistrationFactory(webinar=webinar, status="waiting")
    assert client.get(reverse("webinar_invite", args=[rules.token_for(waiting)])).status_code == 404


def test_too_many_registrations_from_one_client(client, webinar, monkeypatch):
    monkeypatch.setattr("webinars.views.REGISTRATIONS_PER_HOUR", 2)
    assert register(client, webinar, display_name="One").status_code == 302
    assert register(client, webinar, display_name="Two").status_code == 302
    response = register(client, webinar, display_name="Three")
    assert response.status_code == 429
    assert "Please try later" in errors_of(response)


def test_the_registration_form_page_works_on_its_own(client, webinar):
    response = client.get(reverse("webinar_register", args=[webinar.pk]))
    assert response.status_code == 200
    assert soup(response).h1.get_text(strip=True) == "Register for a webinar"
    assert client.put(reverse("webinar_register", args=[webinar.pk])).status_code == 405
    assert client.get(reverse("webinar_register", args=[999999])).status_code == 404


def test_join_link_shows_shortly_before_the_start(client, webinar):
    webinar.stream_url = "https://meet.jit.si/pes-writing-a-cv"
    webinar.save_revision().publish()
    url = reverse(
        "webinar_registration", args=[rules.token_for(RegistrationFactory(webinar=webinar))]
    )
    with time_machine.travel(webinar.starts_at - datetime.timedelta(hours=1), tick=False):
        assert "meet.jit.si" not in client.get(url).content.decode()
    with time_machine.travel(webinar.starts_at - datetime.timedelta(minutes=10), tick=False):
        join = soup(client.get(url)).select_one(".join a")
    assert join["href"] == "https://meet.jit.si/pes-writing-a-cv"


def test_the_same_address_at_the_same_moment_is_refused_by_the_database(webinar, monkeypatch):
    rules.register(webinar, display_name="A", email="a@example.org", language="en")
    check = rules._refuse_duplicate
    checks = []

    def second_request_checked_before_the_first_inserted(event, email):
        checks.append(email)
        if len(checks) > 1:
            check(event, email)

    monkeypatch.setattr(
        rules, "_refuse_duplicate", second_request_checked_before_the_first_inserted
    )
    with pytest.raises(rules.AlreadyRegistered):
        rules.register(webinar, display_name="B", email="A@example.org", language="fr")
    assert Registration.objects.count() == 1


def test_the_browser_that_registered_is_remembered(client, webinar):
    follow(client, register(client, webinar))
    registration = Registration.objects.get()
    assert rules.registration_in_session(client.session, webinar.pk) == registration
    other = client.__class__()
    assert rules.registration_in_session(other.session, webinar.pk) is None
    other.get(reverse("webinar_registration", args=[rules.token_for(registration)]))
    assert rules.registration_in_session(other.session, webinar.pk) == registration
