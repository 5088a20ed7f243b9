"""Counting use of each service without cookies or raw IP addresses (models/usage.py),
and the figures Managers read: per service, and how concentrated use is."""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q, Sum
from django.utils import timezone

from portal.ratelimit import client_key
from services_store.models import ServiceUsefulness, ServiceVisitDay, ServiceVisitHit

RAW_HASH_RETENTION = datetime.timedelta(hours=48)
DEFAULT_TOP_SHARE_WARNING = 75  # per cent of visits going to the top 5 services
SNAPSHOT_DAYS = 183


def count_visit(service, request, now=None):
    """One visit; a unique visitor once per service and day (hash of the client with a
    salt that changes daily, deleted after 48 hours)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    new_visitor = True
    try:
        with transaction.atomic():
            ServiceVisitHit.objects.create(
                service=service, date=today, client_hash=client_key(request), created_at=now
            )
    except IntegrityError:
        new_visitor = False
    changes = {"visits": F("visits") + 1}
    if new_visitor:
        changes["unique_visitors"] = F("unique_visitors") + 1
    if ServiceVisitDay.objects.filter(service=service, date=today).update(**changes):
        return
    try:
        with transaction.atomic():
            ServiceVisitDay.objects.create(service=service, date=today, visits=1, unique_visitors=1)
    except IntegrityError:  # another request created the day first
        ServiceVisitDay.objects.filter(service=service, date=today).update(**changes)


def purge_raw_hashes(now=None):
    cutoff = (now or timezone.now()) - RAW_HASH_RETENTION
    deleted, _ = ServiceVisitHit.objects.filter(created_at__lt=cutoff).delete()
    return deleted


def record_usefulness(service, useful):
    return ServiceUsefulness.objects.create(service=service, useful=bool(useful))


def useful_share(service, since=None):
    """The share (%) of "Was this useful?" answers that said yes, or None."""
    answers = ServiceUsefulness.objects.filter(service=service)
    if since:
        answers = answers.filter(date__gte=since)
    totals = answers.aggregate(total=Count("pk"), yes=Count("pk", filter=Q(useful=True)))
    if not totals["total"]:
        return None
    return round(100 * totals["yes"] / totals["total"], 1)


def snapshot(service, today):
    """Usage and satisfaction over the last six months, as a review keeps them."""
    since = today - datetime.timedelta(days=SNAPSHOT_DAYS)
    days = ServiceVisitDay.objects.filter(service=service, date__gt=since)
    totals = days.aggregate(visits=Sum("visits"), unique=Sum("unique_visitors"))
    return {
        "visits": totals["visits"] or 0,
        "unique_visitors": totals["unique"] or 0,
        "useful_share": useful_share(service, since),
    }


def top_share(today=None, days=90, top=5):
    """(share of visits going to the `top` most visited services, in %, those services'
    ids), over the last `days` days; (None, []) when nothing was visited."""
    today = today or timezone.localdate()
    visits = (
        ServiceVisitDay.objects.filter(date__gt=today - datetime.timedelta(days=days))
        .values("service")
        .annotate(total=Sum("visits"))
        .order_by("-total")
    )
    totals = [(row["service"], row["total"]) for row in visits]
    overall = sum(total for _service, total in totals)
    if not overall:
        return None, []
    leaders = totals[:top]
    return round(100 * sum(total for _s, total in leaders) / overall, 1), [s for s, _t in leaders]


def top_share_warning():
    return getattr(settings, "SERVICE_STORE_TOP_SHARE_WARNING", DEFAULT_TOP_SHARE_WARNING)
