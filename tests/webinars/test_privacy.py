"""A participant's personal data: the rules (export everything kept, erase all of it and
nothing else), the registrant's own page (download, erase after confirming, a GET
changes nothing), and the admin view for Managers (find by address, download, erase,
written to the audit log without the address)."""

import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.models import PageLogEntry

from tests.factories import (
    ChatMessageFactory,
    ChatParticipantFactory,
    RegistrationFactory,
    UserFactory,
    WebinarPageFactory,
)
from webinars import privacy
from webinars import registration as rules
from webinars.emails import claim
from webinars.models import (
    ChatMessage,
    ChatParticipant,
    ChatVote,
    Notification,
    Registration,
    RegistrationStatus,
)

pytestmark = pytest.mark.django_db

EMAIL = "amina@example.org"


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def take_part(registration, votes_for=()):
    """The registrant in the chat: a question answered, a comment, and votes."""
    participant = ChatParticipantFactory(
        webinar=registration.webinar,
        key=f"registration:{registration.key.hex}",
        registration=registration,
        display_name="Amina in the chat",
    )
    question = ChatMessageFactory(
        participant=participant,
        text="Can I apply while on benefits?",
        answered=True,
        answer="Yes, tell your counsellor.",
    )
    ChatMessageFactory(participant=participant, kind="comment", text="Thanks, very clear")
    for message in votes_for:
        ChatVote.objects.create(message=message, participant=participant)
    return participant, question


@pytest.fixture
def someone_else(webinar):
    """Another registrant with a question, which Amina voted for."""
    other = RegistrationFactory(webinar=webinar, display_name="Bo", email="bo@example.org")
    participant = ChatParticipantFactory(
        webinar=webinar, key=f"registration:{other.key.hex}", registration=other
    )
    question = ChatMessageFactory(participant=participant, text="Is it free?", votes=4)
    return other, question


@pytest.fixture
def amina(webinar, someone_else):
    registration = RegistrationFactory(webinar=webinar, display_name="Amina K.", email=EMAIL)
    notification = claim(registration, "confirmed", "0")
    notification.sent_at = notification.claimed_at
    notification.save()
    take_part(registration, votes_for=[someone_else[1]])
    return registration


# --- The rules ---


def test_export_holds_everything_kept_about_the_person(amina, someone_else):
    data = privacy.export_person(Registration.objects.filter(pk=amina.pk))
    (registration,) = data["registrations"]
    assert registration["display_name"] == "Amina K."
    assert registration["email"] == EMAIL
    assert registration["status"] == "confirmed"
    assert registration["webinar"]["title"] == amina.webinar.title
    assert [email["kind"] for email in registration["emails"]] == ["confirmed"]
    assert registration["emails"][0]["sent_at"] is not None
    chat = registration["chat"]
    assert chat["display_name"] == "Amina in the chat"
    assert chat["votes_cast"] == 1
    assert [(m["kind"], m["text"], m["state"]) for m in chat["messages"]] == [
        ("question", "Can I apply while on benefits?", "visible"),
        ("comment", "Thanks, very clear", "visible"),
    ]
    assert chat["messages"][0]["answer"] == "Yes, tell your counsellor."
    assert "Is it free?" not in json.dumps(data, default=str)


def test_export_of_someone_who_never_chatted(webinar):
    registration = RegistrationFactory(webinar=webinar, email=EMAIL)
    data = privacy.export_person(Registration.objects.filter(pk=registration.pk))
    assert data["registrations"][0]["chat"] is None
    assert data["registrations"][0]["emails"] == []


def test_erase_removes_the_person_and_nothing_else(amina, someone_else):
    other, others_question = someone_else
    erased = privacy.erase_person(Registration.objects.filter(pk=amina.pk))
    assert erased == privacy.Erased(registrations=1, chat_messages=2)
    assert not Registration.objects.filter(pk=amina.pk).exists()
    assert not Notification.objects.filter(registration_id=amina.pk).exists()
    assert not ChatParticipant.objects.filter(key=f"registration:{amina.key.hex}").exists()
    # Her answered question is gone too; Bo's stays.
    assert list(ChatMessage.objects.filter(webinar=amina.webinar)) == [others_question]
    assert not ChatVote.objects.filter(message=others_question).exists()
    # Her vote is gone, the count on Bo's question is not decremented.
    others_question.refresh_from_db()
    assert others_question.votes == 4
    assert Registration.objects.filter(pk=other.pk).exists()


def test_erase_is_in_the_audit_log_without_the_name_or_address(amina):
    staff = UserFactory(username="dpo")
    privacy.erase_person(Registration.objects.filter(pk=amina.pk), user=staff)
    entry = PageLogEntry.objects.get(action=privacy.ERASE_ACTION)
    assert entry.page_id == amina.webinar.pk
    assert entry.user == staff
    assert entry.data == {"registrations": 1, "chat_messages": 2}
    assert entry.message == "A participant's personal data erased"
    logged = json.dumps([entry.label, entry.data, str(entry.message)])
    for personal in (EMAIL, "Amina", amina.key.hex):
        assert personal not in logged


def test_a_place_freed_by_an_erase_goes_to_the_waiting_list(webinar, committed):
    first, second = RegistrationFactory.create_batch(2, webinar=webinar)  # two places
    waiting = RegistrationFactory(webinar=webinar, status=RegistrationStatus.WAITING)
    with committed():
        privacy.erase_person(Registration.objects.filter(pk=first.pk))
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED


def test_registrations_are_found_by_address_in_any_webinar(amina, calendar):
    elsewhere = WebinarPageFactory(parent=calendar, slug="elsewhere")
    also = RegistrationFactory(webinar=elsewhere, email=EMAIL)
    RegistrationFactory(webinar=elsewhere, email="bo2@example.org")
    found = privacy.registrations_for_email("  Amina@Example.ORG ")
    assert set(found) == {amina, also}
    assert not privacy.registrations_for_email("").exists()


# --- The registrant's own page ---


def own_page(registration, name="webinar_registration"):
    return rules.registration_path(registration, name)


def test_the_registrants_page_offers_download_and_erase(client, amina):
    page = soup(client.get(own_page(amina)))
    links = {a["href"] for a in page.select("#your-data ~ ul a")}
    assert links == {own_page(amina, "webinar_my_data"), own_page(amina, "webinar_erase")}


def test_the_registrant_downloads_their_data(client, amina):
    response = client.get(own_page(amina, "webinar_my_data"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["registrations"][0]["email"] == EMAIL
    assert data["registrations"][0]["chat"]["display_name"] == "Amina in the chat"


def test_downloading_is_a_get_only(client, amina):
    assert client.post(own_page(amina, "webinar_my_data")).status_code == 405


def test_opening_the_erase_link_changes_nothing(client, amina):
    response = client.get(own_page(amina, "webinar_erase"))
    assert response.status_code == 200
    assert soup(response).select_one("form[method=post] button")
    assert Registration.objects.filter(pk=amina.pk).exists()
    assert ChatMessage.objects.filter(participant__registration=amina).count() == 2


def test_the_registrant_erases_their_data(client, amina):
    response = client.post(own_page(amina, "webinar_erase"))
    assert response.status_code == 200
    assert soup(response).h1.get_text(strip=True) == "Your data is erased"
    assert not Registration.objects.filter(pk=amina.pk).exists()
    assert not ChatMessage.objects.filter(author_name="Amina in the chat").exists()
    entry = PageLogEntry.objects.get(action=privacy.ERASE_ACTION)
    assert entry.user is None
    # The link now leads to the "registration gone" page, the download too.
    assert client.get(own_page(amina)).status_code == 404
    assert client.get(own_page(amina, "webinar_my_data")).status_code == 404


@pytest.mark.parametrize("name", ["webinar_my_data", "webinar_erase"])
def test_a_changed_link_gets_the_bad_link_page(client, amina, name):
    path = own_page(amina, name).replace(amina.key.hex[:6], "ffffff")
    assert client.get(path).status_code == 400
    assert client.post(path).status_code in (400, 405)
    assert Registration.objects.filter(pk=amina.pk).exists()


# --- The admin view ---

URL = "/admin/webinars/personal-data/"


@pytest.fixture
def manager(client, users_by_role):
    client.force_login(users_by_role["Managers"])
    return users_by_role["Managers"]


def test_the_view_is_in_the_settings_menu_for_managers(client, manager):
    assert reverse("webinar_personal_data") == URL
    assert URL in client.get("/admin/").content.decode()


def test_a_manager_finds_a_participant_by_address(client, manager, amina, someone_else):
    response = client.post(URL, {"email": "AMINA@example.org", "action": "search"})
    assert response.status_code == 200
    text = soup(response).get_text()
    assert amina.webinar.title in text
    assert "Amina in the chat" in text and "Can I apply while on benefits?" in text
    assert "Bo" not in text.split("Registrations", 1)[1]
    ids = [i["value"] for i in soup(response).select('input[name="registration"]')]
    assert ids == [str(amina.pk)]


def test_an_unknown_address_finds_nothing(client, manager, amina):
    response = client.post(URL, {"email": "nobody@example.org"})
    assert "No registration with this e-mail address." in response.content.decode()


def test_a_bad_address_gets_a_message_not_an_error(client, manager):
    response = client.post(URL, {"email": "not an address", "action": "erase"})
    assert response.status_code == 400
    assert soup(response).select_one(".error-message, .w-field__errors")


def test_the_address_is_never_in_a_get(client, manager, amina):
    response = client.get(URL, {"email": EMAIL})
    assert response.status_code == 200
    assert amina.webinar.title not in response.content.decode()


def test_a_manager_downloads_the_data(client, manager, amina):
    response = client.post(URL, {"email": EMAIL, "action": "download"})
    assert response["Content-Type"].startswith("application/json")
    data = json.loads(response.content)
    assert [r["display_name"] for r in data["registrations"]] == ["Amina K."]
    assert Registration.objects.filter(pk=amina.pk).exists()


def test_a_manager_erases_after_confirming(client, manager, amina, someone_else):
    confirm = client.post(URL, {"email": EMAIL, "action": "confirm", "registration": [amina.pk]})
    assert confirm.status_code == 200
    assert soup(confirm).select_one('button[value="erase"]')
    assert Registration.objects.filter(pk=amina.pk).exists()
    response = client.post(URL, {"email": EMAIL, "action": "erase", "registration": [amina.pk]})
    assert response.status_code == 302
    assert not Registration.objects.filter(pk=amina.pk).exists()
    assert Registration.objects.filter(pk=someone_else[0].pk).exists()
    (message,) = get_messages(response.wsgi_request)
    assert "1 registration erased" in str(message)
    entry = PageLogEntry.objects.get(action=privacy.ERASE_ACTION)
    assert entry.user == manager
    assert EMAIL not in json.dumps([entry.label, entry.data])


def test_an_erase_removes_only_registrations_of_that_address(client, manager, amina, someone_else):
    other = someone_else[0]
    client.post(
        URL, {"email": EMAIL, "action": "erase", "registration": [other.pk, "x", "²", "9" * 30]}
    )
    assert Registration.objects.filter(pk=other.pk).exists()
    assert Registration.objects.filter(pk=amina.pk).exists()  # not in the list shown
    assert not PageLogEntry.objects.filter(action=privacy.ERASE_ACTION).exists()


def test_the_erase_is_listed_in_the_webinars_history(client, manager, amina, users_by_role):
    client.post(URL, {"email": EMAIL, "action": "erase", "registration": [amina.pk]})
    client.force_login(UserFactory(username="root", is_superuser=True))
    history = client.get(reverse("wagtailadmin_pages:history", args=[amina.webinar.pk]))
    assert "A participant&#x27;s personal data erased" in history.content.decode()


@pytest.mark.parametrize("role", ["Editors", "Publishers", "Moderators"])
def test_other_staff_are_refused(client, users_by_role, amina, role):
    client.force_login(users_by_role[role])
    refused = client.get(URL)
    assert refused.status_code == 403
    assert "Sorry, you do not have permission to access this area." in refused.content.decode()
    for action in ("search", "download", "erase"):
        response = client.post(URL, {"email": EMAIL, "action": action, "registration": amina.pk})
        assert response.status_code == 403
        assert EMAIL not in response.content.decode()
    assert Registration.objects.filter(pk=amina.pk).exists()
    assert URL not in client.get("/admin/").content.decode()


def test_a_superuser_may_erase(client, amina):
    client.force_login(UserFactory(username="root", is_superuser=True))
    client.post(URL, {"email": EMAIL, "action": "erase", "registration": [amina.pk]})
    assert not Registration.objects.filter(pk=amina.pk).exists()


def test_anonymous_visitors_are_sent_to_the_login(client, amina):
    response = client.post(URL, {"email": EMAIL, "action": "erase", "registration": amina.pk})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert Registration.objects.filter(pk=amina.pk).exists()
