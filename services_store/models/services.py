"""The store's record of each micro-service: where it stands in its lifecycle, who owns
it, who may try it in beta, and when it is next reviewed. What a service *is* comes from
its app's manifest (services_store/manifest.py); this is what changes while it runs.

A service whose app has been removed keeps its record (retired services still answer
their address with a "this service has closed" page).
"""

import datetime

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index

DEFAULT_REVIEW_MONTHS = 6
# An overdue service is hidden from the store this many days after its review date.
DEFAULT_GRACE_DAYS = 30


class LifecycleState(models.TextChoices):
    """need → building → beta → live → retired, and live → beta for rework."""

    NEED = "need", _("Need identified")
    BUILDING = "building", _("Being built")
    BETA = "beta", _("In beta")
    LIVE = "live", _("Live")
    RETIRED = "retired", _("Retired")

    @property
    def next_states(self):
        return _NEXT[self]

    def can_become(self, state):
        return LifecycleState(state) in self.next_states


_NEXT = {
    LifecycleState.NEED: (LifecycleState.BUILDING, LifecycleState.RETIRED),
    LifecycleState.BUILDING: (LifecycleState.BETA, LifecycleState.RETIRED),
    LifecycleState.BETA: (LifecycleState.LIVE, LifecycleState.BUILDING, LifecycleState.RETIRED),
    LifecycleState.LIVE: (LifecycleState.BETA, LifecycleState.RETIRED),
    LifecycleState.RETIRED: (),
}


def grace_days():
    return getattr(settings, "SERVICE_REVIEW_GRACE_DAYS", DEFAULT_GRACE_DAYS)


class ServiceQuerySet(models.QuerySet):
    def live(self):
        return self.filter(state=LifecycleState.LIVE)

    def in_beta(self):
        return self.filter(state=LifecycleState.BETA)

    def in_store(self):
        """What the public catalogue lists: live and beta services not hidden for an
        overdue review."""
        return self.filter(
            state__in=[LifecycleState.LIVE, LifecycleState.BETA], hidden_for_review=False
        )

    def due_for_review(self, today, within_days=30):
        """Live services whose review date comes within `within_days` (not yet past)."""
        return self.live().filter(
            next_review__gte=today, next_review__lte=today + datetime.timedelta(within_days)
        )

    def overdue(self, today):
        return self.live().filter(next_review__lt=today)

    def owned_by(self, user):
        return self.filter(Q(intrapreneur=user) | Q(coach=user) | Q(it_lead=user))


class Service(index.Indexed, models.Model):
    """One micro-service in the store, keyed by its manifest's slug."""

    # --- Identity ---
    slug = models.SlugField(_("slug"), unique=True)
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=LifecycleState.choices,
        default=LifecycleState.BUILDING,
        db_index=True,
    )
    state_changed_at = models.DateTimeField(_("state changed at"), default=timezone.now)
    created_at = models.DateTimeField(default=timezone.now)

    # --- Team (staff accounts; first taken from the manifest's user names) ---
    intrapreneur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("intrapreneur"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coach"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    it_lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("IT lead"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    # --- Beta ---
    pilot_group = models.ForeignKey(
        Group,
        verbose_name=_("pilot group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Signed-in members of this group can use the service while it is in beta."),
    )

    # --- Review ---
    review_interval_months = models.PositiveSmallIntegerField(
        _("review every (months)"),
        default=DEFAULT_REVIEW_MONTHS,
        validators=[MinValueValidator(1), MaxValueValidator(24)],
    )
    next_review = models.DateField(_("next review"), null=True, blank=True)
    hidden_for_review = models.BooleanField(
        _("hidden from the store (review overdue)"), default=False
    )

    # --- When it has closed ---
    alternatives = models.ManyToManyField(
        "self",
        verbose_name=_("alternatives"),
        blank=True,
        symmetrical=False,
        help_text=_("Shown on the page of a retired service."),
    )

    panels = [
        FieldPanel("slug", read_only=True),
        FieldPanel("state", read_only=True),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("intrapreneur"), FieldPanel("coach")]), "it_lead"],
            heading=_("Team"),
        ),
        FieldPanel("pilot_group"),
        FieldRowPanel([FieldPanel("review_interval_months"), FieldPanel("next_review")]),
        FieldPanel("alternatives"),
    ]
    search_fields = [index.SearchField("slug"), index.FilterField("state")]

    objects = ServiceQuerySet.as_manager()

    class Meta:
        verbose_name = _("micro-service")
        verbose_name_plural = _("micro-services")
        ordering = ["slug"]

    def __str__(self):
        manifest = self.manifest
        return str(manifest.name) if manifest else self.slug

    @property
    def manifest(self):
        from services_store import registry

        return registry.get(self.slug)

    @property
    def lifecycle(self):
        return LifecycleState(self.state)

    def owners(self):
        return [user for user in (self.intrapreneur, self.coach, self.it_lead) if user]

    def is_owner(self, user):
        return bool(user and user.pk) and user.pk in {
            self.intrapreneur_id,
            self.coach_id,
            self.it_lead_id,
        }

    def review_due_after(self, day):
        return day + relativedelta(months=self.review_interval_months)

    def hide_after(self):
        """The day an overdue service leaves the store."""
        if self.next_review is None:
            return None
        return self.next_review + datetime.timedelta(days=grace_days())

    def is_open_to(self, request):
        """Live: everyone. Beta: the pilot group, and visitors who chose to try beta
        services. Otherwise nobody (the address answers 404, or "closed" once retired)."""
        if self.state == LifecycleState.LIVE:
            return True
        if self.state != LifecycleState.BETA:
            return False
        from services_store.access import tries_beta_services

        user = request.user
        in_pilot = (
            user.is_authenticated
            and self.pilot_group_id is not None
            and user.groups.filter(pk=self.pilot_group_id).exists()
        )
        return in_pilot or user.is_superuser or tries_beta_services(request)
