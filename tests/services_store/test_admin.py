"""The store in the admin: the snippet views (each team sees and writes for its own
services only; a go-live request goes through its workflow, never published by hand),
a service's Lifecycle page and recording a review, for every role."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import ModelLogEntry, WorkflowState
from wagtail.users.models import UserProfile

from services_store import lifecycle
from services_store.models import (
    Decision,
    GoLiveRequest,
    LifecycleState,
    Rating,
    Service,
    ServiceReview,
    ServiceVisitDay,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# What the store's admin needs beyond "access admin", until portal/roles.py grants it.
STORE_PERMISSIONS = {
    "Editors": [
        "view_service",
        "view_goliverequest",
        "add_goliverequest",
        "change_goliverequest",
    ],
    "Publishers": [
        "view_service",
        "view_goliverequest",
        "add_goliverequest",
        "change_goliverequest",
    ],
    "Managers": [
        "view_service",
        "change_service",
        "view_goliverequest",
        "change_goliverequest",
        "delete_goliverequest",
        "view_servicesuggestion",
        "change_servicesuggestion",
        "delete_servicesuggestion",
        "view_servicereview",
    ],
}

ROLES = ["Editors", "Publishers", "Moderators", "Managers", "intrapreneur", "coach", "it_lead"]


def grant_store_permissions():
    for group_name, codenames in STORE_PERMISSIONS.items():
        permissions = Permission.objects.filter(
            content_type__app_label="services_store", codename__in=codenames
        )
        assert permissions.count() == len(codenames)
        Group.objects.get(name=group_name).permissions.add(*permissions)


@pytest.fixture
def people(users_by_role):
    grant_store_permissions()
    team = {
        "intrapreneur": UserFactory(
            username="test-amelie", first_name="Amélie", groups=["Editors"]
        ),
        "coach": UserFactory(username="test-jonas", first_name="Jonas", groups=["Editors"]),
        "it_lead": UserFactory(username="test-mei", first_name="Mei", groups=["Editors"]),
    }
    return {**users_by_role, **team}


@pytest.fixture
def service(people):
    return Service.objects.create(
        slug="training-finder-admin",
        state=LifecycleState.BUILDING,
        intrapreneur=people["intrapreneur"],
        coach=people["coach"],
        it_lead=people["it_lead"],
    )


@pytest.fixture
def other_service(people):
    return Service.objects.create(slug="someone-elses-tool", state=LifecycleState.BETA)


def in_state(service, state, **fields):
    Service.objects.filter(pk=service.pk).update(state=state, **fields)
    service.refresh_from_db()
    return service


def url(viewset_model, view, *args):
    return reverse(f"wagtailsnippets_services_store_{viewset_model}:{view}", args=args)


def refused_by_wagtail(response):
    """Wagtail's admin answers PermissionDenied with a redirect home and a message."""
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    return response.status_code == 302 and any("permission" in m for m in messages)


def row(html, instance):
    """The listing's table row of `instance`."""
    for match in re.finditer(r"<tr\b.*?</tr>", html, re.DOTALL):
        if f"snippet_{instance.pk}_title" in match.group():
            return match.group()
    raise AssertionError(f"no row for {instance}")


def messages_of(response):
    return [str(message).strip() for message in get_messages(response.wsgi_request)]


def set_language(user, code):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = code
    profile.save()


# --- Services listing and editing ---


def test_managers_see_every_service_with_its_state_review_flags_and_team(
    client, people, service, other_service
):
    example = Service.objects.get(slug="example-tool")  # installed by the test settings
    in_state(
        example,
        LifecycleState.LIVE,
        next_review=timezone.localdate() - datetime.timedelta(days=3),
        hidden_for_review=True,
        intrapreneur=people["intrapreneur"],
    )
    client.force_login(people["Managers"])
    response = client.get(url("service", "list"))
    assert response.status_code == 200
    html = response.content.decode()
    example_row = row(html, example)
    assert "Example tool" in example_row  # the name comes from the manifest
    assert "Live" in example_row
    assert "Overdue" in example_row and "Hidden" in example_row
    assert "Amélie" in example_row
    assert reverse("services_store_lifecycle", args=[example.pk]) in example_row
    assert reverse("services_store_review", args=[example.pk]) in example_row
    service_row = row(html, service)
    assert "Being built" in service_row
    assert re.search(r"Amélie [^,]+, Jonas [^,]+, Mei ", service_row)
    assert "Overdue" not in service_row and "Hidden" not in service_row
    assert reverse("services_store_review", args=[service.pk]) not in service_row
    assert "someone-elses-tool" in html


def test_the_overdue_flag_needs_a_past_review_date(client, people, service):
    in_state(service, LifecycleState.LIVE, next_review=timezone.localdate() + datetime.timedelta(1))
    client.force_login(people["Managers"])
    service_row = row(client.get(url("service", "list")).content.decode(), service)
    assert "Live" in service_row
    assert "Overdue" not in service_row and "Hidden" not in service_row


def test_the_services_listing_filters_by_state(client, people, service, other_service):
    client.force_login(people["Managers"])
    html = client.get(url("service", "list"), {"state": "beta"}).content.decode()
    assert "someone-elses-tool" in html
    assert "training-finder-admin" not in html


@pytest.mark.parametrize("member", ["intrapreneur", "coach", "it_lead"])
def test_a_team_sees_its_own_services_only(client, people, service, other_service, member):
    client.force_login(people[member])
    html = client.get(url("service", "list")).content.decode()
    assert "training-finder-admin" in html
    assert "someone-elses-tool" not in html
    assert client.get(url("service", "inspect", service.pk)).status_code == 200
    assert refused_by_wagtail(client.get(url("service", "inspect", other_service.pk)))
    assert refused_by_wagtail(client.get(url("service", "history", other_service.pk)))


def test_an_editor_outside_any_team_sees_no_service(client, people, service):
    client.force_login(people["Editors"])
    html = client.get(url("service", "list")).content.decode()
    assert "training-finder-admin" not in html
    assert refused_by_wagtail(client.get(url("service", "inspect", service.pk)))


def test_a_team_cannot_edit_its_service_record(client, people, service):
    client.force_login(people["intrapreneur"])
    response = client.post(url("service", "edit", service.pk), {"review_interval_months": 1})
    assert refused_by_wagtail(response)
    service.refresh_from_db()
    assert service.review_interval_months == 6


def test_managers_edit_the_record_but_not_its_state(client, people, service):
    client.force_login(people["Managers"])
    response = client.post(
        url("service", "edit", service.pk),
        {
            "state": "live",  # read only: ignored
            "intrapreneur": people["intrapreneur"].pk,
            "coach": people["coach"].pk,
            "it_lead": people["it_lead"].pk,
            "review_interval_months": 3,
            "next_review": "2027-03-01",
        },
    )
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.review_interval_months == 3
    assert service.next_review == datetime.date(2027, 3, 1)
    assert service.state == LifecycleState.BUILDING


def test_a_bad_review_interval_is_a_form_error(client, people, service):
    client.force_login(people["Managers"])
    response = client.post(url("service", "edit", service.pk), {"review_interval_months": 99})
    assert response.status_code == 200
    assert response.context["form"].errors["review_interval_months"]
    service.refresh_from_db()
    assert service.review_interval_months == 6


def test_nobody_adds_or_deletes_services_through_the_admin(client, people, service):
    client.force_login(people["Managers"])
    assert refused_by_wagtail(client.get(url("service", "add")))
    assert refused_by_wagtail(client.post(url("service", "delete", service.pk)))
    assert Service.objects.filter(pk=service.pk).exists()


@pytest.mark.parametrize("role", ["Moderators"])
def test_roles_without_store_permissions_are_refused_the_listing(client, people, role):
    client.force_login(people[role])
    assert refused_by_wagtail(client.get(url("service", "list")))
    assert refused_by_wagtail(client.get(url("servicesuggestion", "list")))
    assert refused_by_wagtail(client.get(url("servicereview", "list")))


# --- Go-live requests ---


def request_data(service, **changes):
    return {
        "service": service.pk,
        "accessibility_passed": "on",
        "accessibility_report": "https://example.org/a11y-report",
        "privacy_notice": "https://portal.example.org/privacy/training-finder/",
        "data_protection_signoff": "DPO Office",
        "data_protection_signed_on": "2026-11-20",
        "bias_check_done": "on",
        "bias_check_notes": "Checked the ranking on 200 profiles.",
        "translation_waiver": "French first; the others within a month.",
        "pilot_users": "240",
        "pilot_satisfaction": "82",
        "pilot_report": "Two local offices, eight weeks.",
        **changes,
    }


def test_a_team_writes_a_request_for_its_own_service_and_submits_it(client, people, service):
    in_state(service, LifecycleState.BETA)
    client.force_login(people["coach"])
    form_page = client.get(url("goliverequest", "add"), {"service": service.pk})
    html = form_page.content.decode()
    assert "Submit to Service go-live approval" in html
    assert 'name="action-publish"' not in html
    choices = list(form_page.context["form"].fields["service"].queryset)
    assert choices == [service]
    response = client.post(
        url("goliverequest", "add"), {**request_data(service), "action-submit": "Submit"}
    )
    assert response.status_code == 302
    request = GoLiveRequest.objects.get(service=service)
    assert request.workflow_in_progress
    assert not request.live  # published only by the approval


def test_a_team_cannot_write_a_request_for_another_service(client, people, service, other_service):
    client.force_login(people["coach"])
    response = client.post(url("goliverequest", "add"), request_data(other_service))
    assert response.status_code == 200
    assert response.context["form"].errors["service"]
    assert not GoLiveRequest.objects.exists()


def test_a_request_of_another_team_is_out_of_reach(client, people, service, other_service):
    theirs = GoLiveRequest.objects.create(service=other_service)
    client.force_login(people["intrapreneur"])
    html = client.get(url("goliverequest", "list")).content.decode()
    assert "someone-elses-tool" not in html
    for view in ("edit", "history", "workflow_history", "inspect"):
        assert refused_by_wagtail(client.get(url("goliverequest", view, theirs.pk))), view
    response = client.post(url("goliverequest", "edit", theirs.pk), request_data(other_service))
    assert refused_by_wagtail(response)


def test_the_listing_shows_the_checklist_and_the_approval(client, people, service):
    in_state(service, LifecycleState.BETA)
    complete = GoLiveRequest.objects.create(
        service=service, **_fields(request_data(service)), created_at=timezone.now()
    )
    complete.save_revision()
    complete.get_workflow().start(complete, people["intrapreneur"])
    GoLiveRequest.objects.create(service=service, pilot_users=3)
    client.force_login(people["Managers"])
    html = client.get(url("goliverequest", "list")).content.decode()
    assert "Complete" in html
    assert "Missing: Privacy notice present" in html
    assert "In progress" in html and "Not submitted" in html


def _fields(data):
    fields = {key: value for key, value in data.items() if key != "service"}
    for flag in ("accessibility_passed", "bias_check_done"):
        fields[flag] = True
    return fields


def submitted(service, people):
    request = GoLiveRequest.objects.create(
        service=service, live=False, **_fields(request_data(service))
    )
    request.save_revision(user=people["intrapreneur"])
    request.get_workflow().start(request, people["intrapreneur"])
    return request


def approve_in_editor(client, request, service):
    return client.post(
        url("goliverequest", "edit", request.pk),
        {
            **request_data(service),
            "action-workflow-action": "true",
            "workflow-action-name": "approve",
        },
    )


def test_a_manager_outside_the_team_approves_in_the_editor_and_the_service_goes_live(
    client, people, service
):
    in_state(service, LifecycleState.BETA)
    request = submitted(service, people)
    client.force_login(people["Managers"])
    page = client.get(url("goliverequest", "edit", request.pk)).content.decode()
    assert "Approve" in page
    assert 'name="action-publish"' not in page
    response = approve_in_editor(client, request, service)
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.state == LifecycleState.LIVE
    request.refresh_from_db()
    assert request.live
    state = WorkflowState.objects.for_instance(request).get()
    assert state.status == WorkflowState.STATUS_APPROVED


def test_the_intrapreneur_cannot_approve_even_as_a_manager(client, people, service):
    member = people["intrapreneur"]
    member.groups.add(Group.objects.get(name="Managers"))
    in_state(service, LifecycleState.BETA)
    request = submitted(service, people)
    client.force_login(member)
    approve_in_editor(client, request, service)
    service.refresh_from_db()
    assert service.state == LifecycleState.BETA
    assert WorkflowState.objects.for_instance(request).get().status == "in_progress"


def test_publishing_a_request_by_hand_does_not_publish_it(client, people, service):
    in_state(service, LifecycleState.BETA)
    superuser = UserFactory(username="root", is_superuser=True)
    request = GoLiveRequest.objects.create(
        service=service, live=False, **_fields(request_data(service))
    )
    request.save_revision()
    client.force_login(superuser)
    client.post(
        url("goliverequest", "edit", request.pk),
        {**request_data(service), "action-publish": "Publish"},
    )
    request.refresh_from_db()
    assert not request.live
    service.refresh_from_db()
    assert service.state == LifecycleState.BETA


# --- Suggestions and reviews in the snippet views ---


def test_suggestions_are_for_managers_and_filter_by_status(client, people):
    from services_store.models import ServiceSuggestion

    ServiceSuggestion.objects.create(title="Bus routes to job fairs", need="N", status="study")
    ServiceSuggestion.objects.create(title="CV spell checker", need="N")
    client.force_login(people["Managers"])
    html = client.get(url("servicesuggestion", "list"), {"status": "study"}).content.decode()
    assert "Bus routes to job fairs" in html
    assert "CV spell checker" not in html
    client.force_login(people["Editors"])
    assert refused_by_wagtail(client.get(url("servicesuggestion", "list")))


def test_reviews_are_read_only(client, people, service):
    in_state(service, LifecycleState.LIVE)
    review = ServiceReview.objects.create(
        service=service,
        decision=Decision.KEEP,
        lessons_learnt="Keep the form short.",
        **dict.fromkeys(ServiceReview.RATED_POINTS, Rating.GREEN),
    )
    client.force_login(people["Managers"])
    html = client.get(url("servicereview", "list")).content.decode()
    assert "training-finder-admin" in html
    inspect = client.get(url("servicereview", "inspect", review.pk))
    assert inspect.status_code == 200
    assert "Keep the form short." in inspect.content.decode()
    assert refused_by_wagtail(client.get(url("servicereview", "edit", review.pk)))
    assert refused_by_wagtail(client.post(url("servicereview", "delete", review.pk)))
    assert ServiceReview.objects.filter(pk=review.pk).exists()


# --- The Lifecycle page ---


def lifecycle_url(service):
    return reverse("services_store_lifecycle", args=[service.pk])


@pytest.mark.parametrize("role", ROLES)
def test_the_lifecycle_page_is_for_the_team_and_managers(client, people, service, role):
    client.force_login(people[role])
    response = client.get(lifecycle_url(service))
    if role in {"Managers", "intrapreneur", "coach", "it_lead"}:
        assert response.status_code == 200
        assert "Being built" in response.content.decode()
    else:
        assert response.status_code == 403
        assert "Not allowed" in response.content.decode()
        assert "this page of the service store is for Managers" in response.content.decode()


def test_an_unknown_service_is_not_found(client, people):
    client.force_login(people["Managers"])
    assert client.get(reverse("services_store_lifecycle", args=[999999])).status_code == 404


def offered(response):
    return [name for name, _label in response.context["form"].fields["transition"].widget.choices]


def test_each_user_is_offered_the_moves_they_may_make(client, people, service):
    client.force_login(people["intrapreneur"])
    assert offered(client.get(lifecycle_url(service))) == ["open_beta"]
    client.force_login(people["Managers"])
    assert offered(client.get(lifecycle_url(service))) == ["open_beta", "retire"]
    in_state(service, LifecycleState.LIVE)
    assert offered(client.get(lifecycle_url(service))) == ["back_to_beta", "retire"]
    client.force_login(people["coach"])
    page = client.get(lifecycle_url(service))
    assert offered(page) == []
    assert "No change of state is open to you now." in page.content.decode()


def test_the_team_opens_the_beta_and_the_history_shows_it(client, people, service):
    client.force_login(people["it_lead"])
    response = client.post(
        lifecycle_url(service), {"transition": "open_beta", "reason": "Ready for pilots"}
    )
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.state == LifecycleState.BETA
    page = client.get(lifecycle_url(service)).content.decode()
    assert "Lifecycle: Being built → In beta (Ready for pilots)" in page
    assert "Mei" in page


def test_a_move_the_user_may_not_make_is_refused_with_a_message(client, people, service):
    client.force_login(people["intrapreneur"])
    response = client.post(lifecycle_url(service), {"transition": "retire", "reason": "Done"})
    assert response.status_code == 400
    assert "Only Managers can do this." in messages_of(response)
    service.refresh_from_db()
    assert service.state == LifecycleState.BUILDING
    assert not ModelLogEntry.objects.filter(action=lifecycle.LOG_ACTION).exists()


def test_the_refusal_is_in_the_users_language(client, people, service):
    user = people["intrapreneur"]
    set_language(user, "fr")
    client.force_login(user)
    response = client.post(lifecycle_url(service), {"transition": "start_building"})
    assert response.status_code == 400
    with translation.override("fr"):
        expected = str(translation.gettext("Only Managers can do this."))
    assert expected in messages_of(response)
    assert 'lang="fr"' in response.content.decode()


def test_retiring_needs_a_reason_and_keeps_what_was_typed(client, people, service):
    client.force_login(people["Managers"])
    response = client.post(lifecycle_url(service), {"transition": "retire", "reason": "  "})
    assert response.status_code == 400
    assert "Say why the service is retired." in messages_of(response)
    assert response.context["form"]["transition"].value() == "retire"
    service.refresh_from_db()
    assert service.state == LifecycleState.BUILDING
    response = client.post(
        lifecycle_url(service), {"transition": "retire", "reason": "Replaced by the national tool"}
    )
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.state == LifecycleState.RETIRED


@pytest.mark.parametrize(
    "data", [{}, {"transition": "go_live"}, {"transition": "retire", "reason": "x" * 1001}]
)
def test_bad_data_is_a_form_error(client, people, service, data):
    client.force_login(people["Managers"])
    response = client.post(lifecycle_url(service), data)
    assert response.status_code == 400
    assert response.context["form"].errors
    service.refresh_from_db()
    assert service.state == LifecycleState.BUILDING


def test_a_move_that_no_longer_applies_is_refused(client, people, service):
    client.force_login(people["Managers"])
    in_state(service, LifecycleState.RETIRED)
    response = client.post(lifecycle_url(service), {"transition": "open_beta"})
    assert response.status_code == 400
    assert any("cannot go from" in message for message in messages_of(response))


def test_in_beta_going_live_is_a_request_to_write_or_follow(client, people, service):
    in_state(service, LifecycleState.BETA)
    client.force_login(people["coach"])
    page = client.get(lifecycle_url(service))
    assert "go_live" not in offered(page)
    add_url = f"{url('goliverequest', 'add')}?service={service.pk}"
    assert add_url in page.content.decode()
    request = submitted(service, people)
    html = client.get(lifecycle_url(service)).content.decode()
    assert url("goliverequest", "edit", request.pk) in html
    assert "In progress" in html


# --- Recording a review ---


def review_url(service):
    return reverse("services_store_review", args=[service.pk])


def review_data(**changes):
    return {
        **dict.fromkeys(ServiceReview.RATED_POINTS, Rating.GREEN),
        "decision": Decision.KEEP,
        "actions": "",
        "lessons_learnt": "People want it on the phone.",
        **changes,
    }


@pytest.fixture
def live_service(service):
    today = timezone.localdate()
    ServiceVisitDay.objects.create(service=service, date=today, visits=40, unique_visitors=31)
    return in_state(service, LifecycleState.LIVE, next_review=today - datetime.timedelta(1))


def test_managers_see_the_figures_the_past_reviews_and_a_rating_per_point(
    client, people, live_service
):
    ServiceReview.objects.create(
        service=live_service,
        reviewed_on=datetime.date(2026, 1, 5),
        decision=Decision.KEEP,
        actions="Shorter questions",
        **dict.fromkeys(ServiceReview.RATED_POINTS, Rating.AMBER),
    )
    client.force_login(people["Managers"])
    response = client.get(review_url(live_service))
    assert response.status_code == 200
    html = response.content.decode()
    assert response.context["snapshot"]["visits"] == 40
    assert "Shorter questions" in html
    for point in ServiceReview.RATED_POINTS:
        for rating in Rating.values:
            assert f'name="{point}" value="{rating}"' in html


@pytest.mark.parametrize("role", [r for r in ROLES if r != "Managers"])
def test_only_managers_record_reviews(client, people, live_service, role):
    client.force_login(people[role])
    assert client.get(review_url(live_service)).status_code == 403
    assert client.post(review_url(live_service), review_data()).status_code == 403
    assert not ServiceReview.objects.exists()


def test_keeping_the_service_records_the_review_and_sets_the_next_date(
    client, people, live_service
):
    client.force_login(people["Managers"])
    response = client.post(review_url(live_service), review_data(usage=Rating.AMBER))
    assert response.status_code == 302
    review = ServiceReview.objects.get(service=live_service)
    assert review.usage == Rating.AMBER and review.visits == 40
    assert review.reviewed_by == people["Managers"]
    live_service.refresh_from_db()
    assert live_service.next_review == live_service.review_due_after(timezone.localdate())


def test_a_review_missing_a_rating_keeps_what_was_entered(client, people, live_service):
    client.force_login(people["Managers"])
    data = review_data(privacy=Rating.RED, lessons_learnt="Kept after the error")
    del data["bias"]
    response = client.post(review_url(live_service), data)
    assert response.status_code == 400
    form = response.context["form"]
    assert list(form.errors) == ["bias"]
    html = response.content.decode()
    assert re.search(r'<input[^>]*name="privacy" value="red"[^>]*checked', html)
    assert not re.search(r'<input[^>]*name="bias"[^>]*checked', html)
    assert "Kept after the error" in html
    assert not ServiceReview.objects.exists()


def test_adjusting_needs_actions_and_sends_the_service_back_to_beta(client, people, live_service):
    client.force_login(people["Managers"])
    response = client.post(review_url(live_service), review_data(decision=Decision.ADJUST))
    assert response.status_code == 400
    assert response.context["form"].errors["actions"]
    response = client.post(
        review_url(live_service),
        review_data(decision=Decision.ADJUST, actions="Test it with screen readers again"),
    )
    assert response.status_code == 302
    live_service.refresh_from_db()
    assert live_service.state == LifecycleState.BETA


def test_retiring_through_a_review_needs_the_lessons_learnt(client, people, live_service):
    client.force_login(people["Managers"])
    data = review_data(decision=Decision.RETIRE, lessons_learnt="")
    assert client.post(review_url(live_service), data).status_code == 400
    data["lessons_learnt"] = "Nobody needed it once the national tool came."
    assert client.post(review_url(live_service), data).status_code == 302
    live_service.refresh_from_db()
    assert live_service.state == LifecycleState.RETIRED


def test_only_live_services_are_reviewed(client, people, service):
    client.force_login(people["Managers"])
    response = client.get(review_url(service))
    assert response.status_code == 302
    assert response.url == lifecycle_url(service)
    assert "Only live services are reviewed." in messages_of(response)
    assert client.post(review_url(service), review_data()).status_code == 302
    assert not ServiceReview.objects.exists()


# --- The snippet choosers, which any admin user can open ---


def test_choosers_list_only_what_the_user_reaches(client, people, service, other_service):
    from services_store.models import ServiceSuggestion

    idea = ServiceSuggestion.objects.create(title="Bus routes to job fairs", need="N")
    ours = GoLiveRequest.objects.create(service=service)
    theirs = GoLiveRequest.objects.create(service=other_service)

    def chooser(model, *path):
        return reverse(f"wagtailsnippetchoosers_services_store_{model}:{path[0]}", args=path[1:])

    client.force_login(people["Moderators"])
    assert b"Bus routes" not in client.get(chooser("servicesuggestion", "choose")).content
    assert client.get(chooser("servicesuggestion", "chosen", idea.pk)).status_code == 404
    client.force_login(people["intrapreneur"])
    html = client.get(chooser("goliverequest", "choose_results")).content.decode()
    assert chooser("goliverequest", "chosen", ours.pk) in html
    assert chooser("goliverequest", "chosen", theirs.pk) not in html
    assert client.get(chooser("goliverequest", "chosen", theirs.pk)).status_code == 404
    client.force_login(people["Managers"])
    assert b"Bus routes" in client.get(chooser("servicesuggestion", "choose")).content
