"""Serve the portal and run its background worker together, as `make run` does.

Ctrl-C stops both: the worker is a child process that is terminated (and waited for)
when the web server stops, whatever the reason it stops.
"""

import subprocess
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run the web server (HTTP and WebSocket) and the django-q2 worker together."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument("--noreload", action="store_true", help="Do not reload on changes.")

    def handle(self, *args, addrport, noreload, **options):
        worker = subprocess.Popen([sys.executable, "manage.py", "qcluster"])  # noqa: S603
        self.stdout.write(f"Background worker started (pid {worker.pid}).")
        try:
            call_command("runserver", addrport, use_reloader=not noreload)
        except KeyboardInterrupt:
            pass
        finally:
            self._stop(worker)

    def _stop(self, worker):
        if worker.poll() is None:
            worker.terminate()
            try:
                worker.wait(timeout=15)
            except subprocess.TimeoutExpired:
                worker.kill()
        self.stdout.write("Background worker stopped.")
