"""Registrations are erased a fixed number of days after their webinar
(`WEBINAR_RETENTION_DAYS`, 30 by default), by a job that runs every day.

People who asked to hear about future webinars keep their e-mail address and language,
and nothing else: their display name and the record of e-mails sent are erased with the
rest. The link in every e-mail removes them at any time.
"""

import datetime

from django.utils import timezone

from webinars import timing
from webinars.models import Notification, Registration


def purge_past_registrations(now=None):
    """Erase what is due; return the number of registrations deleted."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=timing.retention_days())
    expired = Registration.objects.filter(webinar__ends_at__lt=cutoff)
    kept = expired.filter(keep_informed=True).exclude(email="")
    Notification.objects.filter(registration__in=kept).delete()
    kept.exclude(display_name="").update(display_name="")
    _total, per_model = expired.exclude(pk__in=kept.values("pk")).delete()
    return per_model.get(Registration._meta.label, 0)
