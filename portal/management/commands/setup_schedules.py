from django.core.management.base import BaseCommand

from portal.scheduling import RECURRING_JOBS, ensure_schedules


class Command(BaseCommand):
    help = "Create or update the recurring background jobs (idempotent)."

    def handle(self, *args, **options):
        created = ensure_schedules()
        self.stdout.write(f"{len(RECURRING_JOBS)} recurring jobs in place ({len(created)} new).")
