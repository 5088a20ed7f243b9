"""The finder's public JSON API (Django Ninja), with its OpenAPI document at
`api/v1/openapi.json` under the service's address. Scores and stars only: the
predictions behind them are never exposed. Every client is rate-limited
(portal/ratelimit.py); bad input gets a 4xx with a message, never a 5xx."""

import json
from typing import Annotated, Literal

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Query, Schema
from ninja.errors import ValidationError

from hidden_vacancies import search
from hidden_vacancies.explanations import chance, explanation, sector_label, size_label
from hidden_vacancies.lookup import MAX_GEONAMEID, municipality_by_id, suggest_places
from hidden_vacancies.occupations import has_hiring_data, occupation_by_code, suggest_occupations
from portal.ratelimit import hit

DEFAULT_REQUESTS_PER_MINUTE = 120

api = NinjaAPI(
    title="Hidden-vacancy finder",
    version="1",
    description=(
        "Establishments likely to hire in an occupation near a place, from their hiring "
        "history: a 0–100 score and 1–5 stars per establishment and occupation."
    ),
    urls_namespace="hidden_vacancies:hidden_vacancies_api",
    docs_url=None,
)


class Error(Schema):
    detail: str
    errors: list[dict] = []


class OccupationOut(Schema):
    code: str
    title: str


class OccupationSuggestion(Schema):
    code: str
    label: str


class PlaceOut(Schema):
    id: int
    name: str
    region: str
    latitude: float
    longitude: float


class SectorOut(Schema):
    section: str
    division: str
    label: str


class ResultOut(Schema):
    identifier: str
    name: str
    address: str
    municipality: str
    sector: SectorOut
    size_band: str
    size: str
    latitude: float
    longitude: float
    distance_km: float
    score: int
    stars: int
    chance: str
    explanation: str


class SearchOut(Schema):
    occupation: OccupationOut
    place: PlaceOut
    radius_km: int
    order: str
    has_hiring_data: bool
    notice: str | None = None
    count: int
    page: int
    pages: int
    results: list[ResultOut]


# What each parameter must be, said the same way whatever pydantic found wrong.
EXPECTED = {
    "occupation": gettext_lazy(
        "occupation must be an ISCO-08 unit group code, four digits (e.g. 5120)"
    ),
    "place": gettext_lazy(
        "place must be the GeoNames id of a municipality, a whole number (see /places?q=)"
    ),
    "radius": gettext_lazy("radius must be a whole number of km from %(low)s to %(high)s"),
    "page": gettext_lazy("page must be a page number from 1 to %(high)s"),
    "size": gettext_lazy("size must be one of micro, small, medium, large"),
    "sector": gettext_lazy("sector must be an ISIC Rev.4 section letter, A to U"),
    "order": gettext_lazy("order must be shuffle or distance"),
    "q": gettext_lazy("q must be some text, at most 100 characters"),
}
BOUNDS = {"low": search.MIN_RADIUS_KM, "high": search.MAX_RADIUS_KM}


@api.exception_handler(ValidationError)
def invalid_request(request, exc):
    errors = [_field_error(error) for error in exc.errors]
    detail = _("Invalid request: %(problems)s.") % {
        "problems": "; ".join(error["expected"] for error in errors)
    }
    return api.create_response(request, {"detail": detail, "errors": errors}, status=422)


def _field_error(error):
    location = [str(part) for part in error.get("loc", ())]
    name = location[-1] if location else ""
    bounds = {**BOUNDS, "high": search.MAX_PAGE} if name == "page" else BOUNDS
    expected = str(EXPECTED[name]) % bounds if name in EXPECTED else _("%s is not valid") % name
    return {"field": name, "expected": expected, "message": error.get("msg", "")}


def _over_limit(request):
    limit = getattr(
        settings, "HIDDEN_VACANCIES_API_REQUESTS_PER_MINUTE", DEFAULT_REQUESTS_PER_MINUTE
    )
    if hit("hidden-vacancies-api", request, limit, 60):
        return None
    response = api.create_response(
        request,
        {
            "detail": _("Too many requests: at most %(limit)s a minute. Try again in a minute.")
            % {"limit": limit}
        },
        status=429,
    )
    response["Retry-After"] = "60"
    return response


def _not_found(request, detail):
    return api.create_response(request, {"detail": detail}, status=404)


ERRORS = {404: Error, 422: Error, 429: Error}
Text = Annotated[str, Query(min_length=1, max_length=100, description="what was typed")]
SizeCode = Literal["micro", "small", "medium", "large"]
SectionCode = Literal[
    "A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O", "P", "Q", "R",
    "S", "T", "U",
]  # fmt: skip


@api.get("/search", response={200: SearchOut, **ERRORS}, summary="Establishments likely to hire")
def search_establishments(
    request,
    occupation: Annotated[
        str, Query(pattern=r"^[0-9]{4}$", description="ISCO-08 unit group, e.g. 5120")
    ],
    place: Annotated[
        int, Query(ge=1, le=MAX_GEONAMEID, description="GeoNames id of a municipality")
    ],
    radius: Annotated[
        int, Query(ge=search.MIN_RADIUS_KM, le=search.MAX_RADIUS_KM, description="km")
    ] = search.DEFAULT_RADIUS_KM,
    size: SizeCode | None = None,
    sector: Annotated[SectionCode | None, Query(description="ISIC Rev.4 section letter")] = None,
    order: Literal["shuffle", "distance"] = search.SHUFFLE,
    page: Annotated[int, Query(ge=1, le=search.MAX_PAGE)] = 1,
):
    """Establishments within `radius` km of the place with a hiring potential in the
    occupation: by default a score-weighted shuffle that changes daily, or nearest first."""
    if limited := _over_limit(request):
        return limited
    found = occupation_by_code(occupation)
    if found is None:
        message = _("No ISCO-08 unit group has the code %(code)s.") % {"code": occupation}
        return _not_found(request, message)
    municipality = municipality_by_id(place)
    if municipality is None:
        return _not_found(request, _("No municipality has the id %(id)s.") % {"id": place})
    query = search.Query(
        found.pk,
        municipality.latitude,
        municipality.longitude,
        radius,
        size or "",
        sector or "",
        order,
        page,
    )
    return _search_response(found, municipality, query)


def _search_response(occupation, municipality, query):
    """The answer as JSON, kept with the page of results it comes from (same fit, same
    day) in each language. Built from `SearchOut`'s fields and checked against it by the
    tests; returned as bytes, since validating the same answer again on every request
    cost as much as the rest of the request."""
    day = timezone.localdate()
    fit, language = search.latest_fit_id(), get_language()
    key = f"hidden_vacancies:api:{fit}:{day}:{language}:{search.query_key(query)}"
    body = cache.get(key)
    if body is None:
        body = json.dumps(_search_out(occupation, municipality, query, day)).encode()
        cache.set(key, body, search.RESULTS_CACHE_SECONDS)
    return HttpResponse(body, content_type="application/json; charset=utf-8")


def _search_out(occupation, municipality, query, day):
    with_data = has_hiring_data(occupation)
    page = search.search(query, day) if with_data else None
    return {
        "occupation": {"code": occupation.code, "title": occupation.title},
        "place": {
            "id": municipality.pk,
            "name": municipality.name,
            "region": municipality.region,
            "latitude": municipality.latitude,
            "longitude": municipality.longitude,
        },
        "radius_km": query.radius_km,
        "order": query.order,
        "has_hiring_data": with_data,
        "notice": None if with_data else _("We have no hiring data for this occupation yet."),
        "count": page.count if page else 0,
        "page": query.page,
        "pages": page.num_pages if page else 1,
        "results": [_result_out(result) for result in page.results] if page else [],
    }


def _result_out(result):
    return {
        "identifier": result.identifier,
        "name": result.name,
        "address": result.address,
        "municipality": result.municipality,
        "sector": {
            "section": result.section,
            "division": result.division,
            "label": sector_label(result.section),
        },
        "size_band": result.size_band,
        "size": str(size_label(result.size_band)),
        "latitude": result.latitude,
        "longitude": result.longitude,
        "distance_km": round(result.distance_km, 1),
        "score": result.score,
        "stars": result.stars,
        "chance": chance(result.stars),
        "explanation": explanation(result),
    }


@api.get(
    "/occupations",
    response={200: list[OccupationSuggestion], **ERRORS},
    summary="Occupations matching a text",
)
def occupations(request, q: Text):
    """ISCO-08 titles and everyday job titles that match `q` (accents ignored)."""
    if limited := _over_limit(request):
        return limited
    return [{"code": s.code, "label": s.label} for s in suggest_occupations(q)]


@api.get("/places", response={200: list[PlaceOut], **ERRORS}, summary="Municipalities by name")
def places(request, q: Text):
    """Municipalities whose name starts with `q` (accents ignored), biggest first."""
    if limited := _over_limit(request):
        return limited
    return [
        {
            "id": m.pk,
            "name": m.name,
            "region": m.region,
            "latitude": m.latitude,
            "longitude": m.longitude,
        }
        for m in suggest_places(q)
    ]
