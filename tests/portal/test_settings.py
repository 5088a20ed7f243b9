"""Production settings refuse an insecure secret and pass Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from portal.env import as_bool, as_list, env

ROOT = Path(__file__).resolve().parents[2]
GOOD_SECRET = "k" * 30 + "-production-secret-" + "z" * 20


def manage(*args, secret=None):
    environment = {
        k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    environment["DJANGO_SETTINGS_MODULE"] = "portal.settings.production"
    environment["ALLOWED_HOSTS"] = "portal.example.org"
    if secret is not None:
        environment["SECRET_KEY"] = secret
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("secret", [None, "short", "insecure-" + "x" * 60])
def test_production_refuses_to_start_without_a_real_secret(secret):
    result = manage("check", secret=secret)
    assert result.returncode != 0
    assert "Set SECRET_KEY to a random value" in result.stderr


def test_production_passes_the_deployment_checks():
    result = manage("check", "--deploy", "--fail-level", "WARNING", secret=GOOD_SECRET)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_env_helper_converts_and_reports_bad_values(monkeypatch):
    monkeypatch.setenv("PORTAL_FLAG", "yes")
    monkeypatch.setenv("PORTAL_HOSTS", "a.example, b.example ,")
    monkeypatch.setenv("PORTAL_WORKERS", "many")
    assert env("PORTAL_FLAG", False, as_bool) is True
    assert env("PORTAL_HOSTS", [], as_list) == ["a.example", "b.example"]
    assert env("PORTAL_UNSET", 7, int) == 7
    with pytest.raises(ImproperlyConfigured, match="PORTAL_WORKERS"):
        env("PORTAL_WORKERS", 2, int)
