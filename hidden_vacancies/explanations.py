"""What a result says about itself, in plain words: facts about the past hiring that
the stars rest on, never the prediction itself."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from hidden_vacancies.models import SizeBand
from hidden_vacancies.sectors import section_label

CHANCES = {
    1: gettext_lazy("May hire in the next six months"),
    2: gettext_lazy("Some chance of hiring in the next six months"),
    3: gettext_lazy("A good chance of hiring in the next six months"),
    4: gettext_lazy("A high chance of hiring in the next six months"),
    5: gettext_lazy("A very high chance of hiring in the next six months"),
}
SIZES = dict(SizeBand.choices)


def chance(stars):
    """What the stars mean, in words."""
    return str(CHANCES[stars])


def stars_label(stars):
    return ngettext("%(stars)s star out of 5", "%(stars)s stars out of 5", stars) % {"stars": stars}


def explanation(result):
    """Why this company is in the list, from its hires in the last 12 months."""
    hires, similar = result.hires, result.similar_hires
    if hires and similar:
        return ngettext(
            "Hired %(hires)s person in the last 12 months, in a job like this one.",
            "Hired %(hires)s people in the last 12 months, about %(similar)s in jobs like "
            "this one.",
            hires,
        ) % {"hires": hires, "similar": similar}
    if hires:
        return ngettext(
            "Hired %(hires)s person in the last 12 months.",
            "Hired %(hires)s people in the last 12 months.",
            hires,
        ) % {"hires": hires}
    return _(
        "Hired nobody in the last 12 months, but companies like it in the region hire "
        "people in this job."
    )


def size_label(code):
    return SIZES.get(code, code)


def sector_label(code):
    return str(section_label(code))
