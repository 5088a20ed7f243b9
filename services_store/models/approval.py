"""Going live: a request with its checklist, approved by Managers through a Wagtail
workflow.

The service's team writes a `GoLiveRequest` (a snippet) for a service in beta and
submits it to the "Service go-live approval" workflow. Its task, `ServiceApprovalTask`,
lets Managers approve, except the service's own intrapreneur and coach, even when they
are Managers or superusers, and only once every checklist point holds. Approval puts the
service live (services_store/lifecycle.py), recorded in the audit log.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import (
    AbstractGroupApprovalTask,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    WorkflowMixin,
    WorkflowState,
)


class GoLiveRequest(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, models.Model):
    """A service team's request to go live, with the evidence Managers decide on."""

    service = models.ForeignKey(
        "services_store.Service",
        verbose_name=_("service"),
        on_delete=models.CASCADE,
        related_name="go_live_requests",
    )

    # --- Checklist ---
    accessibility_passed = models.BooleanField(
        _("accessibility check passed"),
        default=False,
        help_text=_("WCAG 2.2 AA: automatic check and a keyboard and screen reader test."),
    )
    accessibility_report = models.URLField(_("accessibility report"), blank=True)
    privacy_notice = models.URLField(
        _("privacy notice"), blank=True, help_text=_("The address of the service's notice.")
    )
    data_protection_signoff = models.CharField(
        _("data protection sign-off by"),
        max_length=120,
        blank=True,
        help_text=_("Name of the data protection officer who signed off."),
    )
    data_protection_signed_on = models.DateField(_("signed off on"), null=True, blank=True)
    bias_check_done = models.BooleanField(
        _("bias check done"),
        default=False,
        help_text=_("Required when the service ranks people or companies."),
    )
    bias_check_notes = models.TextField(_("bias check findings"), blank=True)
    translation_waiver = models.TextField(
        _("translation waiver"),
        blank=True,
        help_text=_("Why the service may go live before its summary is in every language."),
    )

    # --- Pilot report ---
    pilot_users = models.PositiveIntegerField(_("people who used it in beta"), default=0)
    pilot_satisfaction = models.DecimalField(
        _("satisfaction in beta (share finding it useful, %)"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
    )
    pilot_report = models.TextField(_("pilot report"), blank=True)

    created_at = models.DateTimeField(default=timezone.now)

    panels = [
        FieldPanel("service"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("accessibility_passed"), "accessibility_report"]),
                FieldPanel("privacy_notice"),
                FieldRowPanel([FieldPanel("data_protection_signoff"), "data_protection_signed_on"]),
                FieldRowPanel([FieldPanel("bias_check_done"), "bias_check_notes"]),
                FieldPanel("translation_waiver"),
            ],
            heading=_("Checklist"),
        ),
        MultiFieldPanel(
            [FieldRowPanel(["pilot_users", "pilot_satisfaction"]), "pilot_report"],
            heading=_("Pilot report"),
        ),
    ]

    class Meta:
        verbose_name = _("go-live request")
        verbose_name_plural = _("go-live requests")

    def __str__(self):
        return str(_("Go live: %(service)s") % {"service": self.service})

    # --- The checklist, point by point ---

    def checklist(self):
        """[(point, done)] in the order Managers read them."""
        manifest = self.service.manifest
        ranks = bool(manifest and manifest.ranks_people_or_companies)
        return [
            (_("Accessibility check passed"), self.accessibility_passed),
            (_("Privacy notice present"), bool(self.privacy_notice)),
            (_("Data protection sign-off"), bool(self.data_protection_signoff)),
            (_("Bias check done"), self.bias_check_done or not ranks),
            (
                _("Summary translated into every language (or a waiver)"),
                bool(self.translation_waiver.strip()) or not untranslated_languages(manifest),
            ),
            (
                _("Pilot report with usage and satisfaction"),
                bool(self.pilot_report.strip())
                and self.pilot_users > 0
                and self.pilot_satisfaction is not None,
            ),
        ]

    def missing(self):
        return [point for point, done in self.checklist() if not done]

    @property
    def complete(self):
        return not self.missing()


def untranslated_languages(manifest):
    """Languages whose catalogue has no translation of the service's summary."""
    if manifest is None:
        return []
    with translation.override(settings.LANGUAGE_CODE):
        original = str(manifest.summary)
    missing = []
    for code, _name in settings.LANGUAGES:
        if code == settings.LANGUAGE_CODE:
            continue
        with translation.override(code):
            if str(manifest.summary) == original:
                missing.append(code)
    return missing


class ServiceApprovalTask(AbstractGroupApprovalTask):
    """Group approval in which a service's intrapreneur and coach never approve it, and
    an incomplete checklist cannot be approved."""

    def _may_approve(self, obj, user):
        service = getattr(obj, "service", None)
        if service is None:
            return False
        if user.pk in {service.intrapreneur_id, service.coach_id}:
            return False
        return user.is_superuser or self._user_in_groups(user)

    def user_can_access_editor(self, obj, user):
        return self._may_approve(obj, user)

    def locked_for_user(self, obj, user):
        return not self._may_approve(obj, user)

    def get_actions(self, obj, user):
        if not self._may_approve(obj, user):
            return []
        actions = [("reject", _("Request changes"), True)]
        if obj.complete:
            actions += [
                ("approve", _("Approve"), False),
                ("approve", _("Approve with comment"), True),
            ]
        return actions

    def on_action(self, task_state, user, action_name, **kwargs):
        obj = task_state.revision.as_object()
        if action_name not in {name for name, _label, _modal in self.get_actions(obj, user)}:
            raise PermissionDenied
        super().on_action(task_state, user, action_name, **kwargs)
        workflow_state = WorkflowState.objects.get(pk=task_state.workflow_state_id)
        if action_name == "approve" and workflow_state.status == WorkflowState.STATUS_APPROVED:
            from services_store import lifecycle

            lifecycle.go_live(obj.service, by=user, request=obj)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        from services_store.models.services import Service

        own = Service.objects.filter(
            models.Q(intrapreneur=user) | models.Q(coach=user)
        ).values_list("pk", flat=True)
        own_requests = GoLiveRequest.objects.filter(service__in=own).values_list("pk", flat=True)
        return states.exclude(
            workflow_state__object_id__in=[str(pk) for pk in own_requests],
            workflow_state__base_content_type__model="goliverequest",
        )

    @classmethod
    def get_description(cls):
        return _("Managers approve, except the service's own intrapreneur and coach")

    class Meta:
        verbose_name = _("Service approval task")
        verbose_name_plural = _("Service approval tasks")
