import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from hidden_vacancies.sample import last_full_month, write_sample


class Command(BaseCommand):
    help = (
        "Write establishments.csv and hirings.csv with deterministic sample data: "
        "establishments in the loaded municipalities, sized by population, and 24 months "
        "of hires ending with --end-month."
    )

    def add_arguments(self, parser):
        parser.add_argument("--establishments", type=int, default=20_000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--out", default="var/vacancy-sample")
        parser.add_argument("--end-month", help="YYYY-MM; the last full month by default")

    def handle(self, establishments, seed, out, end_month, **options):
        end = self._end(end_month)
        try:
            written = write_sample(out, establishments, seed, end)
        except ValueError as error:
            raise CommandError(str(error)) from None
        for path, count in written.values():
            self.stdout.write(f"{path}: {count} rows")

    def _end(self, value):
        if not value:
            return last_full_month(timezone.localdate())
        try:
            return datetime.date.fromisoformat(f"{value}-01")
        except ValueError:
            raise CommandError("--end-month must be YYYY-MM") from None
