from hidden_vacancies.importing import HiringRows
from hidden_vacancies.management.commands._importing import ImportCommand


class Command(ImportCommand):
    help = (
        "Import monthly hiring from a CSV file (identifier, month, permanent, fixed_term, "
        "temporary): each bad row is reported with its line number, the others are saved "
        "by establishment and month. Import the establishments first."
    )
    rows_kind = HiringRows
