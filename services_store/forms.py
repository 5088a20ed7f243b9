"""Forms of the store's admin: a go-live request (for the team's own services), a
lifecycle transition, a periodic review and the triage of a suggestion.

The forms only collect what staff choose. The rules stay where they are decided:
services_store/lifecycle.py (transitions), services_store/reviews.py (reviews) and
`triage_suggestion` in services_store/admin_views.py.
"""

from dataclasses import dataclass

from django import forms
from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from services_store import lifecycle
from services_store.manifest import SLUG
from services_store.models import (
    Decision,
    LifecycleState,
    Rating,
    Service,
    ServiceReview,
    SuggestionStatus,
)

# --- Go-live requests ---


def services_for_go_live_requests(user, current=None):
    """The services `user` may write a go-live request for: being built or in beta, and
    their own unless they are a Manager. `current` (a request's service) always stays."""
    services = Service.objects.filter(state__in=[LifecycleState.BUILDING, LifecycleState.BETA])
    if not lifecycle.is_manager(user):
        services = services.owned_by(user) if user and user.pk else services.none()
    if current is not None:
        services = Service.objects.filter(Q(pk__in=services.values("pk")) | Q(pk=current))
    return services


class GoLiveRequestForm(WagtailAdminModelForm):
    """A plain list of the user's services instead of the snippet chooser, which would
    offer every service in the store."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("service")
        if field is not None:
            field.widget = forms.Select()
            field.queryset = services_for_go_live_requests(self.for_user, self.instance.service_id)


# --- Lifecycle transitions ---


@dataclass(frozen=True)
class Transition:
    """One of the functions of services_store/lifecycle.py, as the admin offers it.
    `team` means the service's own team may make it as well as Managers; the function
    itself is what decides (it raises TransitionRefused)."""

    name: str
    label: str
    from_states: tuple
    team: bool = False

    def offered_to(self, service, user):
        if service.state not in self.from_states:
            return False
        return lifecycle.is_manager(user) or (self.team and service.is_owner(user))

    def apply(self, service, user, reason):
        return getattr(lifecycle, self.name)(service, by=user, reason=reason)


TRANSITIONS = (
    Transition("start_building", _("Start building"), (LifecycleState.NEED,)),
    Transition("open_beta", _("Open the beta"), (LifecycleState.BUILDING,), team=True),
    Transition(
        "back_to_building", _("Back to building (rework)"), (LifecycleState.BETA,), team=True
    ),
    Transition("back_to_beta", _("Back to beta (adjust)"), (LifecycleState.LIVE,)),
    Transition(
        "retire",
        _("Retire"),
        (
            LifecycleState.NEED,
            LifecycleState.BUILDING,
            LifecycleState.BETA,
            LifecycleState.LIVE,
        ),
    ),
)
TRANSITIONS_BY_NAME = {transition.name: transition for transition in TRANSITIONS}


def offered_transitions(service, user):
    return [transition for transition in TRANSITIONS if transition.offered_to(service, user)]


class LifecycleForm(forms.Form):
    """Any transition is accepted here, so that one this user may not make is refused by
    services_store/lifecycle.py with its own message; only those offered are shown."""

    transition = forms.ChoiceField(
        label=_("Change to"),
        choices=[(transition.name, transition.label) for transition in TRANSITIONS],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Why"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in the service's history. Required to retire a service."),
    )

    def __init__(self, *args, offered=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["transition"].widget.choices = [(t.name, t.label) for t in offered]

    @property
    def chosen(self):
        return TRANSITIONS_BY_NAME[self.cleaned_data["transition"]]


# --- Periodic review ---


class ReviewForm(forms.Form):
    """Red, amber or green for each point of ServiceReview.RATED_POINTS, then the
    decision. Adjusting needs the actions to take; retiring needs the lessons learnt."""

    decision = forms.ChoiceField(
        label=_("Decision"), choices=Decision.choices, widget=forms.RadioSelect
    )
    actions = forms.CharField(
        label=_("Actions"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the team changes in beta, when the decision is to adjust."),
    )
    lessons_learnt = forms.CharField(
        label=_("Lessons learnt"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for point in ServiceReview.RATED_POINTS:
            label = ServiceReview._meta.get_field(point).verbose_name
            self.fields[point] = forms.ChoiceField(
                label=capfirst(label), choices=Rating.choices, widget=forms.RadioSelect
            )
        self.order_fields([*ServiceReview.RATED_POINTS, "decision"])

    def rating_fields(self):
        return [self[point] for point in ServiceReview.RATED_POINTS]

    def clean(self):
        cleaned = super().clean()
        decision = cleaned.get("decision")
        if decision == Decision.ADJUST and not cleaned.get("actions", "").strip():
            self.add_error("actions", _("Say what the team must change in beta."))
        if decision == Decision.RETIRE and not cleaned.get("lessons_learnt", "").strip():
            self.add_error("lessons_learnt", _("Say what was learnt before retiring it."))
        return cleaned

    def ratings(self):
        return {point: self.cleaned_data[point] for point in ServiceReview.RATED_POINTS}


# --- Suggestion triage ---

CLOSING = (SuggestionStatus.ACCEPTED, SuggestionStatus.DECLINED)


class TriageForm(forms.Form):
    """Move a suggestion one step: the statuses offered are those it can become. Closing
    it (accepted or declined) needs a reason, which is sent back to the person who
    suggested it when they left an e-mail address."""

    status = forms.ChoiceField(label=_("Move to"), widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required to accept or decline. Sent in the suggestion's language."),
    )
    service = forms.ModelChoiceField(
        label=_("The service it becomes"),
        queryset=Service.objects.all(),
        required=False,
        help_text=_("When accepting: a service already in the store…"),
    )
    new_service_slug = forms.SlugField(
        label=_("…or a new service, with this address"),
        required=False,
        max_length=50,
        help_text=_("Created in the state “Need identified”."),
    )

    def __init__(self, *args, suggestion, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            (status.value, status.label)
            for status in SuggestionStatus
            if suggestion.can_become(status)
        ]

    def clean_new_service_slug(self):
        slug = self.cleaned_data["new_service_slug"]
        if slug and not SLUG.match(slug):
            # The same rule as a micro-service's manifest, whose app will take this address.
            raise forms.ValidationError(_("Lower-case letters, digits and single hyphens only."))
        return slug

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("status")
        if status in CLOSING and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Give the reason: it is sent back to the person."))
        service, slug = cleaned.get("service"), cleaned.get("new_service_slug")
        if (service or slug) and status != SuggestionStatus.ACCEPTED:
            self.add_error("service", _("Only an accepted suggestion becomes a service."))
        elif service and slug:
            self.add_error("new_service_slug", _("Choose a service or a new address, not both."))
        elif slug and Service.objects.filter(slug=slug).exists():
            self.add_error("new_service_slug", _("A service already has this address."))
        return cleaned
