from hidden_vacancies.importing import EstablishmentImporter
from portal.csv_import.command import ImportCommand


class Command(ImportCommand):
    help = (
        "Import establishments from a CSV file (identifier, name, section, division, "
        "size_band, address, municipality_id, latitude, longitude): each bad row is "
        "reported with its line number, the others are saved by identifier; an "
        "interrupted import of the same file resumes."
    )
    importer_class = EstablishmentImporter
    what = "establishments"
