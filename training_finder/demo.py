"""The demo catalogue: a few thousand sample trainings with their outcomes, loaded once.

Called by `load_initial_data`. It goes through the same import pipeline as real files,
from rows generated in memory (training_finder/sample.py).
"""

from django.utils import timezone

from places.loading import load_municipalities
from places.models import Municipality
from portal.csv_import.files import Record
from training_finder.imports.outcomes import OutcomeImporter
from training_finder.imports.trainings import TrainingImporter
from training_finder.models import Training
from training_finder.sample import SamplePlace, sample_outcomes, sample_trainings

DEMO_TRAININGS = 3000
DEMO_SEED = 7
DEMO_PREFIX = "DEMO"


def ensure_demo(trainings=DEMO_TRAININGS, seed=DEMO_SEED, today=None):
    """Load the demo trainings unless they are there; returns how many were loaded."""
    if Training.objects.filter(identifier__startswith=f"{DEMO_PREFIX}-").count() >= trainings:
        return 0
    if not Municipality.objects.exists():
        load_municipalities()
    today = today or timezone.localdate()
    rows = list(sample_trainings(trainings, seed, demo_places(), today, prefix=DEMO_PREFIX))
    TrainingImporter().import_records(as_records(rows))
    OutcomeImporter().import_records(as_records(sample_outcomes(rows, seed)))
    return len(rows)


def demo_places():
    return [
        SamplePlace(*values)
        for values in Municipality.objects.values_list("geonameid", "name", "population")
    ]


def as_records(rows):
    """Generated rows as the importer reads file records (values as text)."""
    for line, row in enumerate(rows, start=2):
        yield Record(line, {column: str(value) for column, value in row.items()})
