"""The store in the admin: its snippets grouped under "Service store" (services,
go-live requests, suggestions, reviews), the audit log's wording for lifecycle events,
the store's own pages and the Managers' homepage panel (views in
services_store/admin_views.py)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.log_actions import LogFormatter
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from services_store import admin_views
from services_store.admin_views import (
    ApprovalColumn,
    ChecklistColumn,
    GoLiveRequestPolicy,
    ReachCheckedMixin,
    ReviewFlagsColumn,
    ReviewPolicy,
    ServicePolicy,
    SuggestionPolicy,
)
from services_store.forms import GoLiveRequestForm
from services_store.lifecycle import LOG_ACTION, is_manager
from services_store.models import (
    GoLiveRequest,
    LifecycleState,
    Service,
    ServiceReview,
    ServiceSuggestion,
    SuggestionStatus,
)
from services_store.reviews import HIDDEN_LOG_ACTION, REVIEW_LOG_ACTION

# Registered before the viewsets below, which would otherwise make default policies.
register_permission_policy(Service, ServicePolicy(Service))
register_permission_policy(GoLiveRequest, GoLiveRequestPolicy(GoLiveRequest))
register_permission_policy(ServiceSuggestion, SuggestionPolicy(ServiceSuggestion))
register_permission_policy(ServiceReview, ReviewPolicy(ServiceReview))


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

    @actions.register_action(admin_views.TRIAGE_LOG_ACTION)
    class Triage(LogFormatter):
        label = _("Triage a suggestion")

        def format_message(self, log_entry):
            data = log_entry.data
            message = _("Suggestion: %(from)s → %(to)s") % {
                "from": _label(data.get("from"), SuggestionStatus),
                "to": _label(data.get("to"), SuggestionStatus),
            }
            if data.get("reason"):
                message = f"{message} ({data['reason']})"
            return message

    actions.register_action(REVIEW_LOG_ACTION, _("Record a review"), _("Review recorded"))
    actions.register_action(
        HIDDEN_LOG_ACTION, _("Hide for an overdue review"), _("Hidden: review overdue")
    )


def _label(value, choices=LifecycleState):
    try:
        return choices(value).label
    except ValueError:
        return value or "?"


# --- Snippets: the "Service store" menu ---


class ServiceViewSet(ReachCheckedMixin, SnippetViewSet):
    """Managers see every service; a team sees its own. The record's panels are edited
    here; the state changes only on the service's Lifecycle page."""

    model = Service
    icon = "cogs"
    menu_label = _("Services")
    index_view_class = admin_views.ServiceIndexView
    edit_view_class = admin_views.ServiceEditView
    inspect_view_class = admin_views.ServiceInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_select_related = ("intrapreneur", "coach", "it_lead")
    list_display = [
        "__str__",
        Column("state", label=_("State"), accessor="get_state_display", sort_key="state"),
        Column("next_review", label=_("Next review"), sort_key="next_review"),
        ReviewFlagsColumn("review_flags", label=_("Review")),
        Column("owners", label=_("Team"), accessor=admin_views.owner_names),
    ]
    list_filter = ["state"]
    inspect_view_fields = [
        "slug",
        "state",
        "state_changed_at",
        "intrapreneur",
        "coach",
        "it_lead",
        "pilot_group",
        "review_interval_months",
        "next_review",
        "hidden_for_review",
    ]

    def get_queryset(self, request):
        return admin_views.with_review_flags(super().get_queryset(request))


class GoLiveRequestViewSet(ReachCheckedMixin, SnippetViewSet):
    """A team writes its request and submits it to the "Service go-live approval"
    workflow; Managers outside the team approve it there."""

    model = GoLiveRequest
    chooser_viewset_class = admin_views.ReachCheckedChooserViewSet
    icon = "success"
    menu_label = _("Go-live requests")
    add_view_class = admin_views.GoLiveRequestCreateView
    edit_view_class = admin_views.GoLiveRequestEditView
    inspect_view_enabled = True
    copy_view_enabled = False
    edit_handler = ObjectList(GoLiveRequest.panels, base_form_class=GoLiveRequestForm)
    list_select_related = ("service", "latest_revision")
    list_display = [
        "__str__",
        ChecklistColumn("checklist", label=_("Checklist")),
        ApprovalColumn("approval_status", label=_("Approval")),
        DateColumn("created_at", label=_("Created"), sort_key="created_at"),
    ]

    def get_queryset(self, request):
        queryset = admin_views.with_approval_status(super().get_queryset(request))
        return queryset.order_by("-created_at", "-pk")


class SuggestionViewSet(ReachCheckedMixin, SnippetViewSet):
    """The backlog. Its status changes only through triage; the text can be edited (to
    remove personal details someone wrote in it, for instance)."""

    model = ServiceSuggestion
    chooser_viewset_class = admin_views.ReachCheckedChooserViewSet
    icon = "comment"
    menu_label = _("Suggestions")
    index_view_class = admin_views.SuggestionIndexView
    edit_view_class = admin_views.SuggestionEditView
    copy_view_enabled = False
    list_display = [
        "title",
        Column("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
        BooleanColumn("from_staff", label=_("From staff")),
        Column("language", label=_("Language"), accessor="get_language_display"),
        DateColumn("created_at", label=_("Suggested"), sort_key="created_at"),
    ]
    list_filter = ["status", "from_staff"]
    panels = [
        FieldPanel("title"),
        FieldPanel("need"),
        FieldPanel("from_staff"),
        FieldPanel("email"),
        FieldPanel("language", read_only=True),
        FieldPanel("status", read_only=True),
        FieldPanel("reason", read_only=True),
        FieldPanel("service", read_only=True),
    ]


class ReviewViewSet(ReachCheckedMixin, SnippetViewSet):
    """Read only: reviews are recorded from a live service's "Record a review" page."""

    model = ServiceReview
    chooser_viewset_class = admin_views.ReachCheckedChooserViewSet
    icon = "tasks"
    menu_label = _("Reviews")
    inspect_view_enabled = True
    copy_view_enabled = False
    list_select_related = ("service", "reviewed_by")
    list_display = [
        Column("service", label=_("Service")),
        Column("reviewed_on", label=_("Reviewed on"), sort_key="reviewed_on"),
        Column("decision", label=_("Decision"), accessor="get_decision_display"),
        Column("reviewed_by", label=_("By")),
    ]
    list_filter = ["decision"]


class ServiceStoreGroup(SnippetViewSetGroup):
    items = (ServiceViewSet, GoLiveRequestViewSet, SuggestionViewSet, ReviewViewSet)
    menu_label = _("Service store")
    menu_name = "service_store"
    menu_icon = "clipboard-list"
    submenu_hook = "register_service_store_menu_item"


register_snippet(ServiceStoreGroup)


class ManagersMenuItem(MenuItem):
    def is_shown(self, request):
        return is_manager(request.user)


@hooks.register("register_service_store_menu_item")
def register_dashboard_menu_item():
    return ManagersMenuItem(
        _("Dashboard"), reverse("services_store_dashboard"), icon_name="view", order=0
    )


@hooks.register("register_admin_urls")
def register_store_urls():
    return [
        path(
            "service-store/", admin_views.DashboardView.as_view(), name="services_store_dashboard"
        ),
        path(
            "service-store/services/<int:pk>/lifecycle/",
            admin_views.LifecycleView.as_view(),
            name="services_store_lifecycle",
        ),
        path(
            "service-store/services/<int:pk>/review/",
            admin_views.RecordReviewView.as_view(),
            name="services_store_review",
        ),
        path(
            "service-store/suggestions/<int:pk>/triage/",
            admin_views.TriageView.as_view(),
            name="services_store_triage",
        ),
    ]


@hooks.register("construct_homepage_panels")
def add_store_summary_panel(request, panels):
    if is_manager(request.user):
        panels.append(admin_views.StoreSummaryPanel())


@hooks.register("construct_snippet_action_menu")
def no_publishing_of_go_live_requests(menu_items, request, context):
    """A go-live request is published by its approval only (see WorkflowOnlyMixin)."""
    if context.get("model") is GoLiveRequest:
        menu_items[:] = [
            item for item in menu_items if item.name not in ("action-publish", "action-unpublish")
        ]
