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
from django.db import connection

from hidden_vacancies.models import Establishment, FitRun, HiringPotential
from places import geo
from places.geo import EARTH_RADIUS_KM, bounding_box, within
from places.models import Municipality

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
    """One statement: the page's potentials (each row carrying the count of all matches),
    read from the potentials alone, joined to their establishments' details after the
    page is cut. Written in SQL, not with the ORM: this runs on every search, and
    building the same query with the ORM cost the server more than running it. The
    tests hold it to the ORM's `candidates()` and the Python `shuffle_key()`."""
    sql, params = _page_sql(query, day)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    # Past the last page there is no row to carry the count.
    count = rows[0][-1] if rows else candidates(query).count()
    return Page([Result(*row[:-1]) for row in rows], count, query.page)


def _page_sql(query, day):
    q = connection.ops.quote_name
    min_lat, max_lat, min_lon, max_lon = bounding_box(
        query.latitude, query.longitude, query.radius_km
    )
    phi = math.radians(query.latitude)
    least, greatest = ("LEAST", "GREATEST") if connection.vendor == "postgresql" else ("MIN", "MAX")
    # As places.geo.within(): the spherical law of cosines, clamped to acos's domain.
    distance = (
        f"{EARTH_RADIUS_KM!r} * ACOS({least}({greatest}(%s * SIN(RADIANS(p.latitude)) + "
        "%s * COS(RADIANS(p.latitude)) * COS(RADIANS(p.longitude) - %s), -1.0), 1.0))"
    )
    params = [math.sin(phi), math.cos(phi), math.radians(query.longitude)]
    conditions = ["p.occupation_id = %s", "p.latitude BETWEEN %s AND %s"]
    conditions.append("p.longitude BETWEEN %s AND %s")
    params += [query.occupation_id, min_lat, max_lat, min_lon, max_lon]
    for column, value in (("size_band", query.size_band), ("section", query.section)):
        if value:
            conditions.append(f"p.{column} = %s")
            params.append(value)
    computed = f"{distance} AS distance_km"
    if query.order == DISTANCE:
        order = "distance_km ASC"
    else:
        # shuffle_key() in integer arithmetic, as shuffle_number() computes it.
        seed = daily_seed(day)
        first = f"((CAST(p.establishment_id AS BIGINT) * {MULTIPLIER} + {seed}) %% {PRIME})"
        second = f"(({first} * {first} + {seed}) %% {PRIME})"
        shuffle = (
            f"LN((CAST({second} AS DOUBLE PRECISION) + 1.0) / {float(PRIME + 1)!r}) "
            "/ CAST(p.score AS DOUBLE PRECISION)"
        )
        computed += f", {shuffle} AS shuffle"
        order = "shuffle DESC"
    params += [query.radius_km, PAGE_SIZE, (query.page - 1) * PAGE_SIZE]
    sql = f"""
        SELECT e.id, e.identifier, e.name, e.address, m.name, page.section, e.division,
               page.size_band, page.latitude, page.longitude, page.distance_km,
               page.score, page.stars, page.similar_hires_last_12_months,
               page.hires_last_12_months, page.total
        FROM (
            SELECT near.*, COUNT(*) OVER () AS total
            FROM (
                SELECT p.establishment_id, p.section, p.size_band, p.latitude,
                       p.longitude, p.score, p.stars, p.similar_hires_last_12_months,
                       p.hires_last_12_months, {computed}
                FROM {q(HiringPotential._meta.db_table)} p
                WHERE {" AND ".join(conditions)}
            ) near
            WHERE near.distance_km <= %s
            ORDER BY near.{order}, near.establishment_id ASC
            LIMIT %s OFFSET %s
        ) page
        JOIN {q(Establishment._meta.db_table)} e ON e.id = page.establishment_id
        LEFT JOIN {q(Municipality._meta.db_table)} m ON m.geonameid = e.municipality_id
        ORDER BY page.{order}, page.establishment_id ASC
    """  # noqa: S608 (only numbers and the models' own names are written into it)
    return sql, params


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
