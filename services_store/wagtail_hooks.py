"""The store in the admin: the audit log's wording for lifecycle events, and the
recurring jobs' companions (menus and dashboards live in services_store/admin_views.py)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogFormatter

from services_store.lifecycle import LOG_ACTION
from services_store.models import LifecycleState
from services_store.reviews import HIDDEN_LOG_ACTION, REVIEW_LOG_ACTION


@hooks.register("register_log_actions")
def register_store_log_actions(actions):
    @actions.register_action(LOG_ACTION)
    class StateChange(LogFormatter):
        label = _("Change lifecycle state")

        def format_message(self, log_entry):
            data = log_entry.data
            message = _("Lifecycle: %(from)s → %(to)s") % {
                "from": _label(data.get("from")),
                "to": _label(data.get("to")),
            }
            if data.get("reason"):
                message = f"{message} ({data['reason']})"
            return message

    actions.register_action(REVIEW_LOG_ACTION, _("Record a review"), _("Review recorded"))
    actions.register_action(
        HIDDEN_LOG_ACTION, _("Hide for an overdue review"), _("Hidden: review overdue")
    )


def _label(state):
    try:
        return LifecycleState(state).label
    except ValueError:
        return state or "?"
