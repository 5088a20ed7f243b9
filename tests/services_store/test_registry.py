"""The plug-in contract: manifests are checked at start-up, and each micro-service's
pages are mounted under /<lang>/services/<slug>/ behind its lifecycle state."""

import dataclasses

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from services_store import registry
from services_store.access import BETA_SESSION_KEY
from services_store.manifest import PersonalData, Team
from services_store.models import LifecycleState, Service

pytestmark = pytest.mark.django_db

EXAMPLE = "example-tool"


def example_manifest(**changes):
    manifest = apps.get_app_config("example_service").manifest
    return dataclasses.replace(manifest, **changes)


class FakeApp:
    def __init__(self, manifest, label="broken_tool", name="tests.services_store.broken"):
        self.manifest, self.label, self.name = manifest, label, name


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"slug": "Bad Slug"}, "slug"),
        ({"name": ""}, "name"),
        ({"summary": "x" * 301}, "summary"),
        ({"category": "games"}, "category"),
        ({"interaction": "magic"}, "interaction"),
        ({"audiences": ("martians",)}, "audiences"),
        ({"audiences": "jobseekers"}, "audiences"),
        ({"languages": ("de",)}, "languages"),
        ({"team": Team("T", intrapreneur="", coach="c", it_lead="i")}, "team.intrapreneur"),
        ({"data_sources": ()}, "data_sources"),
        ({"personal_data": (PersonalData("e-mail", "", 30),)}, "personal_data[0]"),
        (
            {"personal_data": (PersonalData("e-mail", "replies", 0),)},
            "personal_data[0].retention_days",
        ),
        ({"urls": "no.such.module"}, "urls"),
        ({"urls": "services_store.manifest"}, "urls"),
        ({"ranks_people_or_companies": "yes"}, "ranks_people_or_companies"),
    ],
)
def test_a_bad_manifest_stops_the_start_naming_the_app_and_the_field(changes, field):
    with pytest.raises(ImproperlyConfigured) as error:
        registry.discover([FakeApp(example_manifest(**changes))])
    assert f"'broken_tool': manifest field '{field}'" in str(error.value)


def test_a_manifest_that_is_not_a_manifest_is_refused():
    with pytest.raises(ImproperlyConfigured, match="field 'manifest'"):
        registry.discover([FakeApp({"slug": "dict-tool"})])


def test_two_services_cannot_share_a_slug():
    first = FakeApp(example_manifest(), label="first_tool")
    second = FakeApp(example_manifest(), label="second_tool")
    with pytest.raises(ImproperlyConfigured, match="already used by 'first_tool'"):
        registry.discover([first, second])


def test_installed_micro_services_are_discovered_and_recorded_as_being_built():
    manifest = registry.get(EXAMPLE)
    assert manifest.app_label == "example_service"
    assert set(registry.manifests()) >= {EXAMPLE}
    # Recorded by post_migrate when the test database was made.
    assert Service.objects.get(slug=EXAMPLE).state == LifecycleState.BUILDING


def test_lifecycle_moves_only_along_its_arrows():
    assert LifecycleState.BUILDING.can_become("beta")
    assert LifecycleState.LIVE.can_become("beta")
    assert not LifecycleState.NEED.can_become("live")
    assert not LifecycleState.RETIRED.can_become("live")
    assert LifecycleState.RETIRED.next_states == ()


def _set_state(state, pilot_group=None):
    Service.objects.filter(slug=EXAMPLE).update(state=state, pilot_group=pilot_group)


def test_the_service_is_mounted_under_each_language_with_its_own_names(client):
    _set_state(LifecycleState.LIVE)
    assert reverse("example_service:item", args=[3]) == f"/en/services/{EXAMPLE}/items/3/"
    response = client.get(f"/fr/services/{EXAMPLE}/items/3/")
    assert (response.status_code, response.content) == (200, b"Item 3")


@pytest.mark.parametrize("state", ["need", "building"])
def test_a_service_not_yet_live_is_not_found(client, state):
    _set_state(state)
    assert client.get(f"/en/services/{EXAMPLE}/").status_code == 404
    assert client.get(f"/en/services/{EXAMPLE}/items/1/").status_code == 404


def test_a_beta_service_is_for_its_pilot_group_and_visitors_who_opt_in(client, users_by_role):
    pilots = Group.objects.create(name="Example pilots")
    _set_state(LifecycleState.BETA, pilots)
    url = f"/en/services/{EXAMPLE}/"
    assert client.get(url).status_code == 404

    editor = users_by_role["Editors"]
    client.force_login(editor)
    assert client.get(url).status_code == 404
    editor.groups.add(pilots)
    response = client.get(url)
    assert (response.status_code, response.content) == (200, b"Hello from example-tool")

    client.logout()
    session = client.session
    session[BETA_SESSION_KEY] = True
    session.save()
    assert client.get(url).status_code == 200


def test_a_retired_service_says_it_has_closed_and_offers_alternatives(client):
    example = Service.objects.get(slug=EXAMPLE)
    elsewhere = Service.objects.create(slug="retired-elsewhere", state=LifecycleState.RETIRED)
    elsewhere.alternatives.add(example)
    _set_state(LifecycleState.LIVE)
    # Its app is gone: the address still explains, and points to the live alternative.
    response = client.get("/en/services/retired-elsewhere/")
    assert response.status_code == 410
    assert "This service has closed" in response.content.decode()
    assert f'href="/en/services/{EXAMPLE}/"' in response.content.decode()
    _set_state(LifecycleState.RETIRED)
    response = client.get(f"/fr/services/{EXAMPLE}/items/1/")
    assert response.status_code == 410


def test_an_unknown_service_is_not_found(client):
    assert client.get("/en/services/no-such-tool/").status_code == 404
