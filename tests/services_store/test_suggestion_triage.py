"""Managers triage suggestions: new → under study → accepted or declined, with a reason.
A closed suggestion with an e-mail address gets one answer, in its own language, after
the change is committed; the address is then gone."""

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse
from django.utils import translation
from wagtail.models import ModelLogEntry

from services_store import admin_views
from services_store.admin_views import send_suggestion_answer, triage_suggestion
from services_store.lifecycle import TransitionRefused
from services_store.models import LifecycleState, Service, ServiceSuggestion, SuggestionStatus
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(users_by_role):
    return users_by_role["Managers"]


def suggestion(status=SuggestionStatus.NEW, email="", language="en", **fields):
    return ServiceSuggestion.objects.create(
        title=fields.pop("title", "Childcare near training centres"),
        need="Parents miss trainings for want of childcare.",
        status=status,
        email=email,
        language=language,
        **fields,
    )


# --- The rule ---


def test_new_goes_under_study_without_a_reason_and_nobody_is_told(
    manager, django_capture_on_commit_callbacks
):
    idea = suggestion(email="parent@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        triage_suggestion(idea, manager, SuggestionStatus.UNDER_STUDY)
    idea.refresh_from_db()
    assert idea.status == SuggestionStatus.UNDER_STUDY
    assert idea.decided_at is None
    assert idea.email == "parent@example.org"  # kept until the outcome is sent
    assert mail.outbox == []
    entry = ModelLogEntry.objects.get(action=admin_views.TRIAGE_LOG_ACTION)
    assert entry.data["from"] == "new" and entry.data["to"] == "study"
    assert entry.user_id == manager.pk


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (SuggestionStatus.UNDER_STUDY, SuggestionStatus.ACCEPTED),
        (SuggestionStatus.UNDER_STUDY, SuggestionStatus.DECLINED),
        (SuggestionStatus.NEW, SuggestionStatus.DECLINED),
    ],
)
def test_closing_sends_the_reason_once_in_the_suggestions_language_then_erases_the_address(
    manager, django_capture_on_commit_callbacks, before, after
):
    idea = suggestion(before, email="parent@example.org", language="fr")
    reason = "Les centres de formation ont déjà une crèche partenaire."
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        triage_suggestion(idea, manager, after, reason=reason)
    assert len(callbacks) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["parent@example.org"]
    assert reason in message.body
    assert message.extra_headers["Content-Language"] == "fr"
    with translation.override("fr"):
        expected_subject = translation.gettext("Your suggestion: %(title)s") % {"title": idea.title}
    assert message.subject == expected_subject
    idea.refresh_from_db()
    assert idea.email == ""
    assert idea.status == after and idea.reason == reason and idea.decided_at is not None
    # The task delivered again (at least once): nothing more goes out.
    assert send_suggestion_answer(idea.pk) is False
    assert len(mail.outbox) == 1


def test_no_e_mail_before_the_change_is_committed(manager, django_capture_on_commit_callbacks):
    idea = suggestion(email="parent@example.org")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        triage_suggestion(idea, manager, SuggestionStatus.DECLINED, reason="Exists already")
    assert mail.outbox == []
    assert len(callbacks) == 1


def test_without_an_address_nobody_is_written_to(manager, django_capture_on_commit_callbacks):
    idea = suggestion(SuggestionStatus.UNDER_STUDY)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        triage_suggestion(idea, manager, SuggestionStatus.DECLINED, reason="Out of scope")
    assert callbacks == []
    assert mail.outbox == []


@pytest.mark.parametrize("reason", ["", "   "])
def test_closing_needs_a_reason(manager, reason):
    idea = suggestion(SuggestionStatus.UNDER_STUDY, email="parent@example.org")
    with pytest.raises(TransitionRefused, match="reason"):
        triage_suggestion(idea, manager, SuggestionStatus.ACCEPTED, reason=reason)
    idea.refresh_from_db()
    assert idea.status == SuggestionStatus.UNDER_STUDY
    assert idea.email == "parent@example.org"


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (SuggestionStatus.NEW, SuggestionStatus.ACCEPTED),
        (SuggestionStatus.ACCEPTED, SuggestionStatus.DECLINED),
        (SuggestionStatus.DECLINED, SuggestionStatus.UNDER_STUDY),
    ],
)
def test_only_the_allowed_steps(manager, before, after):
    idea = suggestion(before)
    with pytest.raises(TransitionRefused, match="cannot go from"):
        triage_suggestion(idea, manager, after, reason="Because")
    idea.refresh_from_db()
    assert idea.status == before


@pytest.mark.parametrize("role", ["Editors", "Publishers", "Moderators"])
def test_only_managers_triage(users_by_role, role):
    idea = suggestion()
    with pytest.raises(TransitionRefused, match="Only Managers"):
        triage_suggestion(idea, users_by_role[role], SuggestionStatus.UNDER_STUDY)
    idea.refresh_from_db()
    assert idea.status == SuggestionStatus.NEW


def test_an_accepted_suggestion_becomes_a_new_service_in_need(manager):
    idea = suggestion(SuggestionStatus.UNDER_STUDY)
    triage_suggestion(
        idea,
        manager,
        SuggestionStatus.ACCEPTED,
        reason="Asked by 4 offices",
        new_service_slug="childcare-finder",
    )
    idea.refresh_from_db()
    assert idea.service.slug == "childcare-finder"
    assert idea.service.state == LifecycleState.NEED


def test_an_accepted_suggestion_may_join_an_existing_service(manager):
    existing = Service.objects.create(slug="family-support", state=LifecycleState.BUILDING)
    idea = suggestion(SuggestionStatus.UNDER_STUDY)
    triage_suggestion(
        idea, manager, SuggestionStatus.ACCEPTED, reason="Same need", service=existing
    )
    idea.refresh_from_db()
    assert idea.service == existing


def test_a_mail_server_error_loses_the_answer_not_the_privacy(
    manager, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("no mail server")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    idea = suggestion(SuggestionStatus.UNDER_STUDY, email="parent@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        triage_suggestion(idea, manager, SuggestionStatus.DECLINED, reason="Out of scope")
    idea.refresh_from_db()
    assert idea.email == ""
    assert idea.status == SuggestionStatus.DECLINED
    assert "not sent" in caplog.text


# --- The admin page ---


def triage_url(idea):
    return reverse("services_store_triage", args=[idea.pk])


def messages_of(response):
    return [str(message).strip() for message in get_messages(response.wsgi_request)]


def test_managers_see_the_suggestion_and_its_next_steps(client, manager):
    idea = suggestion(email="parent@example.org")
    client.force_login(manager)
    response = client.get(triage_url(idea))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Parents miss trainings for want of childcare." in html
    assert "parent@example.org" not in html  # whether there is one, not the address
    assert "An e-mail address was given" in html
    choices = [value for value, _label in response.context["form"].fields["status"].choices]
    assert choices == ["study", "declined"]


def test_declining_through_the_page_answers_and_returns_to_the_backlog(
    client, manager, django_capture_on_commit_callbacks
):
    idea = suggestion(email="parent@example.org", language="uk")
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            triage_url(idea), {"status": "declined", "reason": "The national portal has it."}
        )
    assert response.status_code == 302
    assert response.url == reverse("wagtailsnippets_services_store_servicesuggestion:list")
    assert any("then the address erased" in m for m in messages_of(response))
    assert len(mail.outbox) == 1
    assert mail.outbox[0].extra_headers["Content-Language"] == "uk"
    assert "The national portal has it." in mail.outbox[0].body
    idea.refresh_from_db()
    assert (idea.status, idea.email) == ("declined", "")


def test_accepting_through_the_page_creates_the_service(client, manager):
    idea = suggestion(SuggestionStatus.UNDER_STUDY)
    client.force_login(manager)
    response = client.post(
        triage_url(idea),
        {"status": "accepted", "reason": "Many asked", "new_service_slug": "childcare-finder"},
    )
    assert response.status_code == 302
    assert Service.objects.get(slug="childcare-finder").state == LifecycleState.NEED
    idea.refresh_from_db()
    assert idea.service.slug == "childcare-finder"


@pytest.mark.parametrize(
    ("status", "data", "field"),
    [
        ("new", {}, "status"),
        ("new", {"status": "accepted", "reason": "Skips study"}, "status"),
        ("new", {"status": "bogus"}, "status"),
        ("study", {"status": "declined", "reason": ""}, "reason"),
        ("study", {"status": "accepted", "reason": "Yes", "new_service_slug": "Not A Slug"}, None),
        ("study", {"status": "accepted", "reason": "Yes", "new_service_slug": "Bad_Slug"}, None),
        ("study", {"status": "accepted", "reason": "Yes", "service": "999999"}, "service"),
        ("new", {"status": "study", "new_service_slug": "too-early"}, "service"),
        (
            "study",
            {"status": "accepted", "reason": "Yes", "new_service_slug": "example-tool"},
            None,
        ),
    ],
)
def test_bad_data_is_a_form_error_and_changes_nothing(client, manager, status, data, field):
    idea = suggestion(status, email="parent@example.org")
    client.force_login(manager)
    response = client.post(triage_url(idea), data)
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert errors if field is None else errors[field]
    idea.refresh_from_db()
    assert idea.status == status and idea.email == "parent@example.org"
    assert mail.outbox == []


def test_both_an_existing_and_a_new_service_is_refused(client, manager):
    existing = Service.objects.create(slug="family-support", state=LifecycleState.BUILDING)
    idea = suggestion(SuggestionStatus.UNDER_STUDY)
    client.force_login(manager)
    response = client.post(
        triage_url(idea),
        {
            "status": "accepted",
            "reason": "Yes",
            "service": existing.pk,
            "new_service_slug": "childcare-finder",
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors["new_service_slug"]
    assert not Service.objects.filter(slug="childcare-finder").exists()


def test_a_closed_suggestion_has_no_next_step(client, manager):
    idea = suggestion(SuggestionStatus.DECLINED, reason="Exists already")
    client.force_login(manager)
    assert "This suggestion is closed." in client.get(triage_url(idea)).content.decode()
    response = client.post(triage_url(idea), {"status": "study"})
    assert response.status_code == 400


def test_a_step_taken_meanwhile_by_someone_else_is_refused_with_a_message(
    client, manager, monkeypatch
):
    idea = suggestion(SuggestionStatus.UNDER_STUDY, email="parent@example.org")
    other = UserFactory(username="other-manager", groups=["Managers"])
    rule = admin_views.triage_suggestion

    def declined_meanwhile(suggestion, *args, **kwargs):
        rule(suggestion, other, SuggestionStatus.DECLINED, reason="Duplicate")
        return rule(suggestion, *args, **kwargs)

    monkeypatch.setattr(admin_views, "triage_suggestion", declined_meanwhile)
    client.force_login(manager)
    response = client.post(triage_url(idea), {"status": "accepted", "reason": "Yes"})
    assert response.status_code == 400
    assert any("cannot go from" in message for message in messages_of(response))
    idea.refresh_from_db()
    assert (idea.status, idea.reason) == (SuggestionStatus.DECLINED, "Duplicate")


@pytest.mark.parametrize("role", ["Editors", "Publishers", "Moderators"])
def test_other_roles_are_refused_the_page(client, users_by_role, role):
    idea = suggestion()
    client.force_login(users_by_role[role])
    assert client.get(triage_url(idea)).status_code == 403
    assert client.post(triage_url(idea), {"status": "study"}).status_code == 403
    idea.refresh_from_db()
    assert idea.status == SuggestionStatus.NEW


def test_an_unknown_suggestion_is_not_found(client, manager):
    client.force_login(manager)
    assert client.get(reverse("services_store_triage", args=[999999])).status_code == 404


def test_the_backlog_listing_offers_triage_for_open_suggestions_only(client, manager):
    from tests.services_store.test_admin import grant_store_permissions

    grant_store_permissions()
    open_one = suggestion(title="Open one")
    closed_one = suggestion(SuggestionStatus.DECLINED, title="Closed one", reason="No")
    client.force_login(manager)
    html = client.get(
        reverse("wagtailsnippets_services_store_servicesuggestion:list")
    ).content.decode()
    assert triage_url(open_one) in html
    assert triage_url(closed_one) not in html
