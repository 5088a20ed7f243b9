"""Factories for the training finder's tests: places, trainings and their outcomes."""

import math

import factory
from factory.django import DjangoModelFactory

from content.models import Occupation
from places.geo import EARTH_RADIUS_KM, fold
from places.models import Municipality
from training_finder import ranking
from training_finder.models import Mode, Training, TrainingOutcome, TrainingStart


class MunicipalityFactory(DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("geonameid",)

    geonameid = factory.Sequence(lambda n: 90_000_000 + n)
    name = factory.Sequence(lambda n: f"Testville {n}")
    search_name = factory.LazyAttribute(lambda place: fold(place.name))
    country = "FR"
    latitude = 45.0
    longitude = 5.0
    population = 10_000


def place_north_of(centre, km, **fields):
    """A municipality `km` due north of `centre` (along a meridian, so exactly)."""
    latitude = centre.latitude + math.degrees(km / EARTH_RADIUS_KM)
    return MunicipalityFactory(latitude=latitude, longitude=centre.longitude, **fields)


class TrainingFactory(DjangoModelFactory):
    class Meta:
        model = Training
        skip_postgeneration_save = True

    identifier = factory.Sequence(lambda n: f"T-{n:05d}")
    title = factory.Sequence(lambda n: f"Training {n}")
    provider = "Test Training Centre"
    mode = Mode.IN_PERSON
    municipality = factory.SubFactory(MunicipalityFactory)
    duration_hours = 400
    duration_weeks = 12
    cost = 0
    funding = factory.LazyFunction(lambda: ["public"])

    class Params:
        online = factory.Trait(mode=Mode.ONLINE, municipality=None)

    @factory.post_generation
    def occupations(self, create, codes, **kwargs):
        codes = codes or ["5120"]
        self.occupations.set(Occupation.objects.filter(code__in=codes))

    @factory.post_generation
    def starts(self, create, days, **kwargs):
        for day in days or ():
            TrainingStart.objects.create(training=self, starts_on=day)


def outcome(training, in_work, trainees, after_12=None):
    """An outcome of `in_work` people out of `trainees` after 6 months."""
    share = in_work / trainees
    return TrainingOutcome.objects.create(
        training=training,
        trainees=trainees,
        in_work_6_months=share,
        in_work_12_months=after_12,
        rank_score=ranking.rank_score(share, trainees),
    )
