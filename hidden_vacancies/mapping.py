"""The occupation ↔ sector mapping the portal starts with (data/occupation_sectors.csv):
for the common sector divisions, the share of their hires in each occupation, from
published labour-market statistics, rounded. Staff refine it in the admin."""

import csv
from pathlib import Path

SEED = Path(__file__).resolve().parent / "data" / "occupation_sectors.csv"


def seed_rows():
    with SEED.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def seed_mapping(occupation_sector_model, occupation_model):
    """Add the seed rows that are missing (never overwriting staff's changes); return
    how many were added. Takes the models so a migration can pass historical ones."""
    occupations = dict(occupation_model.objects.values_list("code", "pk"))
    existing = set(occupation_sector_model.objects.values_list("occupation_id", "division"))
    new = [
        occupation_sector_model(
            occupation_id=occupations[row["isco"]],
            division=row["division"],
            weight=float(row["weight"]),
        )
        for row in seed_rows()
        if row["isco"] in occupations
        and (occupations[row["isco"]], row["division"]) not in existing
    ]
    occupation_sector_model.objects.bulk_create(new)
    return len(new)


def ensure_seed_mapping():
    from content.models import Occupation
    from hidden_vacancies.models import OccupationSector

    return seed_mapping(OccupationSector, Occupation)
