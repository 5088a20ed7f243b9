"""A service's lifecycle transitions: who may make each one, and what it needs.

- need → building: Managers.
- building → beta, and beta → building for rework: the service's intrapreneur, coach
  or IT lead, and Managers.
- beta → live: only through an approved go-live request (models/approval.py), by a
  Manager who is not the service's intrapreneur or coach, with every checklist point done.
- live → beta (adjust) and any → retired: Managers.

Every transition is written to Wagtail's audit log (who, when, from, to, why). Superusers
count as Managers, except that they never approve their own service.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import WorkflowState

from portal.roles import MANAGERS
from services_store.models import LifecycleState, Service

LOG_ACTION = "services_store.state_change"


class TransitionRefused(Exception):
    """A transition this user may not make now; `message` says why, for the admin."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def is_manager(user):
    if not (user and user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or user.groups.filter(name=MANAGERS).exists()


def _require(condition, message):
    if not condition:
        raise TransitionRefused(message)


def _move(service, to_state, by, reason):
    """The one place a state changes: checks the arrow, saves, logs."""
    service = Service.objects.select_for_update().get(pk=service.pk)
    from_state = service.lifecycle
    _require(
        from_state.can_become(to_state),
        _("A service cannot go from “%(from)s” to “%(to)s”.")
        % {"from": from_state.label, "to": LifecycleState(to_state).label},
    )
    service.state = to_state
    service.state_changed_at = timezone.now()
    if to_state == LifecycleState.LIVE:
        service.next_review = service.review_due_after(timezone.localdate())
    # Only a live service is hidden for an overdue review; back in beta it is listed as
    # beta, and going live again starts a new review cycle.
    service.hidden_for_review = False
    service.save()
    log(
        instance=service,
        action=LOG_ACTION,
        user=by,
        data={"from": from_state.value, "to": str(to_state), "reason": reason},
    )
    return service


def _managers_only(user):
    _require(is_manager(user), _("Only Managers can do this."))


def _team_or_managers(service, user):
    _require(
        is_manager(user) or service.is_owner(user),
        _("Only the service's team or Managers can do this."),
    )


@transaction.atomic
def start_building(service, by, reason=""):
    _managers_only(by)
    return _move(service, LifecycleState.BUILDING, by, reason)


@transaction.atomic
def open_beta(service, by, reason=""):
    _team_or_managers(service, by)
    return _move(service, LifecycleState.BETA, by, reason)


@transaction.atomic
def back_to_building(service, by, reason=""):
    _team_or_managers(service, by)
    return _move(service, LifecycleState.BUILDING, by, reason)


@transaction.atomic
def back_to_beta(service, by, reason=""):
    """After a review decided to adjust the service."""
    _managers_only(by)
    return _move(service, LifecycleState.BETA, by, reason)


@transaction.atomic
def retire(service, by, reason=""):
    _managers_only(by)
    _require(reason.strip(), _("Say why the service is retired."))
    return _move(service, LifecycleState.RETIRED, by, reason)


@transaction.atomic
def go_live(service, by, request):
    """Beta → live, once `request` (a GoLiveRequest of this service) has been approved
    through its workflow by a Manager who is neither the intrapreneur nor the coach."""
    _require(request is not None and request.service_id == service.pk, _("No go-live request."))
    _managers_only(by)
    _require(
        by.pk not in {service.intrapreneur_id, service.coach_id},
        _("The service's intrapreneur and coach cannot approve it."),
    )
    missing = request.missing()
    _require(
        not missing,
        _("The checklist is not complete: %(points)s.")
        % {"points": ", ".join(str(point) for point in missing)},
    )
    approved = WorkflowState.objects.for_instance(request).filter(
        status=WorkflowState.STATUS_APPROVED
    )
    _require(approved.exists(), _("The go-live request has not been approved."))
    return _move(service, LifecycleState.LIVE, by, _("Go-live request approved"))
