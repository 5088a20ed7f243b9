"""Lifecycle transitions: every transition × every role, the go-live workflow in which a
service's own intrapreneur and coach never approve it, and the audit log."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from wagtail.models import ModelLogEntry, TaskState, WorkflowState

from services_store import lifecycle
from services_store.lifecycle import TransitionRefused
from services_store.models import GoLiveRequest, LifecycleState, Service, ServiceApprovalTask
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "Editors", "Publishers", "Moderators", "Managers", "intrapreneur", "coach"]

# transition -> (state before, roles allowed)
MATRIX = {
    "start_building": (LifecycleState.NEED, {"Managers"}),
    "open_beta": (LifecycleState.BUILDING, {"Managers", "intrapreneur", "coach"}),
    "back_to_building": (LifecycleState.BETA, {"Managers", "intrapreneur", "coach"}),
    "back_to_beta": (LifecycleState.LIVE, {"Managers"}),
    "retire": (LifecycleState.LIVE, {"Managers"}),
}


@pytest.fixture
def people(users_by_role):
    team = {
        "intrapreneur": UserFactory(username="test-amelie", groups=["Editors"]),
        "coach": UserFactory(username="test-jonas", groups=["Editors"]),
    }
    return {"anonymous": AnonymousUser(), **users_by_role, **team}


@pytest.fixture
def service(people):
    return Service.objects.create(
        slug="training-finder-test",
        intrapreneur=people["intrapreneur"],
        coach=people["coach"],
        it_lead=UserFactory(username="test-mei", groups=["Editors"]),
    )


def _in_state(service, state):
    Service.objects.filter(pk=service.pk).update(state=state)
    service.refresh_from_db()
    return service


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("transition", sorted(MATRIX))
def test_who_may_make_each_transition(service, people, transition, role):
    before, allowed = MATRIX[transition]
    _in_state(service, before)
    move = getattr(lifecycle, transition)
    if role in allowed:
        moved = move(service, people[role], reason="Tested")
        assert moved.state != before
        entry = ModelLogEntry.objects.get(action=lifecycle.LOG_ACTION, object_id=str(service.pk))
        assert entry.data == {"from": before.value, "to": moved.state, "reason": "Tested"}
        assert entry.user_id == people[role].pk
    else:
        with pytest.raises(TransitionRefused):
            move(service, people[role], reason="Tested")
        service.refresh_from_db()
        assert service.state == before
        assert not ModelLogEntry.objects.filter(action=lifecycle.LOG_ACTION).exists()


def test_transitions_follow_the_arrows_only(service, people):
    manager = people["Managers"]
    _in_state(service, LifecycleState.NEED)
    with pytest.raises(TransitionRefused, match="cannot go from"):
        lifecycle.back_to_beta(service, manager)
    _in_state(service, LifecycleState.RETIRED)
    with pytest.raises(TransitionRefused):
        lifecycle.open_beta(service, manager)


def test_retiring_needs_a_reason(service, people):
    _in_state(service, LifecycleState.LIVE)
    with pytest.raises(TransitionRefused, match="why"):
        lifecycle.retire(service, people["Managers"], reason="  ")


# --- Going live through the workflow ---


def complete_request(service, **changes):
    fields = {
        "accessibility_passed": True,
        "privacy_notice": "https://portal.example.org/privacy/training-finder/",
        "data_protection_signoff": "DPO Office",
        "bias_check_done": True,
        "translation_waiver": "French and Arabic first; others within a month.",
        "pilot_users": 240,
        "pilot_satisfaction": 82,
        "pilot_report": "Used by two local offices for eight weeks.",
        **changes,
    }
    request = GoLiveRequest.objects.create(service=service, **fields)
    request.save_revision()
    return request


def submit(request, user):
    workflow = request.get_workflow()
    assert workflow is not None and workflow.name == "Service go-live approval"
    workflow.start(request, user)
    return TaskState.objects.get(
        workflow_state__object_id=str(request.pk), status=TaskState.STATUS_IN_PROGRESS
    )


def approve(task_state, user):
    task = ServiceApprovalTask.objects.get(pk=task_state.task_id)
    task.on_action(task_state, user, "approve")


@pytest.mark.parametrize("role", ROLES)
def test_only_managers_outside_the_team_approve_going_live(service, people, role):
    _in_state(service, LifecycleState.BETA)
    request = complete_request(service)
    task_state = submit(request, people["intrapreneur"])
    if role == "Managers":
        approve(task_state, people[role])
        service.refresh_from_db()
        assert service.state == LifecycleState.LIVE
        assert service.next_review is not None
        workflow_state = WorkflowState.objects.get(pk=task_state.workflow_state_id)
        assert workflow_state.status == WorkflowState.STATUS_APPROVED
        return
    user = people[role]
    if role == "anonymous":
        user = UserFactory(username="nobody")  # a workflow action needs an account
    with pytest.raises(PermissionDenied):
        approve(task_state, user)
    service.refresh_from_db()
    assert service.state == LifecycleState.BETA


@pytest.mark.parametrize("member", ["intrapreneur", "coach"])
def test_the_team_never_approves_its_own_service_even_as_managers(service, people, member):
    user = people[member]
    user.groups.add(*people["Managers"].groups.all())
    user.is_superuser = True
    user.save()
    _in_state(service, LifecycleState.BETA)
    task_state = submit(complete_request(service), people["intrapreneur"])
    task = ServiceApprovalTask.objects.get(pk=task_state.task_id)
    request = GoLiveRequest.objects.get(service=service)
    assert task.get_actions(request, user) == []
    assert not task.get_task_states_user_can_moderate(user).exists()
    with pytest.raises(PermissionDenied):
        approve(task_state, user)
    with pytest.raises(TransitionRefused):
        lifecycle.go_live(service, user, request)


def test_an_incomplete_checklist_cannot_be_approved(service, people):
    _in_state(service, LifecycleState.BETA)
    request = complete_request(service, privacy_notice="", pilot_report="")
    assert [str(point) for point in request.missing()] == [
        "Privacy notice present",
        "Pilot report with usage and satisfaction",
    ]
    task_state = submit(request, people["intrapreneur"])
    task = ServiceApprovalTask.objects.get(pk=task_state.task_id)
    actions = [name for name, _label, _modal in task.get_actions(request, people["Managers"])]
    assert actions == ["reject"]
    with pytest.raises(PermissionDenied):
        approve(task_state, people["Managers"])


def test_going_live_without_an_approved_request_is_refused(service, people):
    _in_state(service, LifecycleState.BETA)
    request = complete_request(service)
    with pytest.raises(TransitionRefused, match="not been approved"):
        lifecycle.go_live(service, people["Managers"], request)


def test_untranslated_summaries_need_a_waiver_and_ranking_needs_a_bias_check():
    from services_store.models.approval import untranslated_languages

    example = Service.objects.get(slug="example-tool")  # installed by the test settings
    assert untranslated_languages(example.manifest) == ["fr", "sv", "et", "ar", "uk"]
    request = complete_request(example, translation_waiver="", bias_check_done=False)
    assert [str(point) for point in request.missing()] == [
        "Summary translated into every language (or a waiver)"
    ]
    request.translation_waiver = "Piloted in English only."
    assert request.complete  # it ranks nobody, so no bias check is needed
