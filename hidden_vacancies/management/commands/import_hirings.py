from hidden_vacancies.importing import HiringImporter
from portal.csv_import.command import ImportCommand


class Command(ImportCommand):
    help = (
        "Import monthly hiring from a CSV file (identifier, month, permanent, fixed_term, "
        "temporary): each bad row is reported with its line number, the others are saved "
        "by establishment and month; an interrupted import of the same file resumes. "
        "Import the establishments first."
    )
    importer_class = HiringImporter
    what = "monthly hiring rows"
