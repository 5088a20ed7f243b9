"""Links to the hidden-vacancy finder: the companies likely to hire for a training's
occupation around where it is held (or where the visitor searched, for an online one).

Its search takes the same parameters as ours: `occupation` (ISCO-08 code), `place`
(GeoNames id) and `radius` (km). No link is shown while that service is not installed,
or not open to this visitor (being built, or in a beta they have not joined).
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import NoReverseMatch, reverse

from services_store.access import app_is_open_to

VACANCY_FINDER_APP = "hidden_vacancies"


def vacancy_finder_address(request):
    """The vacancy finder's search address, or None when this visitor cannot use it."""
    try:
        address = reverse(f"{VACANCY_FINDER_APP}:search")
    except NoReverseMatch:
        return None
    return address if app_is_open_to(request, VACANCY_FINDER_APP) else None


@dataclass(frozen=True)
class VacancyLink:
    url: str
    occupation: object
    place: object


def vacancies_for(address, training, criteria):
    """A VacancyLink to the companies that may hire for this training's occupation near
    where it is held, or None."""
    occupation = _occupation_of(training, criteria)
    if address is None or occupation is None:
        return None
    query = {"occupation": occupation.code}
    place = training.municipality or criteria.place
    if place is not None:
        query.update(place=place.geonameid, radius=criteria.radius)
    return VacancyLink(f"{address}?{urlencode(query)}", occupation, place)


def _occupation_of(training, criteria):
    """The occupation searched for when the training leads to it, else its first one."""
    occupations = list(training.occupations.all())
    if criteria.occupation in occupations:
        return criteria.occupation
    return occupations[0] if occupations else None
