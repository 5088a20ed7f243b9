"""Fixtures for the hidden-vacancy finder: a few real municipalities, establishments
made by hand, and the service switched on in the store."""

import csv
import datetime
import math
from importlib import import_module

import pytest
from django.apps import apps as django_apps

from content.models import Occupation
from hidden_vacancies.mapping import ensure_seed_mapping
from hidden_vacancies.models import Establishment, HiringPotential, MonthlyHiring
from places.geo import EARTH_RADIUS_KM
from places.models import Municipality
from services_store.models import LifecycleState, Service

load_unit_groups = import_module("content.migrations.0003_load_isco08").load_unit_groups

SLUG = "hidden-vacancies"
URL = f"/en/services/{SLUG}/"
API = f"{URL}api/v1/"
LYON = {"geonameid": 2996944, "name": "Lyon", "latitude": 45.74846, "longitude": 4.84671}


@pytest.fixture(autouse=True)
def _migration_rows(locales):
    """What migrations put in the database and a transactional test elsewhere may have
    flushed: the ISCO-08 occupations, the seed mapping and the service's store record."""
    if not Occupation.objects.exists():
        load_unit_groups(django_apps, None)
    ensure_seed_mapping()
    Service.objects.get_or_create(slug=SLUG)


@pytest.fixture
def municipalities(db):
    return make_municipalities()


def make_municipalities():
    """Lyon and Villeurbanne (region 84), Paris (11), and two towns called Saint-Denis."""
    rows = [
        (2996944, "Lyon", "84", 45.74846, 4.84671, 472317),
        (2968254, "Villeurbanne", "84", 45.76601, 4.8795, 130519),
        (2988507, "Paris", "11", 48.85341, 2.3488, 2138551),
        (2980916, "Saint-Denis", "11", 48.93564, 2.35387, 100800),
        (2980917, "Saint-Denis", "52", 47.53, -0.55, 6000),
    ]
    from places.geo import fold

    return {
        name if pk != 2980917 else "Saint-Denis (52)": Municipality.objects.create(
            geonameid=pk,
            name=name,
            search_name=fold(name),
            country="FR",
            region=region,
            latitude=lat,
            longitude=lon,
            population=population,
        )
        for pk, name, region, lat, lon, population in rows
    }


@pytest.fixture
def live_service(db):
    Service.objects.filter(slug=SLUG).update(state=LifecycleState.LIVE)
    return Service.objects.get(slug=SLUG)


@pytest.fixture
def cooks(db):
    return Occupation.objects.get(code="5120")


def north_of(latitude, km):
    """The latitude `km` due north (along a meridian the distance is exact)."""
    return latitude + math.degrees(km / EARTH_RADIUS_KM)


def make_establishment(municipality, number, **fields):
    values = {
        "identifier": f"1000000000{number:04d}",
        "name": f"Company {number}",
        "section": "I",
        "division": "56",
        "size_band": "small",
        "address": f"{number} rue de la République",
        "latitude": municipality.latitude,
        "longitude": municipality.longitude,
        **fields,
    }
    return Establishment.objects.create(municipality=municipality, **values)


def add_potential(establishment, occupation, score=50, stars=3, **fields):
    return HiringPotential.objects.create(
        establishment=establishment,
        occupation=occupation,
        score=score,
        stars=stars,
        similar_hires_last_12_months=fields.pop("similar", 2),
        hires_last_12_months=fields.pop("hires", 6),
        latitude=establishment.latitude,
        longitude=establishment.longitude,
        section=establishment.section,
        size_band=establishment.size_band,
        **fields,
    )


def add_hires(establishment, month, permanent=0, fixed_term=0, temporary=0):
    return MonthlyHiring.objects.create(
        establishment=establishment,
        month=month,
        permanent=permanent,
        fixed_term=fixed_term,
        temporary=temporary,
    )


def months_back(last, count):
    """The `count` first days of month ending with `last`, oldest first."""
    index = last.year * 12 + last.month - 1
    return [
        datetime.date((index - k) // 12, (index - k) % 12 + 1, 1) for k in range(count - 1, -1, -1)
    ]


def write_csv(path, header, rows, delimiter=",", encoding="utf-8"):
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows(rows)
    return path
