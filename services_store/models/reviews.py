"""Periodic reviews of live services, and the reminders that lead up to them.

A review rates each checklist point red, amber or green, keeps a snapshot of usage and
satisfaction, and decides: keep (next review in the service's interval), adjust (back
to beta, with actions) or retire. `ReviewNotice` rows make each reminder e-mail go out
once: the unique row is the claim, as for webinar reminders.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Rating(models.TextChoices):
    GREEN = "green", _("Green: fine")
    AMBER = "amber", _("Amber: needs attention")
    RED = "red", _("Red: must be fixed")


class Decision(models.TextChoices):
    KEEP = "keep", _("Keep")
    ADJUST = "adjust", _("Adjust (back to beta)")
    RETIRE = "retire", _("Retire")


def _rating(label):
    return models.CharField(label, max_length=5, choices=Rating.choices)


class ServiceReview(models.Model):
    """One periodic review: ratings, figures at the time, decision, lessons learnt."""

    service = models.ForeignKey(
        "services_store.Service", on_delete=models.CASCADE, related_name="reviews"
    )
    reviewed_on = models.DateField(_("reviewed on"), default=timezone.localdate)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    # --- Red, amber or green per checklist point ---
    accessibility = _rating(_("accessibility"))
    privacy = _rating(_("privacy"))
    data_protection = _rating(_("data protection"))
    bias = _rating(_("bias"))
    translations = _rating(_("translations"))
    usage = _rating(_("usage"))
    satisfaction = _rating(_("satisfaction"))

    # --- Snapshot of the figures at the time of the review ---
    visits = models.PositiveIntegerField(_("visits in the last 6 months"), default=0)
    unique_visitors = models.PositiveIntegerField(_("visitors in the last 6 months"), default=0)
    useful_share = models.DecimalField(
        _("found it useful (%)"), max_digits=5, decimal_places=1, null=True, blank=True
    )

    decision = models.CharField(_("decision"), max_length=6, choices=Decision.choices)
    actions = models.TextField(_("actions"), blank=True)
    lessons_learnt = models.TextField(_("lessons learnt"), blank=True)

    class Meta:
        verbose_name = _("service review")
        ordering = ["-reviewed_on", "-pk"]

    def __str__(self):
        return f"{self.service} {self.reviewed_on}: {self.get_decision_display()}"

    RATED_POINTS = (
        "accessibility",
        "privacy",
        "data_protection",
        "bias",
        "translations",
        "usage",
        "satisfaction",
    )


class ReviewNoticeKind(models.TextChoices):
    DUE_IN_30_DAYS = "due30", _("Review due in 30 days")
    DUE_IN_7_DAYS = "due7", _("Review due in 7 days")
    OVERDUE = "overdue", _("Review overdue")
    HIDDEN = "hidden", _("Hidden from the store")


class ReviewNotice(models.Model):
    """A reminder about one review date, claimed before it is sent, so it goes out once
    whatever happens to the job (retries, two workers)."""

    service = models.ForeignKey(
        "services_store.Service", on_delete=models.CASCADE, related_name="review_notices"
    )
    kind = models.CharField(max_length=8, choices=ReviewNoticeKind.choices)
    review_date = models.DateField()
    claimed_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["service", "kind", "review_date"], name="one_review_notice_each"
            )
        ]

    def __str__(self):
        return f"{self.service_id} {self.kind} {self.review_date}"
