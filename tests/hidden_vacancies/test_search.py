"""The search: the radius is right at its boundary, filters and orders hold, and the
score-weighted shuffle is the same all day and changes from one day to the next."""

import dataclasses
import datetime
import math

import pytest

from hidden_vacancies import search
from hidden_vacancies.models import FitRun
from places.geo import EARTH_RADIUS_KM
from tests.hidden_vacancies.conftest import add_potential, make_establishment, north_of

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 3, 2)


def east_of(latitude, longitude, km):
    """The point `km` away on a bearing of 90° (great circle), as places.geo measures."""
    d, phi = km / EARTH_RADIUS_KM, math.radians(latitude)
    phi2 = math.asin(math.sin(phi) * math.cos(d))
    lambda2 = math.radians(longitude) + math.atan2(
        math.sin(d) * math.cos(phi), math.cos(d) - math.sin(phi) * math.sin(phi2)
    )
    return math.degrees(phi2), math.degrees(lambda2)


def query_around(municipality, occupation, **changes):
    return search.Query(
        occupation_id=occupation.pk,
        latitude=municipality.latitude,
        longitude=municipality.longitude,
        **changes,
    )


def ids(page):
    return [result.establishment_id for result in page.results]


def test_the_seed_is_the_same_all_day_and_changes_every_day():
    assert search.daily_seed(DAY) == search.daily_seed(datetime.date(2026, 3, 2))
    seeds = {search.daily_seed(DAY + datetime.timedelta(days=n)) for n in range(365)}
    assert len(seeds) == 365
    assert all(1 <= seed < search.PRIME for seed in seeds)


def test_the_shuffle_numbers_are_spread_over_zero_to_one():
    numbers = [search.shuffle_number(pk, search.daily_seed(DAY)) for pk in range(1, 2001)]
    assert all(0 < n < 1 for n in numbers)
    deciles = [sum(1 for n in numbers if k / 10 <= n < (k + 1) / 10) for k in range(10)]
    assert min(deciles) > 150  # about 200 in each tenth


@pytest.fixture
def around_lyon(municipalities, cooks):
    lyon = municipalities["Lyon"]
    establishments = []
    for number in range(30):
        place = make_establishment(lyon, number, latitude=north_of(lyon.latitude, number / 10))
        add_potential(place, cooks, score=10 + 3 * number, stars=1 + number // 7)
        establishments.append(place)
    return lyon, establishments


def test_the_database_sorts_as_the_python_key_says(around_lyon, cooks):
    lyon, establishments = around_lyon
    page = search._search(query_around(lyon, cooks), DAY)
    seed = search.daily_seed(DAY)
    scores = {e.pk: 10 + 3 * n for n, e in enumerate(establishments)}
    expected = sorted(scores, key=lambda pk: (-search.shuffle_key(pk, scores[pk], seed), pk))
    assert ids(page) == expected[: search.PAGE_SIZE]
    assert page.count == 30


def test_the_order_is_stable_within_a_day_and_differs_across_days(around_lyon, cooks):
    lyon, _establishments = around_lyon
    query = query_around(lyon, cooks, page=1)
    monday = ids(search._search(query, DAY))
    assert ids(search._search(query, DAY)) == monday
    other_days = [ids(search._search(query, DAY + datetime.timedelta(days=n))) for n in (1, 2, 3)]
    assert all(order != monday for order in other_days)


def test_a_higher_score_comes_first_more_often(municipalities, cooks):
    lyon = municipalities["Lyon"]
    strong, weak = make_establishment(lyon, 1), make_establishment(lyon, 2)
    add_potential(strong, cooks, score=90, stars=5)
    add_potential(weak, cooks, score=10, stars=1)
    firsts = [
        search._search(query_around(lyon, cooks), DAY + datetime.timedelta(days=n))
        .results[0]
        .establishment_id
        for n in range(300)
    ]
    share = firsts.count(strong.pk) / len(firsts)
    assert 0.8 < share < 0.98  # 90 / (90 + 10) in theory
    assert weak.pk in firsts  # the weaker company does get its turn


def test_the_radius_is_exact_at_its_boundary(municipalities, cooks):
    lyon = municipalities["Lyon"]
    places = {
        "north, 9.99 km": (north_of(lyon.latitude, 9.99), lyon.longitude),
        "north, 10.01 km": (north_of(lyon.latitude, 10.01), lyon.longitude),
        "east, 9.99 km": east_of(lyon.latitude, lyon.longitude, 9.99),
        "east, 10.01 km": east_of(lyon.latitude, lyon.longitude, 10.01),
    }
    names = {}
    for number, (name, (lat, lon)) in enumerate(places.items()):
        place = make_establishment(lyon, number, name=name, latitude=lat, longitude=lon)
        add_potential(place, cooks)
        names[place.pk] = name
    page = search._search(query_around(lyon, cooks, radius_km=10, order=search.DISTANCE), DAY)
    assert [names[pk] for pk in ids(page)] == ["north, 9.99 km", "east, 9.99 km"]
    assert [round(result.distance_km, 2) for result in page.results] == [9.99, 9.99]
    wider = search._search(query_around(lyon, cooks, radius_km=11), DAY)
    assert wider.count == 4


def test_filters_by_size_and_sector(municipalities, cooks):
    lyon = municipalities["Lyon"]
    cafe = make_establishment(lyon, 1, size_band="micro")
    canteen = make_establishment(lyon, 2, size_band="large", section="Q", division="86")
    for place in (cafe, canteen):
        add_potential(place, cooks)
    assert ids(search._search(query_around(lyon, cooks, size_band="micro"), DAY)) == [cafe.pk]
    assert ids(search._search(query_around(lyon, cooks, section="Q"), DAY)) == [canteen.pk]
    assert search._search(query_around(lyon, cooks, section="Q", size_band="micro"), DAY).count == 0


def test_nearest_first_and_pages(around_lyon, cooks):
    lyon, establishments = around_lyon
    first = search._search(query_around(lyon, cooks, order=search.DISTANCE), DAY)
    assert ids(first) == [e.pk for e in establishments[:20]]
    second = search._search(query_around(lyon, cooks, order=search.DISTANCE, page=2), DAY)
    assert ids(second) == [e.pk for e in establishments[20:]]
    assert (second.number, second.num_pages, second.start) == (2, 2, 21)
    assert second.has_previous and not second.has_next


def test_results_are_kept_until_the_scores_are_refitted(around_lyon, cooks):
    lyon, establishments = around_lyon
    query = query_around(lyon, cooks)
    assert search.search(query, DAY).count == 30
    establishments[0].delete()
    assert search.search(query, DAY).count == 30  # from the cache
    FitRun.objects.create(finished_at=datetime.datetime(2026, 3, 2, tzinfo=datetime.UTC))
    search.forget_latest_fit()  # as the fit does when it finishes
    assert search.search(query, DAY).count == 29


def test_every_page_together_is_what_the_orm_finds_within_the_radius(municipalities, cooks):
    """The search's own SQL against places.geo.within() through the ORM, on companies
    scattered around and across the 10 km circle."""
    lyon = municipalities["Lyon"]
    for number in range(60):
        km, bearing = (number * 7.3) % 14, math.radians(number * 47)
        lat = north_of(lyon.latitude, km * math.cos(bearing))
        lon = east_of(lat, lyon.longitude, km * math.sin(bearing))[1]
        place = make_establishment(lyon, number, latitude=lat, longitude=lon)
        add_potential(place, cooks, score=1 + number)
    query = query_around(lyon, cooks, radius_km=10)
    expected = {
        row.establishment_id: row.distance_km for row in search.candidates(query).iterator()
    }
    assert 20 < len(expected) < 60
    for order in search.ORDERS:
        found = {}
        for number in (1, 2, 3, 4):
            page = search._search(dataclasses.replace(query, order=order, page=number), DAY)
            assert page.count == len(expected)
            found.update({result.establishment_id: result.distance_km for result in page.results})
        assert found.keys() == expected.keys()
        assert all(math.isclose(found[pk], expected[pk], abs_tol=1e-9) for pk in expected)


def test_each_result_carries_its_company_details(municipalities, cooks):
    lyon = municipalities["Lyon"]
    place = make_establishment(lyon, 7, name="Bouchon des Canuts", size_band="small")
    add_potential(place, cooks, score=40, stars=3)
    (result,) = search._search(query_around(lyon, cooks), DAY).results
    assert (result.identifier, result.name, result.address) == (
        place.identifier,
        "Bouchon des Canuts",
        place.address,
    )
    assert (result.municipality, result.division, result.size_band) == (
        "Lyon",
        place.division,
        "small",
    )
    assert (result.score, result.stars) == (40, 3)
