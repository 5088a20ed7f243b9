"""Finding the municipality a person means: its GeoNames id, or its name typed with or
without accents; the biggest of several with the same name, the others offered."""

from django.core.cache import cache

from places.geo import fold
from places.models import Municipality

SUGGESTIONS = 10
MAX_GEONAMEID = 2**31 - 1


def municipality_by_id(pk):
    """The municipality with this GeoNames id, or None (kept an hour: a search asks for
    the same few places all day)."""
    key = f"hidden_vacancies:municipality:{pk}"
    found = cache.get(key)
    if found is None:
        found = Municipality.objects.filter(pk=pk).first() or False
        cache.set(key, found, 3600)
    return found or None


def suggest_places(text, limit=SUGGESTIONS):
    if "\x00" in (text or ""):
        return []
    return list(Municipality.objects.matching(text)[:limit])


def resolve_place(text):
    """(Municipality or None, others): an id or the exact name wins (the biggest town
    of that name, the others returned); a beginning of a name that fits one town too."""
    text = (text or "").strip()
    if "\x00" in text or not text:
        return None, []
    if text.isascii() and text.isdigit():
        number = int(text)
        if number > MAX_GEONAMEID:
            return None, []
        return municipality_by_id(number), []
    same_name = list(
        Municipality.objects.filter(search_name=fold(text)).order_by("-population")[:SUGGESTIONS]
    )
    if same_name:
        return same_name[0], same_name[1:]
    starting = suggest_places(text)
    if len(starting) == 1:
        return starting[0], []
    return None, starting
