"""The admin: demo users, the editors' accessibility checker, friendly error pages."""

import json
import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from portal.roles import ALL_ROLES

pytestmark = pytest.mark.django_db


def test_accessibility_checker_uses_the_portal_axe_tags(client, demo_content, users_by_role):
    client.force_login(users_by_role["Editors"])
    html = client.get("/en/guidance/").content.decode()
    # The userbar sits inside a <template>, so it is read as text rather than parsed.
    script = re.search(r'<script id="checker-axe-configuration"[^>]*>(.*?)</script>', html, re.S)
    config = json.loads(script.group(1))
    assert config["options"]["runOnly"] == [
        "wcag2a",
        "wcag2aa",
        "wcag21a",
        "wcag21aa",
        "wcag22aa",
        "best-practice",
    ]


def test_demo_users_are_refused_outside_development(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="development only"):
        call_command("create_demo_users")


def test_demo_users_one_per_role_and_can_log_in(settings, client, locales, capsys):
    settings.DEBUG = True
    call_command("create_demo_users")
    call_command("create_demo_users")  # idempotent
    output = capsys.readouterr().out
    users = get_user_model().objects.filter(
        username__in=["editor", "publisher", "moderator", "manager"]
    )
    assert {user.groups.get().name for user in users} == set(ALL_ROLES)
    for user in users:
        assert client.login(username=user.username, password="portal-demo")
        assert client.get("/admin/").status_code == 200
        assert user.username in output


def test_server_error_page_is_friendly_and_translated(client, demo_content, monkeypatch):
    def broken(request):
        raise RuntimeError("boom")

    monkeypatch.setattr("content.views.render", lambda *a, **k: broken(None))
    client.raise_request_exception = False
    response = client.get("/fr/search/?q=cv")
    assert response.status_code == 500
    page = BeautifulSoup(response.content, "html.parser")
    assert page.html["lang"] == "fr"
    assert page.h1.get_text(strip=True) not in ("", "Something went wrong")
    assert b"boom" not in response.content
