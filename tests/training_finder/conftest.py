import pytest

from services_store.models import LifecycleState, Service
from tests.training_finder.factories import MunicipalityFactory

SLUG = "training-finder"
SEARCH = f"/en/services/{SLUG}/"


def set_state(slug, state):
    service, _created = Service.objects.get_or_create(slug=slug)
    Service.objects.filter(pk=service.pk).update(state=state)
    return service


@pytest.fixture
def live_service(db):
    return set_state(SLUG, LifecycleState.LIVE)


@pytest.fixture
def lyon(db):
    return MunicipalityFactory(
        geonameid=2996944, name="Lyon", latitude=45.74846, longitude=4.84671, population=472317
    )


@pytest.fixture
def villeurbanne(db):
    return MunicipalityFactory(
        geonameid=2968254,
        name="Villeurbanne",
        latitude=45.76601,
        longitude=4.8795,
        population=130519,
    )


@pytest.fixture
def paris(db):
    return MunicipalityFactory(
        geonameid=2988507, name="Paris", latitude=48.85341, longitude=2.3488, population=2138551
    )
