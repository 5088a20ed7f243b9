from portal.csv_import.command import ImportCommand
from training_finder.imports.outcomes import OutcomeImporter


class Command(ImportCommand):
    help = (
        "Import or update trainings' return-to-work outcomes from a CSV file (schema in "
        "docs/training-finder.md); import the trainings first."
    )
    importer_class = OutcomeImporter
    what = "outcomes"
