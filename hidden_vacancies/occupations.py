"""Finding the occupation a person means: an ISCO-08 code, its title, or an everyday
job title, with accents and case ignored; and whether we have hiring data for it."""

import re
from dataclasses import dataclass

from django.core.cache import cache

from content.models import Occupation
from hidden_vacancies.job_titles import JOB_TITLES
from hidden_vacancies.models import OccupationSector
from hidden_vacancies.scoring import MIN_WEIGHT
from places.geo import fold

CODE = re.compile(r"^\s*([0-9]{4})\b")
TITLES_CACHE_KEY = "hidden_vacancies:isco_unit_groups"
MAPPED_CACHE_KEY = "hidden_vacancies:mapped_occupations"
SUGGESTIONS = 10


@dataclass(frozen=True)
class Suggestion:
    code: str
    label: str


def _unit_groups():
    """{code: (id, title)} of the 436 ISCO-08 unit groups (they change only by
    migration, so they are kept an hour)."""
    groups = cache.get(TITLES_CACHE_KEY)
    if groups is None:
        rows = Occupation.objects.values_list("code", "pk", "title")
        groups = {code: (pk, title) for code, pk, title in rows}
        cache.set(TITLES_CACHE_KEY, groups, 3600)
    return groups


def isco_titles():
    """{code: title} of the ISCO-08 unit groups."""
    return {code: title for code, (_pk, title) in _unit_groups().items()}


def occupation_by_code(code):
    """The Occupation with this code, or None, without a query (an unsaved-looking but
    complete instance, for reading)."""
    found = _unit_groups().get(code)
    if found is None:
        return None
    return Occupation(pk=found[0], code=code, title=found[1])


def _labels():
    """(label, code) pairs: every ISCO title, then the everyday job titles."""
    yield from ((title, code) for code, title in isco_titles().items())
    yield from ((str(title), code) for title, code in JOB_TITLES)


def suggest_occupations(text, limit=SUGGESTIONS):
    """Titles that match what was typed: whole title first, then titles starting with
    it, then titles with a word starting with it."""
    folded = fold(text)
    if not folded:
        return []
    ranked = []
    for label, code in _labels():
        rank = _match_rank(fold(label), folded)
        if rank is not None:
            ranked.append((rank, len(label), label, code))
    ranked.sort()
    return [Suggestion(code, label) for _rank, _length, label, code in ranked[:limit]]


def _match_rank(label, folded):
    if label == folded:
        return 0
    if label.startswith(folded):
        return 1
    if f" {folded}" in f" {label}":
        return 2
    return None


def resolve_occupation(text):
    """(Occupation or None, other candidates): a code or an exact title wins at once;
    otherwise the single match, or None and the candidates to choose from."""
    match = CODE.match(text or "")
    if match:
        return occupation_by_code(match.group(1)), []
    candidates = suggest_occupations(text, limit=3 * SUGGESTIONS)
    exact = [s for s in candidates if fold(s.label) == fold(text)]
    by_code = {}
    for suggestion in candidates:
        by_code.setdefault(suggestion.code, suggestion)  # one choice per occupation
    if exact or len(by_code) == 1:
        return occupation_by_code((exact or candidates)[0].code), []
    return None, list(by_code.values())[:SUGGESTIONS]


def has_hiring_data(occupation):
    """Whether the mapping covers the occupation (kept five minutes: staff may edit it)."""
    mapped = cache.get(MAPPED_CACHE_KEY)
    if mapped is None:
        rows = OccupationSector.objects.filter(weight__gte=MIN_WEIGHT).values_list("occupation")
        mapped = {pk for (pk,) in rows}
        cache.set(MAPPED_CACHE_KEY, mapped, 300)
    return occupation.pk in mapped


def related_with_data(occupation, limit=5):
    """Occupations of the same ISCO sub-major group (first two digits) that we do have
    hiring data for: what to offer when the chosen one has none."""
    codes = (
        OccupationSector.objects.filter(
            occupation__code__startswith=occupation.code[:2], weight__gte=MIN_WEIGHT
        )
        .exclude(occupation=occupation)
        .values_list("occupation", flat=True)
    )
    return list(Occupation.objects.filter(pk__in=codes).order_by("code")[:limit])


def occupations_with_data():
    """The occupations the mapping covers, for the form's plain list of choices."""
    mapped = OccupationSector.objects.filter(weight__gte=MIN_WEIGHT).values("occupation")
    return Occupation.objects.filter(pk__in=mapped).order_by("title")
