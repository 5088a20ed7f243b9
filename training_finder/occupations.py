"""Finding an ISCO-08 occupation from what a person types: a code, an ILO title, part of
one, or a common job title ("forklift driver" is "Lifting truck operators")."""

import re

from content.models import Occupation
from places.geo import fold

CODE = re.compile(r"^\s*(\d{4})\b")

# Everyday names for the occupations the catalogue's trainings lead to most often.
COMMON_JOB_TITLES = {
    "accountant": "2411",
    "bookkeeper": "4311",
    "care assistant": "5321",
    "nursing assistant": "5321",
    "home carer": "5322",
    "cook": "5120",
    "chef": "5120",
    "kitchen assistant": "9412",
    "waiter": "5131",
    "electrician": "7411",
    "plumber": "7126",
    "forklift driver": "8344",
    "lorry driver": "8332",
    "truck driver": "8332",
    "bus driver": "8331",
    "web developer": "2513",
    "software developer": "2512",
    "programmer": "2512",
    "warehouse worker": "9333",
    "cleaner": "9112",
    "hairdresser": "5141",
    "childminder": "5311",
    "welder": "7212",
    "mason": "7112",
    "carpenter": "7115",
    "receptionist": "4226",
    "shop assistant": "5223",
    "sales assistant": "5223",
    "security guard": "5414",
    "secretary": "4120",
    "customer service adviser": "4222",
    "nurse": "3221",
}


def occupation_by_code(code):
    return Occupation.objects.filter(code=code).first()


def matching_occupations(text, limit=10):
    """Occupations whose title (or a common job title for them) contains every word
    typed, best matches first: exact title, then titles starting with the words."""
    words = fold(text).split()
    if not words:
        return []
    code = CODE.match(text)
    if code:
        found = occupation_by_code(code.group(1))
        return [found] if found else []
    common = {COMMON_JOB_TITLES[name] for name in _job_titles_matching(words)}
    scored = [
        (_score(fold(occupation.title), words, occupation.code in common), occupation)
        for occupation in Occupation.objects.only("code", "title")
    ]
    ranked = sorted((item for item in scored if item[0] is not None), key=_order)
    return [occupation for _score_value, occupation in ranked[:limit]]


def _order(item):
    score, occupation = item
    return (score, occupation.title)


def _score(title, words, is_common_job_title):
    """0 for the exact title, 1 for a common job title, 2 for a title starting with the
    words, 3 for one containing them all; None for no match."""
    phrase = " ".join(words)
    if title == phrase:
        return 0
    if is_common_job_title:
        return 1
    if title.startswith(phrase):
        return 2
    if all(word in title for word in words):
        return 3
    return None


def _job_titles_matching(words):
    return [name for name in COMMON_JOB_TITLES if all(word in name for word in words)]


def resolve_occupation(text):
    """(occupation, candidates): the one occupation meant, or None and the candidates to
    choose from (empty when nothing matches)."""
    candidates = matching_occupations(text)
    if not candidates:
        return None, []
    exact = CODE.match(text) or fold(candidates[0].title) == fold(text)
    if exact or len(candidates) == 1 or _is_common_job_title(text, candidates[0]):
        return candidates[0], []
    return None, candidates


def _is_common_job_title(text, occupation):
    return COMMON_JOB_TITLES.get(fold(text)) == occupation.code
