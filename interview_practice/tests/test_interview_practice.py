"""The generated micro-service's own tests: they pass as generated, and keep passing
while the service grows."""

import pytest
from django.apps import apps

from services_store import registry
from services_store.manifest import validate
from services_store.models import LifecycleState, Service

pytestmark = pytest.mark.django_db

SLUG = "interview-practice"


def test_the_manifest_is_valid_and_registered():
    manifest = apps.get_app_config("interview_practice").manifest
    validate(manifest)
    assert registry.get(SLUG).app_label == "interview_practice"


def test_the_service_is_in_the_store_while_it_is_built():
    assert Service.objects.get(slug=SLUG).state == LifecycleState.BUILDING


def test_its_pages_open_when_it_goes_live(client):
    url = f"/en/services/{SLUG}/"
    assert client.get(url).status_code == 404
    Service.objects.filter(slug=SLUG).update(state=LifecycleState.LIVE)
    response = client.get(url)
    assert response.status_code == 200
    assert b"Your new micro-service" in response.content
