"""Telling whether two short texts are about the same thing, in any of the portal's
languages, without a search engine: for the catalogue's search box and for the overlap
check that shows similar services and suggestions before a new suggestion is saved.

Texts are compared as sets of normalised words (case and accents folded, the commonest
short words dropped). Two words match when they are equal or when one, four letters or
more, begins the other ("train" and "training", "course" and "courses"), a crude stand-in
for stemming that works the same in every language.
"""

import re
import unicodedata

# The commonest function words in the portal's Latin-script languages: they say nothing
# about what a service does. Arabic and Ukrainian ones are short enough to matter little.
# One line of words per language (English, French, Swedish, Estonian), accents folded as
# `words` folds them: easier to read and extend than some 140 quoted strings.
STOP_WORDS = frozenset(
    """
    a an and are as at be by can do for from get has have how i if in into is it its me
    my no not of on or our so than that the their them there they this to up us was we
    what when where which who why will with would you your
    au aux avec ce ces dans de des du elle en est et il je la le les leur mais me mes mon
    ne nous on ou par pas plus pour qu que qui sa se ses son sur ta te tes ton tu un une
    vos votre vous
    att av da de den det dem du ej en ett for fran har hur i jag kan med men mig min och
    om pa sig som till under var vi vill
    ja ei ka kes kui mida mis ning on ta et
    """.split()  # noqa: SIM905
)
PREFIX_MIN_LENGTH = 4
SIMILAR_FROM = 0.5  # share of a label's words found in the other text


def words(text):
    """The distinct meaningful words of `text`, lower-case and without accents."""
    decomposed = unicodedata.normalize("NFKD", str(text or "")).casefold()
    folded = "".join(char for char in decomposed if not unicodedata.combining(char))
    return {
        word
        for word in re.findall(r"[^\W_]+", folded)
        if len(word) > 1 and word not in STOP_WORDS and not word.isdigit()
    }


def same_word(one, other):
    if one == other:
        return True
    shorter, longer = sorted((one, other), key=len)
    return len(shorter) >= PREFIX_MIN_LENGTH and longer.startswith(shorter)


def _found(needles, haystack):
    return sum(1 for word in needles if any(same_word(word, other) for other in haystack))


def likeness(text, label):
    """How much `text` and `label` share, from 0 to 1: the share of the shorter one's
    words that the other has too (the overlap coefficient). A short label such as a
    service's name counts as similar to a long description that mentions it all."""
    one, other = words(text), words(label)
    if not one or not other:
        return 0.0
    shorter, longer = sorted((one, other), key=len)
    found = _found(shorter, longer)
    if found < min(2, len(shorter)):
        return 0.0
    return found / len(shorter)


def rank_similar(text, candidates, limit=3):
    """The candidates alike enough to `text`, most alike first. `candidates` are
    (item, [labels]) pairs; an item is as alike as its most alike label."""
    scored = []
    for item, labels in candidates:
        score = max((likeness(text, label) for label in labels), default=0.0)
        if score >= SIMILAR_FROM:
            scored.append((score, len(scored), item))
    scored.sort(key=lambda entry: (-entry[0], entry[1]))
    return [item for _score, _order, item in scored[:limit]]


def matches_query(query, text):
    """True when every word of the search `query` is in `text` (or begins one of its
    words), so "train" finds "training"; an empty query matches everything."""
    wanted = words(query)
    if not wanted:
        return True
    available = words(text)
    return all(
        any(word == other or other.startswith(word) for other in available) for word in wanted
    )


# --- The overlap check of the "Suggest a service" form ---

OPEN_SUGGESTIONS_COMPARED = 500


def similar_services(text, limit=3):
    """Services in the store whose name or summary (in the visitor's language or the
    default one) is like `text`."""
    from django.conf import settings
    from django.utils import translation

    from services_store.models import Service

    candidates = []
    for service in Service.objects.in_store():
        manifest = service.manifest
        if manifest is None:
            continue
        labels = [str(manifest.name), str(manifest.summary)]
        with translation.override(settings.LANGUAGE_CODE):
            labels += [str(manifest.name), str(manifest.summary)]
        candidates.append((service, labels))
    return rank_similar(text, candidates, limit)


def similar_suggestions(text, limit=3):
    """Suggestions still open (new or under study) whose title is like `text`."""
    from services_store.models import ServiceSuggestion, SuggestionStatus

    open_ones = ServiceSuggestion.objects.filter(
        status__in=[SuggestionStatus.NEW, SuggestionStatus.UNDER_STUDY]
    ).only("title", "status", "created_at")[:OPEN_SUGGESTIONS_COMPARED]
    return rank_similar(text, [(suggestion, [suggestion.title]) for suggestion in open_ones], limit)
