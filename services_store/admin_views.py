"""The store in the Wagtail admin, for Managers and service teams.

- Permission policies for the store's snippets: the usual Django model permissions, and
  on top of them, anyone but a Manager reaches only the records of services they own.
- The snippet views' extras: buttons to a service's lifecycle and review, the checklist
  and approval columns of go-live requests, no publishing of a request by hand.
- A service's lifecycle page, recording a review, triaging a suggestion (the rule, and
  the answer e-mailed to the person), and the Managers' dashboard and homepage panel.

Who may do what is decided by services_store/lifecycle.py (`is_manager`, the transition
functions) and `Service.is_owner`; these views ask them and show the answer.
"""

import datetime
import functools
import logging

from django.conf import settings
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import CharField, Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Cast
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, reverse
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button
from wagtail.log_actions import log
from wagtail.log_actions import registry as log_registry
from wagtail.models import WorkflowState
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
)
from wagtail.snippets.views.snippets import CreateView, EditView, IndexView, InspectView

from services_store import lifecycle, reviews, usage
from services_store.forms import (
    CLOSING,
    LifecycleForm,
    ReviewForm,
    TriageForm,
    offered_transitions,
)
from services_store.lifecycle import TransitionRefused
from services_store.models import (
    GoLiveRequest,
    LifecycleState,
    Service,
    ServiceSuggestion,
    SuggestionStatus,
)

logger = logging.getLogger(__name__)

TRIAGE_LOG_ACTION = "services_store.triage"
ANSWER_TASK = "services_store.admin_views.send_suggestion_answer"
RECENTLY_RETIRED_DAYS = 90
DUE_WITHIN_DAYS = 30
BACKLOG_SHOWN = 10


# --- Who reaches what: the snippets' permission policies ---


class StorePermissionPolicy(ModelPermissionPolicy):
    """Django model permissions, as for any snippet, and two rules of the store on top:
    `never` lists actions nobody takes through the snippet views, and anyone but a
    Manager reaches only the records of services they own (`service_path` leads from a
    record to its service: "" for a service itself, None for Managers only)."""

    service_path = "service"
    never = frozenset()

    def user_has_permission(self, user, action):
        return action not in self.never and super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and self.reaches(user, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, a, instance) for a in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return self.reachable(user)

    def reachable(self, user, queryset=None):
        """`queryset` (default: all) cut down to what `user` reaches."""
        if queryset is None:
            queryset = self.model._default_manager.all()
        if lifecycle.is_manager(user):
            return queryset
        if self.service_path is None or not (user and user.pk):
            return queryset.none()
        owned = Service.objects.owned_by(user).values("pk")
        return queryset.filter(**{f"{self.service_path or 'pk'}__in": owned})

    def reaches(self, user, instance):
        if lifecycle.is_manager(user):
            return True
        if self.service_path is None:
            return False
        service = getattr(instance, self.service_path) if self.service_path else instance
        return service.is_owner(user)


class ServicePolicy(StorePermissionPolicy):
    # Services come from installed apps and accepted suggestions, and keep their record
    # (and history) once retired.
    service_path = ""
    never = frozenset({"add", "delete"})


class GoLiveRequestPolicy(StorePermissionPolicy):
    def user_has_permission(self, user, action):
        if action == "publish":
            # A request is published only by the approval that ends its workflow, which
            # ServiceApprovalTask grants to Managers outside the team. Wagtail checks this
            # permission for the approver; publishing by hand is removed from the views.
            return lifecycle.is_manager(user)
        return super().user_has_permission(user, action)


class SuggestionPolicy(StorePermissionPolicy):
    # Suggestions come from the public form; Managers triage them.
    service_path = None
    never = frozenset({"add"})


class ReviewPolicy(StorePermissionPolicy):
    # Reviews are recorded through services_store.reviews.record_review, never edited.
    never = frozenset({"add", "change", "delete"})


def policy(model):
    return policy_registry.get_by_type(model)


class ReachCheckedMixin:
    """For a SnippetViewSet: its listing shows only what the user reaches, and every
    address naming a record (edit, history, workflow, revisions…) refuses the others."""

    list_select_related = ()

    def get_queryset(self, request):
        queryset = policy(self.model).reachable(request.user)
        return queryset.select_related(*self.list_select_related)

    def get_urlpatterns(self):
        return [self._reach_checked(pattern) for pattern in super().get_urlpatterns()]

    def _reach_checked(self, pattern):
        view = pattern.callback

        @functools.wraps(view)
        def checked(request, *args, **kwargs):
            if "pk" in kwargs:
                self._check_reach(request.user, unquote(str(kwargs["pk"])))
            return view(request, *args, **kwargs)

        return URLPattern(pattern.pattern, checked, pattern.default_args, pattern.name)

    def _check_reach(self, user, pk):
        if not pk.isdecimal():
            raise Http404
        records = self.model._default_manager.filter(pk=pk)
        if records.exists() and not policy(self.model).reachable(user, records).exists():
            raise PermissionDenied


class ReachChooseMixin:
    def get_object_list(self):
        return policy(self.model_class).reachable(self.request.user, super().get_object_list())


class ReachChooseView(ReachChooseMixin, ChooseView):
    pass


class ReachChooseResultsView(ReachChooseMixin, ChooseResultsView):
    pass


class ReachChosenView(SnippetChosenView):
    def get_object(self, pk):
        return policy(self.model_class).reachable(self.request.user).get(pk=pk)


class ReachChosenMultipleView(SnippetChosenMultipleView):
    def get_objects(self, pks):
        return policy(self.model_class).reachable(self.request.user, super().get_objects(pks))


class ReachCheckedChooserViewSet(SnippetChooserViewSet):
    """The snippet chooser (a modal any admin user can open) lists only what the user
    reaches, like the listing."""

    choose_view_class = ReachChooseView
    choose_results_view_class = ReachChooseResultsView
    chosen_view_class = ReachChosenView
    chosen_multiple_view_class = ReachChosenMultipleView


# --- Services: listing columns and buttons ---


def with_review_flags(queryset, today=None):
    """Annotate `overdue`, with the same definition as the dashboard's list."""
    today = today or timezone.localdate()
    overdue = Service.objects.overdue(today).filter(pk=OuterRef("pk"))
    return queryset.annotate(overdue=Exists(overdue))


def owner_names(service):
    return ", ".join(user.get_full_name() or user.get_username() for user in service.owners())


class ReviewFlagsColumn(Column):
    cell_template_name = "services_store/admin/flags_cell.html"

    def get_value(self, instance):
        flags = []
        if getattr(instance, "overdue", False):
            flags.append(_("Overdue"))
        if instance.hidden_for_review:
            flags.append(_("Hidden"))
        return flags


def service_links(service, manager):
    """[(label, url, icon)] of the store's own pages for a service, for a Manager or not."""
    links = [(_("Lifecycle"), reverse("services_store_lifecycle", args=[service.pk]), "history")]
    if service.state == LifecycleState.LIVE and manager:
        links.append(
            (_("Record a review"), reverse("services_store_review", args=[service.pk]), "tasks")
        )
    return links


class ManagerMixin:
    @cached_property
    def user_is_manager(self):
        return lifecycle.is_manager(self.request.user)


class ServiceIndexView(ManagerMixin, IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        links = service_links(instance, self.user_is_manager)
        for priority, (label, url, icon) in enumerate(links, start=5):
            buttons.append(MenuItem(label, url, icon_name=icon, priority=priority))
        return buttons


class ServiceHeaderButtonsMixin(ManagerMixin):
    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        links = service_links(self.object, self.user_is_manager)
        for priority, (label, url, icon) in enumerate(links, start=5):
            buttons.append(Button(label, url=url, icon_name=icon, priority=priority))
        return buttons


class ServiceEditView(ServiceHeaderButtonsMixin, EditView):
    pass


class ServiceInspectView(ServiceHeaderButtonsMixin, InspectView):
    pass


# --- Go-live requests: checklist and approval columns, no publishing by hand ---


def with_approval_status(queryset):
    """Annotate `approval_status`: the status of the request's latest workflow."""
    states = WorkflowState.objects.filter(
        base_content_type=ContentType.objects.get_for_model(GoLiveRequest),
        object_id=Cast(OuterRef("pk"), output_field=CharField()),
    ).order_by("-created_at", "-pk")
    return queryset.annotate(approval_status=Subquery(states.values("status")[:1]))


class ChecklistColumn(Column):
    cell_template_name = "services_store/admin/checklist_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        checklist = instance.checklist()
        context["missing"] = [point for point, done in checklist if not done]
        context["done"] = len(checklist) - len(context["missing"])
        context["total"] = len(checklist)
        return context


class ApprovalColumn(Column):
    def get_value(self, instance):
        status = getattr(instance, "approval_status", None)
        if status is None:
            return _("Not submitted")
        return dict(WorkflowState.STATUS_CHOICES).get(status, status)


class WorkflowOnlyMixin:
    """Going live is the approval at the end of the workflow: a request is never
    published by hand, even by someone with the "publish" permission."""

    def get_available_actions(self):
        return [action for action in super().get_available_actions() if action != "publish"]


class GoLiveRequestCreateView(WorkflowOnlyMixin, CreateView):
    def get_initial(self):
        # The lifecycle page links here with ?service=<id>; the form's own list still
        # decides whether the user may choose it.
        initial = super().get_initial()
        service = self.request.GET.get("service", "")
        if service.isdecimal() and len(service) <= 18:
            initial["service"] = int(service)
        return initial


class GoLiveRequestEditView(WorkflowOnlyMixin, EditView):
    pass


# --- Suggestions: a triage button ---


class SuggestionIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.status not in CLOSING:
            url = reverse("services_store_triage", args=[instance.pk])
            buttons.append(MenuItem(_("Triage"), url, icon_name="tasks", priority=5))
        return buttons


class SuggestionEditView(EditView):
    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.object.status not in CLOSING:
            url = reverse("services_store_triage", args=[self.object.pk])
            buttons.append(Button(_("Triage"), url=url, icon_name="tasks", priority=5))
        return buttons


# --- The store's own admin pages ---


class StoreAdminView(WagtailAdminTemplateMixin, TemplateView):
    """Managers only, unless `check_access` says otherwise. A refused request gets a 403
    page saying so (Wagtail's default is a redirect to the dashboard), so it is never
    mistaken for a success."""

    def dispatch(self, request, *args, **kwargs):
        try:
            self.check_access(request.user)
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied:
            reason = _(
                "Sorry, this page of the service store is for Managers, and for a service's "
                "own team where it concerns their service."
            )
            return TemplateResponse(
                request, "portal/admin/refused.html", {"reason": reason}, status=403
            )

    def check_access(self, user):
        if not lifecycle.is_manager(user):
            raise PermissionDenied

    def render(self, status=200, **context):
        return self.render_to_response(self.get_context_data(**context), status=status)


class ServicePageMixin:
    """A page about one service, under the Services listing in the breadcrumbs."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        people = ("intrapreneur", "coach", "it_lead")
        self.service = get_object_or_404(Service.objects.select_related(*people), pk=kwargs["pk"])

    def get_page_subtitle(self):
        return str(self.service)

    def get_breadcrumbs_items(self):
        listing = reverse(Service.snippet_viewset.get_url_name("list"))
        return [
            *self.breadcrumbs_items,
            {"url": listing, "label": capfirst(Service._meta.verbose_name_plural)},
            {"url": "", "label": self.get_page_title(), "sublabel": str(self.service)},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(service=self.service, **kwargs)


# --- A service's lifecycle ---


def go_live_request_links(service, user):
    """Going live happens through a go-live request and its workflow: the latest request
    for the service (to edit, or at least read), and where to write a new one."""
    requests_policy = policy(GoLiveRequest)
    viewset = GoLiveRequest.snippet_viewset
    latest = GoLiveRequest.objects.filter(service=service).order_by("-created_at", "-pk").first()
    links = {"latest": latest, "latest_url": None, "latest_status": None, "add_url": None}
    if latest is not None:
        state = latest.workflow_states.order_by("-created_at", "-pk").first()
        links["latest_status"] = state.get_status_display() if state else _("Not submitted")
        for action, view_name in (("change", "edit"), ("view", "inspect")):
            if requests_policy.user_has_permission_for_instance(user, action, latest):
                links["latest_url"] = reverse(viewset.get_url_name(view_name), args=[latest.pk])
                break
    may_write = lifecycle.is_manager(user) or service.is_owner(user)
    if may_write and requests_policy.user_has_permission(user, "add"):
        links["add_url"] = f"{reverse(viewset.get_url_name('add'))}?service={service.pk}"
    return links


class LifecycleView(ServicePageMixin, StoreAdminView):
    """Where the service stands, the moves this user may make, and its history."""

    template_name = "services_store/admin/lifecycle.html"
    page_title = gettext_lazy("Lifecycle")
    header_icon = "history"
    history_shown = 100

    def check_access(self, user):
        if not (lifecycle.is_manager(user) or self.service.is_owner(user)):
            raise PermissionDenied

    @cached_property
    def offered(self):
        return offered_transitions(self.service, self.request.user)

    def get(self, request, *args, **kwargs):
        return self.render(form=LifecycleForm(offered=self.offered))

    def post(self, request, *args, **kwargs):
        form = LifecycleForm(request.POST, offered=self.offered)
        if not form.is_valid():
            return self.render(form=form, status=400)
        try:
            service = form.chosen.apply(self.service, request.user, form.cleaned_data["reason"])
        except TransitionRefused as refused:
            messages.error(request, refused.message)
            return self.render(form=form, status=400)
        messages.success(
            request,
            _("“%(service)s” is now “%(state)s”.")
            % {"service": service, "state": service.get_state_display()},
        )
        return redirect("services_store_lifecycle", service.pk)

    def get_context_data(self, **kwargs):
        user = self.request.user
        history = log_registry.get_logs_for_instance(self.service).select_related("user")
        context = super().get_context_data(**kwargs)
        context.update(
            offered=self.offered,
            in_beta=self.service.state == LifecycleState.BETA,
            go_live=go_live_request_links(self.service, user),
            links=service_links(self.service, lifecycle.is_manager(user))[1:],
            history=history[: self.history_shown],
        )
        return context


# --- Recording a review ---


class RecordReviewView(ServicePageMixin, StoreAdminView):
    """Managers rate each point, read the figures and past reviews, and decide."""

    template_name = "services_store/admin/review.html"
    page_title = gettext_lazy("Record a review")
    header_icon = "tasks"

    def dispatch(self, request, *args, **kwargs):
        if lifecycle.is_manager(request.user) and self.service.state != LifecycleState.LIVE:
            messages.error(request, _("Only live services are reviewed."))
            return redirect("services_store_lifecycle", self.service.pk)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        return self.render(form=ReviewForm())

    def post(self, request, *args, **kwargs):
        form = ReviewForm(request.POST)
        if not form.is_valid():
            return self.render(form=form, status=400)
        data = form.cleaned_data
        try:
            reviews.record_review(
                self.service,
                request.user,
                form.ratings(),
                data["decision"],
                actions=data["actions"],
                lessons_learnt=data["lessons_learnt"],
            )
        except TransitionRefused as refused:
            messages.error(request, refused.message)
            return self.render(form=form, status=400)
        messages.success(
            request, _("Review of “%(service)s” recorded.") % {"service": self.service}
        )
        return redirect("services_store_lifecycle", self.service.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["snapshot"] = usage.snapshot(self.service, timezone.localdate())
        context["snapshot_days"] = usage.SNAPSHOT_DAYS
        context["past_reviews"] = self.service.reviews.select_related("reviewed_by")[:20]
        return context


# --- Triaging suggestions ---


@transaction.atomic
def triage_suggestion(suggestion, by, status, reason="", service=None, new_service_slug=""):
    """Move a suggestion one step (ServiceSuggestion.can_become). Accepting or declining
    needs a reason; an accepted one may become a service (an existing one, or a new one
    in state "need"). The person's e-mail address, if any, gets the answer once the
    change is committed, and is then erased. Raises TransitionRefused."""
    if not lifecycle.is_manager(by):
        raise TransitionRefused(_("Only Managers triage suggestions."))
    suggestion = ServiceSuggestion.objects.select_for_update().get(pk=suggestion.pk)
    before, status = SuggestionStatus(suggestion.status), SuggestionStatus(status)
    if not suggestion.can_become(status):
        raise TransitionRefused(
            _("A suggestion cannot go from “%(from)s” to “%(to)s”.")
            % {"from": before.label, "to": status.label}
        )
    if status in CLOSING and not reason.strip():
        raise TransitionRefused(_("Give the reason: it is sent back to the person."))
    if status == SuggestionStatus.ACCEPTED:
        suggestion.service = service or _new_service(new_service_slug, by) or suggestion.service
    if status in CLOSING:
        suggestion.decided_at = timezone.now()
    suggestion.status = status
    suggestion.reason = reason.strip() or suggestion.reason
    suggestion.save()
    log(
        instance=suggestion,
        action=TRIAGE_LOG_ACTION,
        user=by,
        data={"from": before.value, "to": status.value, "reason": reason.strip()},
    )
    if status in CLOSING and suggestion.email:
        from django_q.tasks import async_task

        transaction.on_commit(functools.partial(async_task, ANSWER_TASK, suggestion.pk))
    return suggestion


def _new_service(slug, by):
    if not slug:
        return None
    try:
        with transaction.atomic():
            service = Service.objects.create(slug=slug, state=LifecycleState.NEED)
    except IntegrityError:
        raise TransitionRefused(_("A service already has this address.")) from None
    log(instance=service, action="wagtail.create", user=by)
    return service


def send_suggestion_answer(suggestion_id):
    """Send the outcome of a closed suggestion to the address given with it (a task).

    Erasing the address is the claim: only the run that erased it sends, so the answer
    goes out at most once, however often the task is delivered, and the address is kept
    no longer than it takes to answer. Returns True when this run sent it."""
    suggestion = (
        ServiceSuggestion.objects.filter(pk=suggestion_id, status__in=CLOSING)
        .exclude(email="")
        .first()
    )
    if suggestion is None:
        return False
    address = suggestion.email
    if not ServiceSuggestion.objects.filter(pk=suggestion.pk, email=address).update(email=""):
        return False
    try:
        answer_message(suggestion, address).send()
    except Exception:
        # At most once: the address is gone; the outcome stays in the admin.
        logger.exception("Answer to service suggestion %s not sent", suggestion.pk)
        return False
    return True


def answer_message(suggestion, address):
    """The answer, in the language the suggestion was made in."""
    values = {"title": suggestion.title, "reason": suggestion.reason}
    with translation.override(suggestion.language):
        subject = _("Your suggestion: %(title)s") % values
        if suggestion.status == SuggestionStatus.ACCEPTED:
            outcome = _("Thank you for suggesting “%(title)s”. We are going to build it.")
        else:
            outcome = _("Thank you for suggesting “%(title)s”. We are not going to build it.")
        body = "\n\n".join(
            [
                outcome % values,
                _("Why: %(reason)s") % values,
                _("Your e-mail address has now been erased: this is the only answer we send."),
            ]
        )
    return EmailMessage(
        subject,
        body,
        settings.DEFAULT_FROM_EMAIL,
        [address],
        headers={"Content-Language": suggestion.language},
    )


class TriageView(StoreAdminView):
    """One suggestion: what it asks, and the next step Managers choose for it."""

    template_name = "services_store/admin/triage.html"
    page_title = gettext_lazy("Triage a suggestion")
    header_icon = "tasks"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.suggestion = get_object_or_404(
            ServiceSuggestion.objects.select_related("service"), pk=kwargs["pk"]
        )

    def get_page_subtitle(self):
        return self.suggestion.title

    def get_breadcrumbs_items(self):
        listing = reverse(ServiceSuggestion.snippet_viewset.get_url_name("list"))
        return [
            *self.breadcrumbs_items,
            {"url": listing, "label": _("Suggestions")},
            {"url": "", "label": self.get_page_title(), "sublabel": self.suggestion.title},
        ]

    def get(self, request, *args, **kwargs):
        return self.render(form=TriageForm(suggestion=self.suggestion))

    def post(self, request, *args, **kwargs):
        form = TriageForm(request.POST, suggestion=self.suggestion)
        if not form.is_valid():
            return self.render(form=form, status=400)
        data = form.cleaned_data
        try:
            triaged = triage_suggestion(
                self.suggestion,
                request.user,
                data["status"],
                reason=data["reason"],
                service=data["service"],
                new_service_slug=data["new_service_slug"],
            )
        except TransitionRefused as refused:
            messages.error(request, refused.message)
            return self.render(form=form, status=400)
        messages.success(request, triage_message(triaged, had_email=bool(self.suggestion.email)))
        return redirect(ServiceSuggestion.snippet_viewset.get_url_name("list"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["suggestion"] = self.suggestion
        context["closed"] = self.suggestion.status in CLOSING
        return context


def triage_message(suggestion, had_email):
    message = _("“%(title)s” is now “%(status)s”.") % {
        "title": suggestion.title,
        "status": suggestion.get_status_display(),
    }
    if had_email and suggestion.status in CLOSING:
        message += " " + _("The answer is e-mailed, then the address erased.")
    return message


# --- The Managers' dashboard ---


def _retired_since(today):
    start = today - datetime.timedelta(days=RECENTLY_RETIRED_DAYS)
    return timezone.make_aware(datetime.datetime.combine(start, datetime.time.min))


def dashboard_figures(today=None):
    """Everything the dashboard shows, in a fixed number of queries (eight at most),
    however many services and suggestions there are."""
    today = today or timezone.localdate()
    backlog = ServiceSuggestion.objects.filter(
        status__in=[SuggestionStatus.NEW, SuggestionStatus.UNDER_STUDY]
    ).order_by("created_at", "pk")
    counts = backlog.aggregate(
        new=Count("pk", filter=Q(status=SuggestionStatus.NEW)),
        study=Count("pk", filter=Q(status=SuggestionStatus.UNDER_STUDY)),
    )
    share, leader_ids = usage.top_share(today)
    leaders = Service.objects.in_bulk(leader_ids)
    threshold = usage.top_share_warning()
    retired = Service.objects.filter(
        state=LifecycleState.RETIRED, state_changed_at__gte=_retired_since(today)
    )
    return {
        "today": today,
        "new_count": counts["new"],
        "study_count": counts["study"],
        "backlog": list(backlog[:BACKLOG_SHOWN]),
        "in_beta": list(Service.objects.in_beta().order_by("state_changed_at", "slug")),
        "due": list(Service.objects.due_for_review(today, DUE_WITHIN_DAYS).order_by("next_review")),
        "overdue": list(Service.objects.overdue(today).order_by("next_review", "slug")),
        "retired": list(retired.order_by("-state_changed_at")),
        "top_share": share,
        "top_services": [leaders[pk] for pk in leader_ids if pk in leaders],
        "top_share_warning": threshold,
        "concentrated": share is not None and share > threshold,
    }


def store_summary(today=None):
    """The homepage panel's counts, with the same definitions as the dashboard."""
    today = today or timezone.localdate()
    waiting = ServiceSuggestion.objects.filter(
        status__in=[SuggestionStatus.NEW, SuggestionStatus.UNDER_STUDY]
    ).count()
    share, _leaders = usage.top_share(today)
    threshold = usage.top_share_warning()
    return {
        "waiting": waiting,
        "in_beta": Service.objects.in_beta().count(),
        "due": Service.objects.due_for_review(today, DUE_WITHIN_DAYS).count(),
        "overdue": Service.objects.overdue(today).count(),
        "top_share": share,
        "top_share_warning": threshold,
        "concentrated": share is not None and share > threshold,
    }


class DashboardView(StoreAdminView):
    template_name = "services_store/admin/dashboard.html"
    page_title = gettext_lazy("Service store")
    header_icon = "clipboard-list"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(dashboard_figures())
        context["suggestions_url"] = reverse(ServiceSuggestion.snippet_viewset.get_url_name("list"))
        context["due_within_days"] = DUE_WITHIN_DAYS
        context["retired_days"] = RECENTLY_RETIRED_DAYS
        return context


class StoreSummaryPanel(Component):
    """On the admin homepage of Managers: the store's figures, and its warnings."""

    name = "service_store_summary"
    order = 60
    template_name = "services_store/admin/homepage_panel.html"

    def get_context_data(self, parent_context):
        return {**store_summary(), "dashboard_url": reverse("services_store_dashboard")}
