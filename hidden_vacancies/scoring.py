"""Hiring potential: which establishments are likely to hire in an occupation within
six months, as a 0–100 score and 1–5 stars. docs/hidden-vacancies.md explains it in
plain words; in short, for each establishment:

1. its monthly hires over the last 24 months, each divided by its sector division's
   seasonal factor for that calendar month, are averaged with exponentially decreasing
   weights (the latest month counts most): the *level*;
2. the level is mixed with the average level of establishments of the same region,
   division and size, the more so the fewer people it hired (a shop that hired two
   people in two years says little about the next six months);
3. next six months = level × the division's seasonal factors for those months;
4. split across occupations with the mapping weights (OccupationSector);
5. score = 100 × (1 − e^(−expected hires)): the chance, in per cent, of at least one
   hire in the occupation in six months if hires come at random at the expected rate
   (Poisson); never below MIN_SCORE, and stars from the score: nobody is shown as
   hopeless.

The functions below are the model; `fit_hiring_potential` applies them to the whole
database in batches and is the scheduled job.
"""

import datetime
import math
from collections import defaultdict

from django.db import transaction
from django.db.models import Avg, F, Max, Sum
from django.db.models.functions import ExtractMonth
from django.utils import timezone

from hidden_vacancies.bulk import (
    analyze,
    append,
    delete_all,
    lock_for_transaction,
    move,
    staging,
    upsert,
)
from hidden_vacancies.models import (
    Establishment,
    FitRun,
    HiringForecast,
    HiringPotential,
    MonthlyHiring,
    OccupationSector,
)

ALPHA = 0.3  # weight of the latest month in the smoothing
HISTORY_MONTHS = 24
HORIZON_MONTHS = 6
# An establishment that hired this many people over 24 months counts half, the average
# of its peers the other half.
CREDIBILITY_HIRES = 6
# Seasonal factors are shrunk towards 1 as if each calendar month had this many more hires.
SEASONAL_PRIOR_HIRES = 5
SEASONAL_RANGE = (0.25, 4.0)
MIN_SCORE = 10
STAR_THRESHOLDS = (20, 40, 60, 80)  # the score where 2, 3, 4 and 5 stars start
# Pairs (establishment, occupation) are stored only for mapping weights at least this.
MIN_WEIGHT = 0.05
BATCH_SIZE = 5000
FIT_LOCK = 720601  # advisory lock key: one rewrite of the scores at a time


def month_index(day):
    """Months since year 0: consecutive months are consecutive numbers."""
    return day.year * 12 + day.month - 1


def calendar_month(index):
    """1–12 for a month index."""
    return index % 12 + 1


# --- The model ------------------------------------------------------------------------


def seasonal_factors(hires_by_calendar_month):
    """{1..12: factor} from a division's hires per calendar month: how much busier than
    an average month each month is (1 = average), shrunk towards 1 when data are few."""
    mean = sum(hires_by_calendar_month.get(m, 0) for m in range(1, 13)) / 12
    low, high = SEASONAL_RANGE
    factors = {}
    for month in range(1, 13):
        hires = hires_by_calendar_month.get(month, 0)
        factor = (hires + SEASONAL_PRIOR_HIRES) / (mean + SEASONAL_PRIOR_HIRES)
        factors[month] = min(high, max(low, factor))
    return factors


def smoothing_weights():
    """Weight of the month k months before the latest (k = 0..23), summing to 1."""
    raw = [ALPHA * (1 - ALPHA) ** k for k in range(HISTORY_MONTHS)]
    total = sum(raw)
    return [weight / total for weight in raw]


_WEIGHTS = smoothing_weights()


def smoothed_level(hires_by_month, last_month, seasonal):
    """Deseasonalised hires per month, recent months counting most; a month without a
    record counts as no hires. `hires_by_month` maps month indexes to hires."""
    level = 0.0
    for k, weight in enumerate(_WEIGHTS):
        month = last_month - k
        hires = hires_by_month.get(month, 0)
        if hires:
            level += weight * hires / seasonal[calendar_month(month)]
    return level


def shrunk_level(level, hires_last_24_months, peer_level):
    """The level mixed with the peers' (same region, division, size): an establishment
    with few hires is mostly judged by its peers."""
    credibility = hires_last_24_months / (hires_last_24_months + CREDIBILITY_HIRES)
    return credibility * level + (1 - credibility) * peer_level


def six_month_hires(level, last_month, seasonal):
    """Expected hires in the six months after `last_month`."""
    return sum(
        level * seasonal[calendar_month(last_month + ahead)]
        for ahead in range(1, HORIZON_MONTHS + 1)
    )


def hiring_score(expected_hires):
    """0–100, floored at MIN_SCORE: the chance (%) of at least one hire when
    `expected_hires` are expected (1 gives 63, 2 give 86, 3 give 95)."""
    raw = 100 * (1 - math.exp(-max(expected_hires, 0.0)))
    return max(MIN_SCORE, min(100, round(raw)))


def hiring_potential_stars(score):
    """1–5 stars: one, and one more for each threshold the score reaches."""
    return 1 + sum(score >= threshold for threshold in STAR_THRESHOLDS)


def similar_hires(hires, weight):
    """Of `hires`, about how many were in the occupation (the division's share)."""
    return round(hires * weight)


# --- Applying it to the database ------------------------------------------------------


def fit_hiring_potential(batch_size=BATCH_SIZE):
    """The scheduled job: refit every establishment's forecast and rewrite the scores.

    Idempotent (a second run gives the same scores). Searches keep seeing the previous
    scores until the new ones are committed, all at once.
    """
    run = FitRun.objects.create()
    last = MonthlyHiring.objects.aggregate(last=Max("month"))["last"]
    if last is not None:
        last_month = month_index(last)
        seasonal = division_seasonality(last_month)
        run.establishments = write_forecasts(last_month, seasonal, batch_size)
        run.potentials = write_potentials(last_month, seasonal, batch_size)
        analyze(HiringPotential)
    run.finished_at = timezone.now()
    run.save()
    from hidden_vacancies.search import forget_latest_fit

    forget_latest_fit()  # searches now use the new scores
    return run


def history_start(last_month):
    index = last_month - HISTORY_MONTHS + 1
    return _first_day(index)


def _first_day(index):
    return datetime.date(index // 12, index % 12 + 1, 1)


def division_seasonality(last_month):
    """{division: {calendar month: factor}} over the history window (one SQL query)."""
    totals = defaultdict(dict)
    rows = (
        MonthlyHiring.objects.filter(month__gte=history_start(last_month))
        .values(division=F("establishment__division"), calendar=ExtractMonth("month"))
        .annotate(hires=Sum(F("permanent") + F("fixed_term") + F("temporary")))
        .values_list("division", "calendar", "hires")
    )
    for division, calendar, hires in rows:
        totals[division][calendar] = hires
    return _SeasonalTable({division: seasonal_factors(t) for division, t in totals.items()})


class _SeasonalTable(dict):
    """A division with no hires at all is flat (every factor 1)."""

    def __missing__(self, division):
        return dict.fromkeys(range(1, 13), 1.0)


def _id_batches(queryset, batch_size):
    """Primary keys in ascending batches, without holding them all."""
    last = 0
    while True:
        ids = list(
            queryset.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:batch_size]
        )
        if not ids:
            return
        yield ids
        last = ids[-1]


def write_forecasts(last_month, seasonal, batch_size):
    """Pass 1: each establishment's level and recent hires (HiringForecast)."""
    delete_all(HiringForecast)
    count = 0
    for ids in _id_batches(Establishment.objects.all(), batch_size):
        forecasts = _forecasts_for(ids, last_month, seasonal)
        count += upsert(HiringForecast, FORECAST_COLUMNS, forecasts)
    return count


def _forecasts_for(ids, last_month, seasonal):
    divisions = dict(
        Establishment.objects.filter(pk__gte=ids[0], pk__lte=ids[-1]).values_list("pk", "division")
    )
    histories = defaultdict(dict)
    rows = MonthlyHiring.objects.filter(
        establishment_id__gte=ids[0],
        establishment_id__lte=ids[-1],
        month__gte=history_start(last_month),
    ).values_list("establishment_id", "month", "permanent", "fixed_term", "temporary")
    for establishment_id, month, *hires in rows.iterator(chunk_size=20000):
        histories[establishment_id][month_index(month)] = sum(hires)
    return [
        _forecast(pk, histories.get(pk, {}), last_month, seasonal[divisions[pk]])
        for pk in ids
        if pk in divisions
    ]


FORECAST_COLUMNS = ("establishment_id", "level", "hires_last_24_months", "hires_last_12_months")


def _forecast(pk, history, last_month, seasonal):
    return (
        pk,
        smoothed_level(history, last_month, seasonal),
        sum(history.values()),
        sum(h for m, h in history.items() if m > last_month - 12),
    )


def peer_levels():
    """{(region, division, size band): average level} over all establishments."""
    rows = (
        HiringForecast.objects.values(
            region=F("establishment__municipality__region"),
            division=F("establishment__division"),
            size=F("establishment__size_band"),
        )
        .annotate(level=Avg("level"))
        .values_list("region", "division", "size", "level")
    )
    return {(region, division, size): level for region, division, size, level in rows}


def sector_weights():
    """{division: [(occupation id, weight)]} for weights of at least MIN_WEIGHT."""
    weights = defaultdict(list)
    mapping = OccupationSector.objects.filter(weight__gte=MIN_WEIGHT).values_list(
        "division", "occupation_id", "weight"
    )
    for division, occupation_id, weight in mapping:
        weights[division].append((occupation_id, weight))
    return weights


@transaction.atomic
def write_potentials(last_month, seasonal, batch_size):
    """Pass 2: scores and stars per establishment × occupation, replacing the old ones
    in one transaction. They are staged, then written sorted by occupation and latitude,
    so that the rows one search reads lie together on disk (a search then reads a few
    hundred pages instead of one page per row)."""
    lock_for_transaction(FIT_LOCK)
    peers, weights = peer_levels(), sector_weights()
    count = 0
    with staging(HiringPotential, POTENTIAL_COLUMNS) as stage:
        for ids in _id_batches(HiringForecast.objects.all(), batch_size):
            potentials = [
                potential
                for row in _forecast_rows(ids, batch_size)
                for potential in _potentials(row, last_month, seasonal, peers, weights)
            ]
            append(stage, POTENTIAL_COLUMNS, potentials)
            count += len(potentials)
        delete_all(HiringPotential)
        move(stage, HiringPotential, POTENTIAL_COLUMNS, order=("occupation_id", "latitude"))
    return count


def _forecast_rows(ids, batch_size):
    return (
        HiringForecast.objects.filter(pk__gte=ids[0], pk__lte=ids[-1])
        .values_list(
            "establishment_id",
            "level",
            "hires_last_24_months",
            "hires_last_12_months",
            "establishment__division",
            "establishment__section",
            "establishment__size_band",
            "establishment__municipality__region",
            "establishment__latitude",
            "establishment__longitude",
        )
        .iterator(chunk_size=batch_size)
    )


POTENTIAL_COLUMNS = (
    "occupation_id",
    "establishment_id",
    "score",
    "stars",
    "similar_hires_last_12_months",
    "hires_last_12_months",
    "latitude",
    "longitude",
    "section",
    "size_band",
)


def _potentials(row, last_month, seasonal, peers, weights):
    pk, level, hires_24, hires_12, division, section, size, region, lat, lon = row
    occupations = weights.get(division)
    if not occupations:
        return []
    level = shrunk_level(level, hires_24, peers.get((region, division, size), level))
    expected = six_month_hires(level, last_month, seasonal[division])
    potentials = []
    for occupation_id, weight in occupations:
        score = hiring_score(expected * weight)
        stars = hiring_potential_stars(score)
        similar = similar_hires(hires_12, weight)
        potentials.append(
            (occupation_id, pk, score, stars, similar, hires_12, lat, lon, section, size)
        )
    return potentials
