"""Municipalities and distances: loading is idempotent, names match without accents, and
the radius filter is right at its boundary."""

import math

import pytest

from places.geo import bounding_box, distance_km, fold, within
from places.loading import load_municipalities
from places.models import Municipality

pytestmark = pytest.mark.django_db

PARIS = (48.85341, 2.3488)
LYON = (45.74846, 4.84671)


def test_distances_on_the_sphere():
    assert distance_km(0, 0, 1, 0) == pytest.approx(111.195, abs=0.001)
    assert distance_km(0, 0, 0, 180) == pytest.approx(math.pi * 6371.0088)
    assert distance_km(*PARIS, *PARIS) == 0
    # Paris to Lyon as the crow flies: about 392 km.
    assert distance_km(*PARIS, *LYON) == pytest.approx(392, abs=2)


def test_names_match_without_accents_case_or_hyphens():
    assert fold("Saint-Étienne") == fold("saint etienne") == "saint etienne"
    assert fold("L’Haÿ-les-Roses") == "l hay les roses"


def test_the_bounding_box_holds_every_point_of_the_circle():
    lat, lon = PARIS
    min_lat, max_lat, min_lon, max_lon = bounding_box(lat, lon, 10)
    for bearing in range(0, 360, 15):
        # A point 9.999 km away in each direction.
        d = 9.999 / 6371.0088
        theta = math.radians(bearing)
        phi1, lambda1 = math.radians(lat), math.radians(lon)
        phi2 = math.asin(
            math.sin(phi1) * math.cos(d) + math.cos(phi1) * math.sin(d) * math.cos(theta)
        )
        lambda2 = lambda1 + math.atan2(
            math.sin(theta) * math.sin(d) * math.cos(phi1),
            math.cos(d) - math.sin(phi1) * math.sin(phi2),
        )
        point = (math.degrees(phi2), math.degrees(lambda2))
        assert min_lat <= point[0] <= max_lat and min_lon <= point[1] <= max_lon


def test_loading_is_idempotent_and_finds_real_places():
    created = load_municipalities("FR", 5000)
    assert created > 1500
    assert load_municipalities("FR", 5000) == 0
    lyon = Municipality.objects.matching("lyon").first()
    assert lyon.name == "Lyon" and lyon.population > 400_000
    assert Municipality.objects.matching("st etienne").exists() is False
    assert Municipality.objects.matching("saint-étienne").first().name == "Saint-Étienne"
    assert not Municipality.objects.matching("  ").exists()


def test_within_keeps_points_inside_the_radius_and_drops_those_just_outside():
    centre = Municipality.objects.create(
        geonameid=1,
        name="Centre",
        search_name="centre",
        country="FR",
        latitude=45.0,
        longitude=5.0,
    )
    # 1 degree of latitude is 111.195 km on this sphere.
    km_per_degree = math.radians(1) * 6371.0088
    for geonameid, km in [(2, 9.99), (3, 10.01), (4, 5.0)]:
        Municipality.objects.create(
            geonameid=geonameid,
            name=f"P{geonameid}",
            search_name=f"p{geonameid}",
            country="FR",
            latitude=45.0 + km / km_per_degree,
            longitude=5.0,
        )
    found = within(Municipality.objects.all(), centre.latitude, centre.longitude, 10)
    distances = {m.geonameid: round(m.distance_km, 2) for m in found}
    assert distances == {1: 0.0, 2: 9.99, 4: 5.0}
