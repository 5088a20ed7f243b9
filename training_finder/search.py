"""What a search asks for, and the trainings that answer it.

Where a training is held decides whether it is near: online trainings are reachable from
anywhere, so a search near a place lists the trainings held within the radius, and
online trainings are a search of their own ("online only", or the online mode).
"""

from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from places import geo
from places.geo import fold
from places.models import Municipality
from training_finder.models import Mode, Training, TrainingStart

DEFAULT_RADIUS_KM = 25
MIN_RADIUS_KM, MAX_RADIUS_KM = geo.MIN_RADIUS_KM, geo.MAX_RADIUS_KM  # the same in every tool
PER_PAGE = 20


class Sort:
    RETURN_TO_WORK = "return-to-work"
    DISTANCE = "distance"
    START = "start"
    CHOICES = (
        (RETURN_TO_WORK, _("Return to work")),
        (DISTANCE, _("Distance")),
        (START, _("Next start date")),
    )


@dataclass(frozen=True)
class Criteria:
    occupation: object = None
    place: Municipality | None = None
    radius: int = DEFAULT_RADIUS_KM
    online: bool = False
    mode: str = ""
    free: bool = False
    max_cost: int | None = None
    sort: str = Sort.RETURN_TO_WORK

    @property
    def online_only(self):
        return self.online or self.mode == Mode.ONLINE

    @property
    def near_place(self):
        return self.place is not None and not self.online_only

    @property
    def sort_used(self):
        """Sorting by distance needs a place to measure from."""
        if self.sort == Sort.DISTANCE and not self.near_place:
            return Sort.RETURN_TO_WORK
        return self.sort


def resolve_place(text):
    """(municipality, candidates) for a GeoNames id or a name: the biggest place of
    exactly that name, else the only one starting so, else up to 10 to choose from."""
    text = str(text).strip()
    if text.isdigit():
        return Municipality.objects.filter(geonameid=int(text)).first(), []
    starting = list(Municipality.objects.matching(text)[:10])
    exact = [place for place in starting if place.search_name == fold(text)]
    if exact:
        return exact[0], []
    if len(starting) == 1:
        return starting[0], []
    return None, starting


def find_trainings(criteria, today):
    """The trainings matching `criteria`, in the order asked, ready to show."""
    trainings = _filtered(Training.objects.all(), criteria)
    if criteria.sort_used == Sort.START:
        trainings = trainings.with_next_start(today).by_next_start()
    elif criteria.sort_used == Sort.DISTANCE:
        trainings = trainings.by_distance()
    else:
        trainings = trainings.by_return_to_work()
    return trainings.select_related("municipality", "outcome").prefetch_related(
        "occupations",
        Prefetch(
            "starts",
            queryset=TrainingStart.objects.filter(starts_on__gte=today),
            to_attr="upcoming_starts",
        ),
    )


def _filtered(trainings, criteria):
    if criteria.occupation is not None:
        trainings = trainings.leading_to(criteria.occupation)
    if criteria.online_only:
        trainings = trainings.online()
    elif criteria.place is not None:
        trainings = trainings.held_near(criteria.place, criteria.radius)
    if criteria.mode:
        trainings = trainings.filter(mode=criteria.mode)
    if criteria.free:
        trainings = trainings.free()
    elif criteria.max_cost is not None:
        trainings = trainings.costing_at_most(criteria.max_cost)
    return trainings


def online_alternatives(criteria):
    """How many online trainings would match, besides a search near a place."""
    if not criteria.near_place or criteria.mode:
        return 0
    return _filtered(Training.objects.all(), _online_version(criteria)).count()


def _online_version(criteria):
    return Criteria(
        occupation=criteria.occupation,
        online=True,
        free=criteria.free,
        max_cost=criteria.max_cost,
    )
