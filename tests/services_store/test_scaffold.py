"""`manage.py startmicroservice`: the app it makes installs, appears in the store as being
built, and its own tests pass as generated (run here in a pytest of their own)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = """\
from portal.settings.test import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "job_greeter"]  # noqa: F405
"""


@pytest.fixture
def generated(tmp_path):
    app = tmp_path / "job_greeter"
    app.mkdir()
    call_command("startmicroservice", "job_greeter", str(app), title="Job greeter", verbosity=0)
    return tmp_path


def test_the_scaffold_has_a_manifest_a_page_translations_and_tests(generated):
    app = generated / "job_greeter"
    for name in [
        "apps.py",
        "urls.py",
        "views.py",
        "templates/job_greeter/index.html",
        "locale/fr/LC_MESSAGES/django.po",
        "tests/test_job_greeter.py",
    ]:
        assert (app / name).is_file(), name
    apps_py = (app / "apps.py").read_text()
    assert 'slug="job-greeter"' in apps_py and "class JobGreeterConfig" in apps_py
    assert "{{" not in apps_py


def test_a_bad_address_is_refused(tmp_path):
    with pytest.raises(CommandError, match="cannot be an address"):
        call_command("startmicroservice", "tool", str(tmp_path), slug="Not_A_Slug")


def test_the_generated_tests_pass_as_generated(generated):
    (generated / "scaffold_settings.py").write_text(SETTINGS)
    (generated / "pytest.ini").write_text("[pytest]\n")
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(generated), str(ROOT)]),
        "DJANGO_SETTINGS_MODULE": "scaffold_settings",
    }
    # Its own SQLite database, so it never meets this run's test database.
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    completed = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "job_greeter/tests"],
        cwd=generated,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert completed.returncode == 0, completed.stdout[-3000:] + completed.stderr[-3000:]
    assert "3 passed" in completed.stdout
