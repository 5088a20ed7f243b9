"""Counting use of each service without cookies or raw IP addresses (models/usage.py),
and the figures Managers read: per service, and how concentrated use is."""

import datetime

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone

from portal.ratelimit import client_key
from services_store.models import ServiceUsefulness, ServiceVisitDay, ServiceVisitHit

RAW_HASH_RETENTION = datetime.timedelta(hours=48)
DEFAULT_TOP_SHARE_WARNING = 75  # per cent of visits going to the top 5 services
SNAPSHOT_DAYS = 183


def counts_as_visit(request, response):
    """A visit is a page someone reads: a successful GET answered with HTML. The API's
    JSON answers (suggestions fetched while typing, for instance) and redirects are not
    visits, so they neither inflate the figures nor cost a write each."""
    return (
        request.method == "GET"
        and response.status_code == 200
        and response.get("Content-Type", "").startswith("text/html")
    )


def count_visit(service, request, now=None):
    """One visit; a unique visitor once per service and day (hash of the client with a
    salt that changes daily, deleted after 48 hours).

    Two upserts in one transaction, so one commit; on PostgreSQL that commit does not
    wait for the disk (`synchronous_commit = off`): a crash may lose the last fraction of
    a second of counts, never the database's consistency.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    q, ops = connection.ops.quote_name, connection.ops
    day, moment = ops.adapt_datefield_value(today), ops.adapt_datetimefield_value(now)
    hits, days = q(ServiceVisitHit._meta.db_table), q(ServiceVisitDay._meta.db_table)
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL synchronous_commit TO OFF")
        cursor.execute(
            f"INSERT INTO {hits} (service_id, {q('date')}, client_hash, created_at) "  # noqa: S608
            "VALUES (%s, %s, %s, %s) ON CONFLICT DO NOTHING",
            [service.pk, day, client_key(request), moment],
        )
        new_visitor = 1 if cursor.rowcount == 1 else 0
        cursor.execute(
            f"INSERT INTO {days} (service_id, {q('date')}, visits, unique_visitors) "  # noqa: S608
            f"VALUES (%s, %s, 1, %s) ON CONFLICT (service_id, {q('date')}) DO UPDATE SET "
            f"visits = {days}.visits + 1, "
            f"unique_visitors = {days}.unique_visitors + EXCLUDED.unique_visitors",
            [service.pk, day, new_visitor],
        )


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
