"""The occupation ↔ sector mapping in the admin: Managers edit it, Editors read it."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from hidden_vacancies.models import OccupationSector

pytestmark = pytest.mark.django_db

LIST = "wagtailsnippets_hidden_vacancies_occupationsector:list"
ADD = "wagtailsnippets_hidden_vacancies_occupationsector:add"
EDIT = "wagtailsnippets_hidden_vacancies_occupationsector:edit"


@pytest.fixture
def staff(users_by_role):
    """The roles as portal/roles.py sets them (applied again at the start of the tests,
    as a later migration would: the mapping's permissions must survive that)."""
    return users_by_role


def test_managers_change_the_mapping(client, staff, cooks):
    client.force_login(staff["Managers"])
    listing = client.get(reverse(LIST), {"q": "Cooks"})
    assert listing.status_code == 200
    assert "5120 Cooks" in listing.content.decode()
    row = OccupationSector.objects.get(occupation=cooks, division="56")
    response = client.post(
        reverse(EDIT, args=[row.pk]),
        {"occupation": cooks.pk, "division": "56", "weight": "0.3"},
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.weight == 0.3


def test_a_weight_must_be_a_share(client, staff, cooks):
    client.force_login(staff["Managers"])
    response = client.post(reverse(ADD), {"occupation": cooks.pk, "division": "4X", "weight": "2"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Two digits, e.g. 47." in page
    assert "Ensure this value is less than or equal to 1.0." in page


def test_editors_read_it_and_change_nothing(client, staff, cooks):
    client.force_login(staff["Editors"])
    assert client.get(reverse(LIST)).status_code == 200
    assert client.get(reverse(ADD)).status_code == 302  # refused: back to the dashboard
    row = OccupationSector.objects.get(occupation=cooks, division="56")
    client.post(
        reverse(EDIT, args=[row.pk]), {"occupation": cooks.pk, "division": "56", "weight": "0.9"}
    )
    row.refresh_from_db()
    assert row.weight == 0.25


@pytest.mark.parametrize(
    "role, actions",
    [
        ("Managers", {"add", "change", "delete", "view"}),
        ("Editors", {"view"}),
        ("Publishers", set()),
        ("Moderators", set()),
    ],
)
def test_the_roles_carry_the_mapping_permissions(role, actions):
    granted = set(
        Group.objects.get(name=role)
        .permissions.filter(codename__endswith="_occupationsector")
        .values_list("codename", flat=True)
    )
    assert granted == {f"{action}_occupationsector" for action in actions}
