"""Distances on the globe and the helpers searches use: a bounding box first (an index
can answer it), then the exact great-circle distance, in SQL or in Python."""

import math
import unicodedata

from django.db.models import F, FloatField, Value
from django.db.models.functions import ACos, Cos, Greatest, Least, Radians, Sin

EARTH_RADIUS_KM = 6371.0088
# The distances a search may ask for, the same in every tool, so one tool's link to
# another (same occupation, same place, same distance) is always a valid search there.
MIN_RADIUS_KM, MAX_RADIUS_KM = 1, 100


def fold(text):
    """Lower case, accents removed, hyphens and apostrophes as spaces: "Saint-Étienne"
    and "saint etienne" match."""
    text = unicodedata.normalize("NFKD", str(text or "")).casefold()
    text = "".join(char for char in text if not unicodedata.combining(char))
    for mark in "-'’":
        text = text.replace(mark, " ")
    return " ".join(text.split())


def distance_km(lat1, lon1, lat2, lon2):
    """Great-circle distance (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = math.radians(lat2 - lat1), math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def bounding_box(lat, lon, radius_km):
    """(min_lat, max_lat, min_lon, max_lon) containing every point within `radius_km`."""
    dlat = math.degrees(radius_km / EARTH_RADIUS_KM)
    # Longitude degrees shrink towards the poles; clamp the cosine away from zero.
    dlon = math.degrees(radius_km / (EARTH_RADIUS_KM * max(math.cos(math.radians(lat)), 1e-6)))
    return lat - dlat, lat + dlat, lon - dlon, lon + dlon


def within(queryset, lat, lon, radius_km, lat_field="latitude", lon_field="longitude"):
    """Rows within `radius_km` of (lat, lon), annotated with `distance_km` (spherical law
    of cosines in SQL, clamped so rounding never leaves acos's domain)."""
    min_lat, max_lat, min_lon, max_lon = bounding_box(lat, lon, radius_km)
    boxed = queryset.filter(
        **{
            f"{lat_field}__gte": min_lat,
            f"{lat_field}__lte": max_lat,
            f"{lon_field}__gte": min_lon,
            f"{lon_field}__lte": max_lon,
        }
    )
    phi = math.radians(lat)
    cosine = Value(math.sin(phi)) * Sin(Radians(F(lat_field))) + Value(math.cos(phi)) * Cos(
        Radians(F(lat_field))
    ) * Cos(Radians(F(lon_field)) - Value(math.radians(lon)))
    clamped = Least(Greatest(cosine, Value(-1.0)), Value(1.0))
    distance = Value(EARTH_RADIUS_KM) * ACos(clamped, output_field=FloatField())
    return boxed.annotate(distance_km=distance).filter(distance_km__lte=radius_km)
