"""Serve the portal and run its background worker together, as `make run` does.

Both run as child processes in process groups of their own, supervised here: Ctrl-C
(or SIGTERM) stops both, including the reloader's child of the development server, and
if either stops by itself the other is stopped too.
"""

import os
import signal
import subprocess
import sys
import time

from django.core.management.base import BaseCommand

GRACE_SECONDS = 10


class Command(BaseCommand):
    help = "Run the web server (HTTP and WebSocket) and the django-q2 worker together."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument("--noreload", action="store_true", help="Do not reload on changes.")

    def handle(self, *args, addrport, noreload, **options):
        server_args = ["runserver", addrport, *(["--noreload"] if noreload else [])]
        children = {"web server": _start(server_args), "worker": _start(["qcluster"])}
        # Ctrl-C and SIGTERM both stop the portal, even when started from a context that
        # ignores SIGINT (such as a background job of a script).
        signal.signal(signal.SIGINT, _interrupt)
        signal.signal(signal.SIGTERM, _interrupt)
        try:
            while all(child.poll() is None for child in children.values()):
                time.sleep(0.5)
            stopped = [name for name, child in children.items() if child.poll() is not None]
            self.stderr.write(f"The {' and '.join(stopped)} stopped; stopping the portal.")
        except KeyboardInterrupt:
            self.stdout.write("\nStopping the web server and the worker…")
        finally:
            for child in children.values():
                _stop(child)
        self.stdout.write("Stopped.")


def _start(args):
    command = [sys.executable, "manage.py", *args]
    return subprocess.Popen(command, start_new_session=True)  # noqa: S603


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def _stop(child):
    """SIGTERM to the child's whole process group (django-q2 then stops its workers
    cleanly), then SIGKILL if anything lingers."""
    if child.poll() is not None:
        return
    os.killpg(child.pid, signal.SIGTERM)
    try:
        child.wait(timeout=GRACE_SECONDS)
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, signal.SIGKILL)
        child.wait()
