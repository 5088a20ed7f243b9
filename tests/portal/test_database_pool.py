"""The ASGI server takes its PostgreSQL connections from a pool: requests reuse the
same few connections instead of opening one each (each request runs in a new thread,
where a persistent connection would never be used twice). Other processes (management
commands, the worker) keep plain persistent connections."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import psycopg
import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def _settings_of(environment):
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "d = settings.DATABASES['default']; "
        "print(d['CONN_MAX_AGE'], sorted(d.get('OPTIONS', {}).get('pool') or {}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return result.stdout.strip()


def _environment(**extra):
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_POOL"}
    environment.update(DJANGO_SETTINGS_MODULE="portal.settings.dev", **extra)
    return environment


def test_the_pool_is_on_only_where_asked_and_only_on_postgresql():
    url = "postgres://postgres@127.0.0.1:5432/test"
    assert _settings_of(_environment(DATABASE_URL=url)) == "60 []"
    assert _settings_of(_environment(DATABASE_URL=url, DATABASE_POOL="true")) == (
        "0 ['max_size', 'min_size', 'timeout']"
    )
    sqlite = "sqlite:///" + str(ROOT / "var" / "unused.sqlite3")
    assert _settings_of(_environment(DATABASE_URL=sqlite, DATABASE_POOL="true")) == "60 []"


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _backends(dsn, application):
    with psycopg.connect(dsn, autocommit=True) as admin:
        rows = admin.execute(
            "SELECT pid FROM pg_stat_activity WHERE application_name = %s", [application]
        ).fetchall()
    return {pid for (pid,) in rows}


@pytest.mark.django_db
def test_the_asgi_server_serves_many_requests_from_the_same_few_connections():
    if connection.vendor != "postgresql":
        pytest.skip("the pool is PostgreSQL's")  # CI runs on PostgreSQL (tests/conftest.py)
    params = connection.settings_dict
    dsn = f"postgres://{params['USER']}@{params['HOST']}:{params['PORT']}/{params['NAME']}"
    application = f"portal-pool-test-{uuid.uuid4().hex[:8]}"
    port = _free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "daphne",
            "-b",
            "127.0.0.1",
            "-p",
            str(port),
            "portal.asgi:application",
        ],
        cwd=ROOT,
        env=_environment(DATABASE_URL=dsn, PGAPPNAME=application, LOG_LEVEL="WARNING"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        # A page that asks the database on every request (the store's gate).
        url = f"http://127.0.0.1:{port}/en/services/no-such-service/"
        deadline = time.monotonic() + 60
        status = None
        while time.monotonic() < deadline and status is None:
            try:
                status = _get(url)
            except OSError:
                time.sleep(0.2)
        assert status == 404
        for _attempt in range(50):  # the pool fills to its minimum in the background
            first = _backends(dsn, application)
            if len(first) >= 2:
                break
            time.sleep(0.1)
        assert 1 <= len(first) <= 10
        assert {_get(url) for _request in range(30)} == {404}
        assert _backends(dsn, application) == first
    finally:
        server.terminate()
        server.wait(timeout=10)
