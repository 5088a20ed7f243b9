"""The search: establishments near a place with a hiring potential in an occupation,
in a score-weighted shuffle that changes every day, or by distance.

The shuffle spreads applications beyond the few top companies: each establishment
draws a pseudo-random number u in (0, 1) from its id and the day's seed, and results
are sorted by ln(u) / score (Efraimidis–Spirakis weighted sampling), so a company with
twice the score is about twice as likely to come first, and the order is the same all
day for everyone. Computed in SQL, so only one page of rows leaves the database.
"""

import hashlib
import math
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import BigIntegerField, Count, F, FloatField, Value, Window
from django.db.models.functions import Cast, Ln, Mod

from hidden_vacancies.models import Establishment, FitRun, HiringPotential
from places import geo
from places.geo import within

PAGE_SIZE = 20
MAX_PAGE = 50
DEFAULT_RADIUS_KM = 10
MIN_RADIUS_KM, MAX_RADIUS_KM = geo.MIN_RADIUS_KM, geo.MAX_RADIUS_KM  # the same in every tool
SHUFFLE, DISTANCE = "shuffle", "distance"
ORDERS = (SHUFFLE, DISTANCE)
# A prime just below 2**31 and a multiplier: the square of a number below it still fits
# a 64-bit integer, in PostgreSQL as in SQLite.
PRIME = 2_147_483_629
MULTIPLIER = 48_271
RESULTS_CACHE_SECONDS = 3600


def daily_seed(day):
    """The shuffle's seed for `day`: the same all day, another the next."""
    digest = hashlib.sha256(f"hidden-vacancies:{day.isoformat()}".encode()).digest()
    return int.from_bytes(digest[:4], "big") % (PRIME - 1) + 1


def shuffle_number(establishment_id, seed):
    """u in (0, 1) for an establishment on a day: two rounds of modular mixing, the
    second one squared so days do not just rotate the same order."""
    first = (establishment_id * MULTIPLIER + seed) % PRIME
    second = (first * first + seed) % PRIME
    return (second + 1) / (PRIME + 1)


def shuffle_key(establishment_id, score, seed):
    """Sort key, largest first (what the SQL below computes)."""
    return math.log(shuffle_number(establishment_id, seed)) / score


def _shuffle_key_sql(seed):
    pk = Cast(F("establishment_id"), BigIntegerField())
    # Integer arithmetic throughout (left to itself, Django would compute MOD in
    # PostgreSQL's slow numeric type).
    integer = BigIntegerField()
    first = Mod(pk * Value(MULTIPLIER) + Value(seed), Value(PRIME), output_field=integer)
    second = Mod(first * first + Value(seed), Value(PRIME), output_field=integer)
    number = (Cast(second, FloatField()) + Value(1.0)) / Value(float(PRIME + 1))
    return Ln(number) / Cast(F("score"), FloatField())


@dataclass(frozen=True)
class Query:
    occupation_id: int
    latitude: float
    longitude: float
    radius_km: int = DEFAULT_RADIUS_KM
    size_band: str = ""
    section: str = ""
    order: str = SHUFFLE
    page: int = 1


@dataclass(frozen=True)
class Result:
    establishment_id: int
    identifier: str
    name: str
    address: str
    municipality: str
    section: str
    division: str
    size_band: str
    latitude: float
    longitude: float
    distance_km: float
    score: int
    stars: int
    similar_hires: int
    hires: int


@dataclass(frozen=True)
class Page:
    results: list
    count: int
    number: int
    page_size: int = PAGE_SIZE

    @property
    def num_pages(self):
        return max(1, min(MAX_PAGE, math.ceil(self.count / self.page_size)))

    @property
    def start(self):
        """The number of the page's first result."""
        return (self.number - 1) * self.page_size + 1

    @property
    def has_next(self):
        return self.number < self.num_pages

    @property
    def has_previous(self):
        return self.number > 1


def candidates(query):
    """Every establishment within the radius with a potential for the occupation."""
    potentials = HiringPotential.objects.filter(occupation_id=query.occupation_id)
    if query.size_band:
        potentials = potentials.filter(size_band=query.size_band)
    if query.section:
        potentials = potentials.filter(section=query.section)
    return within(potentials, query.latitude, query.longitude, query.radius_km)


def ordered(potentials, order, day):
    if order == DISTANCE:
        return potentials.order_by("distance_km", "establishment_id")
    key = _shuffle_key_sql(daily_seed(day))
    return potentials.annotate(shuffle=key).order_by("-shuffle", "establishment_id")


def search(query, day):
    """One page of results, kept in the cache until the scores are refitted (the key
    holds the fit and the day)."""
    key = f"hidden_vacancies:search:{latest_fit_id()}:{day.isoformat()}:{query_key(query)}"
    page = cache.get(key)
    if page is None:
        page = _search(query, day)
        cache.set(key, page, RESULTS_CACHE_SECONDS)
    return page


def query_key(query):
    return hashlib.sha256(repr(query).encode()).hexdigest()[:32]


def _search(query, day):
    """Two queries: the page's scores (each row carrying the count of all matches),
    read from the potentials alone, then those establishments' details."""
    potentials = candidates(query).annotate(total=Window(Count("*")))
    start = (query.page - 1) * PAGE_SIZE
    rows = list(
        ordered(potentials, query.order, day)[start : start + PAGE_SIZE].values_list(
            "establishment_id",
            "section",
            "size_band",
            "latitude",
            "longitude",
            "distance_km",
            "score",
            "stars",
            "similar_hires_last_12_months",
            "hires_last_12_months",
            "total",
        )
    )
    # Past the last page there is no row to carry the count.
    count = rows[0][-1] if rows else candidates(query).count()
    details = _details([row[0] for row in rows])
    return Page([_result(row, details[row[0]]) for row in rows], count, query.page)


def _details(ids):
    rows = Establishment.objects.filter(pk__in=ids).values_list(
        "pk", "identifier", "name", "address", "municipality__name", "division"
    )
    return {pk: rest for pk, *rest in rows}


def _result(row, details):
    pk, section, size, lat, lon, distance, score, stars, similar, hires, _total = row
    identifier, name, address, municipality, division = details
    return Result(
        pk,
        identifier,
        name,
        address,
        municipality,
        section,
        division,
        size,
        lat,
        lon,
        distance,
        score,
        stars,
        similar,
        hires,
    )


LATEST_FIT_CACHE_KEY = "hidden_vacancies:latest_fit"


def latest_fit_id():
    """The last finished fit (kept a minute; the fit itself updates it at once)."""
    fit = cache.get(LATEST_FIT_CACHE_KEY)
    if fit is None:
        fit = FitRun.objects.exclude(finished_at=None).values_list("pk", flat=True).first() or 0
        cache.set(LATEST_FIT_CACHE_KEY, fit, 60)
    return fit


def forget_latest_fit():
    cache.delete(LATEST_FIT_CACHE_KEY)
