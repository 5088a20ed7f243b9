"""The store's record of each micro-service: where it stands in its lifecycle, and who
may try it while it is in beta. What a service *is* comes from its app's manifest
(services_store/manifest.py); this is what changes while it runs."""

from django.contrib.auth.models import Group
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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


class ServiceQuerySet(models.QuerySet):
    def live(self):
        return self.filter(state=LifecycleState.LIVE)

    def in_beta(self):
        return self.filter(state=LifecycleState.BETA)


class Service(models.Model):
    """One micro-service in the store, keyed by its manifest's slug."""

    slug = models.SlugField(_("slug"), unique=True)
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=LifecycleState.choices,
        default=LifecycleState.BUILDING,
        db_index=True,
    )
    pilot_group = models.ForeignKey(
        Group,
        verbose_name=_("pilot group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Signed-in members of this group can use the service while it is in beta."),
    )
    state_changed_at = models.DateTimeField(default=timezone.now)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ServiceQuerySet.as_manager()

    class Meta:
        verbose_name = _("micro-service")
        verbose_name_plural = _("micro-services")
        ordering = ["slug"]

    def __str__(self):
        return self.slug

    @property
    def lifecycle(self):
        return LifecycleState(self.state)

    def is_open_to(self, request):
        """Live: everyone. Beta: the pilot group, and visitors who chose to try beta
        services. Otherwise nobody (the address answers 404)."""
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
