"""How much each service is used, without cookies or IP addresses: visits and unique
visitors per day, counted with a daily-salted hash of the client that is kept 48 hours
(the same approach as podcast downloads), and "Was this useful?" answers."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ServiceVisitDay(models.Model):
    service = models.ForeignKey(
        "services_store.Service", on_delete=models.CASCADE, related_name="visit_days"
    )
    date = models.DateField()
    visits = models.PositiveIntegerField(default=0)
    unique_visitors = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("visits of a day")
        constraints = [
            models.UniqueConstraint(fields=["service", "date"], name="one_visit_day_per_service")
        ]

    def __str__(self):
        return f"{self.service_id} {self.date}: {self.visits}"


class ServiceVisitHit(models.Model):
    """A visitor's anonymous hash for one service and day, kept only to count unique
    visitors; deleted after 48 hours."""

    service = models.ForeignKey("services_store.Service", on_delete=models.CASCADE)
    date = models.DateField()
    client_hash = models.CharField(max_length=32)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["service", "date", "client_hash"], name="one_visit_hit_per_client_day"
            )
        ]

    def __str__(self):
        return f"{self.service_id} {self.date}"


class ServiceUsefulness(models.Model):
    """One answer to "Was this useful?": yes or no, nothing else."""

    service = models.ForeignKey(
        "services_store.Service", on_delete=models.CASCADE, related_name="usefulness"
    )
    useful = models.BooleanField()
    date = models.DateField(default=timezone.localdate)

    class Meta:
        verbose_name = _("usefulness answer")

    def __str__(self):
        return f"{self.service_id} {'yes' if self.useful else 'no'}"
