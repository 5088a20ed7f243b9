import csv
import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from places.loading import municipality_rows
from training_finder.imports.outcomes import COLUMNS as OUTCOME_COLUMNS
from training_finder.imports.trainings import COLUMNS as TRAINING_COLUMNS
from training_finder.sample import SamplePlace, sample_outcomes, sample_trainings


class Command(BaseCommand):
    help = (
        "Write a sample trainings.csv and outcomes.csv (the import files' schemas) in real "
        "municipalities; the same seed and day give the same files."
    )

    def add_arguments(self, parser):
        parser.add_argument("--trainings", type=int, default=1000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--out", required=True, help="directory to write the files in")
        parser.add_argument(
            "--today", type=datetime.date.fromisoformat, help="YYYY-MM-DD (default today)"
        )

    def handle(self, trainings, seed, out, today, **options):
        if trainings < 1:
            raise CommandError("--trainings must be at least 1.")
        folder = Path(out)
        folder.mkdir(parents=True, exist_ok=True)
        places = [
            SamplePlace(city["geonameid"], city["name"], city["population"])
            for city in municipality_rows()
        ]
        today = today or timezone.localdate()

        def rows():  # generated again for the outcomes rather than kept in memory
            return sample_trainings(trainings, seed, places, today)

        written = write_csv(folder / "trainings.csv", TRAINING_COLUMNS, rows())
        outcomes = write_csv(
            folder / "outcomes.csv", OUTCOME_COLUMNS, sample_outcomes(rows(), seed)
        )
        self.stdout.write(f"{written} trainings and {outcomes} outcomes written to {folder}.")


def write_csv(path, columns, rows):
    count = 0
    with open(path, "w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=columns)
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
            count += 1
    return count
