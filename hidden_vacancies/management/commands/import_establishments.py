from hidden_vacancies.importing import EstablishmentRows
from hidden_vacancies.management.commands._importing import ImportCommand


class Command(ImportCommand):
    help = (
        "Import establishments from a CSV file (identifier, name, section, division, "
        "size_band, address, municipality_id, latitude, longitude): each bad row is "
        "reported with its line number, the others are saved by identifier."
    )
    rows_kind = EstablishmentRows
