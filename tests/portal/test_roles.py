"""Roles: the groups a data migration creates, and what each may do."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupApprovalTask, Page

from portal.roles import ALL_ROLES

pytestmark = pytest.mark.django_db


def test_the_migration_creates_the_four_roles():
    assert set(ALL_ROLES) <= set(Group.objects.values_list("name", flat=True))


@pytest.mark.parametrize("role", ALL_ROLES)
def test_every_role_can_open_the_admin(client, users_by_role, role):
    client.force_login(users_by_role[role])
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize(
    ("role", "can_edit", "can_publish"),
    [
        ("Editors", True, False),
        ("Publishers", True, True),
        ("Moderators", False, False),
        ("Managers", False, False),
    ],
)
def test_page_permissions_by_role(demo_content, users_by_role, role, can_edit, can_publish):
    page = Page.objects.get(slug="guidance", locale__language_code="fr")
    perms = page.permissions_for_user(users_by_role[role])
    assert perms.can_edit() is can_edit
    assert perms.can_publish() is can_publish


@pytest.mark.parametrize("role", ["Managers", "Moderators"])
def test_roles_without_page_rights_cannot_open_the_page_editor(
    client, demo_content, users_by_role, role
):
    client.force_login(users_by_role[role])
    page = Page.objects.get(slug="guidance", locale__language_code="en")
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code in (302, 403)
    assert b'name="title"' not in response.content


def test_publishers_approve_what_editors_submit():
    task = GroupApprovalTask.objects.get()
    assert list(task.groups.values_list("name", flat=True)) == ["Publishers"]


def test_anonymous_visitors_are_sent_to_the_admin_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_editors_can_submit_translations(users_by_role):
    assert users_by_role["Editors"].has_perm("wagtail_localize.submit_translation")
    assert not users_by_role["Moderators"].has_perm("wagtail_localize.submit_translation")
