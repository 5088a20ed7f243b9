"""ISIC Rev.4 / NACE Rev.2 sections and divisions (the two agree at these levels).

Sections are shown to people (translated); divisions are codes the data and the
occupation mapping use.
"""

from django.utils.translation import gettext_lazy as _

SECTIONS = [
    ("A", _("Agriculture, forestry and fishing")),
    ("B", _("Mining and quarrying")),
    ("C", _("Manufacturing")),
    ("D", _("Electricity, gas and steam")),
    ("E", _("Water supply, waste and recycling")),
    ("F", _("Construction")),
    ("G", _("Wholesale and retail trade, repair of vehicles")),
    ("H", _("Transport and storage")),
    ("I", _("Hotels, restaurants and catering")),
    ("J", _("Information and communication")),
    ("K", _("Finance and insurance")),
    ("L", _("Real estate")),
    ("M", _("Professional, scientific and technical services")),
    ("N", _("Administrative and support services")),
    ("O", _("Public administration")),
    ("P", _("Education")),
    ("Q", _("Health and social work")),
    ("R", _("Arts, entertainment and recreation")),
    ("S", _("Other services")),
    ("T", _("Households as employers")),
    ("U", _("International organisations")),
]

# First division of each section, in order: a division belongs to the last section
# whose first division is not above it.
_FIRST_DIVISION = [
    (1, "A"),
    (5, "B"),
    (10, "C"),
    (35, "D"),
    (36, "E"),
    (41, "F"),
    (45, "G"),
    (49, "H"),
    (55, "I"),
    (58, "J"),
    (64, "K"),
    (68, "L"),
    (69, "M"),
    (77, "N"),
    (84, "O"),
    (85, "P"),
    (86, "Q"),
    (90, "R"),
    (94, "S"),
    (97, "T"),
    (99, "U"),
]

# Numbers ISIC Rev.4 does not use for a division.
_UNUSED = {4, 34, 40, 44, 48, 54, 57, 67, 76, 83, 89}

SECTION_CODES = [code for code, _label in SECTIONS]


def section_of(division):
    """The section letter of a two-digit division code, or None if there is none."""
    if not (
        isinstance(division, str)
        and len(division) == 2
        and division.isascii()
        and division.isdigit()
    ):
        return None
    number = int(division)
    if number < 1 or number in _UNUSED:
        return None
    section = None
    for first, letter in _FIRST_DIVISION:
        if number >= first:
            section = letter
    return section


SECTION_LABELS = dict(SECTIONS)


def section_label(code):
    return SECTION_LABELS.get(code, code)
