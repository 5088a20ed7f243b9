"""Start and stop one portal server process for a benchmark, pinned to one core."""

import os
import shutil
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def manage(*args, env=None):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def bench_environment(database_url):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY="bench-" + "x" * 60,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        SECURE_HSTS_SECONDS="0",
        DATABASE_URL=database_url,
        LOG_LEVEL="WARNING",
    )
    return env


def fresh_portal(name):
    """A throw-away portal under var/<name>/ (SQLite unless BENCH_DATABASE_URL says
    otherwise): migrated, with the demo content and collected static files; return the
    environment to run it with."""
    workdir = ROOT / "var" / name
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    default_url = f"sqlite:///{workdir / 'bench.sqlite3'}"
    env = bench_environment(os.environ.get("BENCH_DATABASE_URL", default_url))
    env["MEDIA_ROOT"] = str(workdir / "media")
    manage("migrate", "--noinput", "-v0", env=env)
    manage("load_initial_data", env=env)
    manage("collectstatic", "--noinput", "-v0", env=env)
    return env


def _wait_for_port(port, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"server did not start on port {port}")


@contextmanager
def portal_server(env, port=8765, core=0):
    """One daphne (ASGI) process, pinned to `core` when taskset is available."""
    command = [
        PYTHON,
        "-m",
        "daphne",
        "-b",
        "127.0.0.1",
        "-p",
        str(port),
        "portal.asgi:application",
    ]
    if shutil.which("taskset"):
        command = ["taskset", "-c", str(core), *command]
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        _wait_for_port(port)
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
