from portal.csv_import.command import ImportCommand
from training_finder.imports.trainings import TrainingImporter


class Command(ImportCommand):
    help = (
        "Import or update trainings from a CSV file (schema in docs/training-finder.md): "
        "streamed, every row checked, bad rows reported by line, resumable."
    )
    importer_class = TrainingImporter
    what = "trainings"
