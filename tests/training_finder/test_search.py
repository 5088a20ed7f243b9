"""Which trainings a search finds and in what order: the radius boundary, online
trainings, cost and mode filters, the three sorts, and words resolved to an occupation
or a town."""

import datetime

import pytest

from content.models import Occupation
from tests.training_finder.factories import (
    MunicipalityFactory,
    TrainingFactory,
    outcome,
    place_north_of,
)
from training_finder.models import Mode
from training_finder.occupations import matching_occupations, resolve_occupation
from training_finder.search import (
    Criteria,
    Sort,
    find_trainings,
    online_alternatives,
    resolve_place,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2030, 1, 15)


def found(criteria):
    return [training.identifier for training in find_trainings(criteria, TODAY)]


@pytest.fixture
def centre():
    return MunicipalityFactory(name="Centreville", latitude=45.0, longitude=5.0)


def test_the_radius_holds_to_a_metre_at_its_boundary(centre):
    # Exactly 25 km is a matter of floating-point rounding; a metre either side is not.
    inside = place_north_of(centre, 24.999)
    outside = place_north_of(centre, 25.001)
    TrainingFactory(identifier="INSIDE", municipality=inside)
    TrainingFactory(identifier="OUTSIDE", municipality=outside)
    TrainingFactory(identifier="CENTRE", municipality=centre)
    trainings = list(find_trainings(Criteria(place=centre, radius=25, sort=Sort.DISTANCE), TODAY))
    assert [t.identifier for t in trainings] == ["CENTRE", "INSIDE"]
    assert [round(t.distance_km, 3) for t in trainings] == [0, 24.999]
    assert "OUTSIDE" in found(Criteria(place=centre, radius=26))


def test_the_radius_holds_east_and_west_too(centre):
    # 1° of longitude at 45°N is about 78.7 km: 0.3° is 23.6 km, 0.34° is 26.7 km.
    near = MunicipalityFactory(latitude=45.0, longitude=5.3)
    far = MunicipalityFactory(latitude=45.0, longitude=4.66)
    TrainingFactory(identifier="EAST", municipality=near)
    TrainingFactory(identifier="WEST", municipality=far)
    assert found(Criteria(place=centre, radius=25)) == ["EAST"]


def test_online_trainings_are_their_own_search(centre):
    TrainingFactory(identifier="HERE", municipality=centre)
    TrainingFactory(identifier="WEB", online=True)
    TrainingFactory(identifier="MIX", municipality=centre, mode=Mode.BLENDED)
    assert sorted(found(Criteria(place=centre))) == ["HERE", "MIX"]
    assert found(Criteria(place=centre, online=True)) == ["WEB"]
    assert found(Criteria(online=True)) == ["WEB"]
    assert found(Criteria(mode=Mode.ONLINE)) == ["WEB"]
    assert sorted(found(Criteria())) == ["HERE", "MIX", "WEB"]
    assert online_alternatives(Criteria(place=centre)) == 1
    assert online_alternatives(Criteria(online=True)) == 0


def test_mode_and_cost_filters(centre):
    TrainingFactory(identifier="FREE", municipality=centre, cost=0)
    TrainingFactory(identifier="CHEAP", municipality=centre, cost=500)
    TrainingFactory(identifier="DEAR", municipality=centre, cost=5000, mode=Mode.BLENDED)
    assert found(Criteria(place=centre, free=True)) == ["FREE"]
    assert sorted(found(Criteria(place=centre, max_cost=500))) == ["CHEAP", "FREE"]
    assert found(Criteria(place=centre, mode=Mode.BLENDED)) == ["DEAR"]


def test_the_occupation_filter(centre):
    TrainingFactory(identifier="COOK", municipality=centre, occupations=["5120"])
    TrainingFactory(identifier="DEV", municipality=centre, occupations=["2512", "2513"])
    web = Occupation.objects.get(code="2513")
    assert found(Criteria(occupation=web)) == ["DEV"]


def test_return_to_work_order_puts_well_measured_results_first(centre):
    lucky = TrainingFactory(identifier="LUCKY", municipality=centre)
    solid = TrainingFactory(identifier="SOLID", municipality=centre)
    weak = TrainingFactory(identifier="WEAK", municipality=centre)
    TrainingFactory(identifier="NEW", municipality=centre)
    outcome(lucky, 3, 3)
    outcome(solid, 80, 100)
    outcome(weak, 40, 100)
    assert found(Criteria(place=centre)) == ["SOLID", "LUCKY", "WEAK", "NEW"]


def test_sorting_by_distance_and_by_next_start(centre):
    far = TrainingFactory(
        identifier="FAR",
        municipality=place_north_of(centre, 20),
        starts=[TODAY + datetime.timedelta(5)],
    )
    near = TrainingFactory(
        identifier="NEAR",
        municipality=place_north_of(centre, 2),
        starts=[TODAY - datetime.timedelta(5), TODAY + datetime.timedelta(60)],
    )
    TrainingFactory(identifier="NONE", municipality=centre)
    outcome(far, 90, 100)
    outcome(near, 10, 100)
    assert found(Criteria(place=centre, sort=Sort.DISTANCE)) == ["NONE", "NEAR", "FAR"]
    assert found(Criteria(place=centre, sort=Sort.START)) == ["FAR", "NEAR", "NONE"]
    listed = {t.identifier: t for t in find_trainings(Criteria(place=centre), TODAY)}
    assert [s.starts_on for s in listed["NEAR"].upcoming_starts] == [TODAY + datetime.timedelta(60)]


def test_sorting_by_distance_without_a_place_sorts_by_return_to_work():
    assert Criteria(sort=Sort.DISTANCE).sort_used == Sort.RETURN_TO_WORK
    assert Criteria(sort=Sort.DISTANCE, online=True).sort_used == Sort.RETURN_TO_WORK


# --- Words to occupations and towns ---


def test_occupations_from_codes_titles_and_common_job_titles():
    assert [o.code for o in matching_occupations("5120")] == ["5120"]
    assert matching_occupations("5120 Cooks")[0].title == "Cooks"
    assert matching_occupations("forklift driver")[0].code == "8344"
    assert matching_occupations("web developer")[0].code == "2513"
    assert matching_occupations("COOKS")[0].code == "5120"
    assert matching_occupations("zzzz") == []
    assert matching_occupations("   ") == []


def test_resolving_an_occupation_asks_when_words_are_ambiguous():
    assert resolve_occupation("Cooks")[0].code == "5120"
    assert resolve_occupation("care assistant")[0].code == "5321"
    occupation, candidates = resolve_occupation("teachers")
    assert occupation is None and len(candidates) > 1
    assert resolve_occupation("9999") == (None, [])


def test_resolving_a_town(lyon, villeurbanne):
    MunicipalityFactory(name="Lyons-la-Forêt", population=700)
    assert resolve_place("lyon") == (lyon, [])
    assert resolve_place(str(lyon.geonameid)) == (lyon, [])
    assert resolve_place("villeur") == (villeurbanne, [])
    place, candidates = resolve_place("ly")
    assert place is None and candidates[:2] == [lyon, candidates[1]]
    assert resolve_place("Atlantis") == (None, [])
    assert resolve_place("123456789") == (None, [])
