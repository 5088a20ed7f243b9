"""Importing establishments and monthly hiring from CSV files (docs/hidden-vacancies.md
gives the columns), the portal's way (portal/csv_import): the file is checked first
(encoding, delimiter, columns), then streamed one row at a time, so a file of a million
rows takes as little memory as one of ten. Every row is checked; a bad row is reported
with its line number and reason and the others are kept. Rows are saved in batches,
each batch in one transaction with the import's progress, as upserts (INSERT … ON
CONFLICT, see hidden_vacancies/bulk.py) on the natural key (an establishment's
identifier; an establishment and month), so importing the same file twice gives the
same rows, and an interrupted import of the same file resumes after its last committed
batch.
"""

import datetime
import math
from functools import cached_property

from django.utils import timezone

from hidden_vacancies.bulk import date_value, upsert
from hidden_vacancies.models import Establishment, ImportRun, MonthlyHiring, SizeBand
from hidden_vacancies.sample import ESTABLISHMENT_COLUMNS, HIRING_COLUMNS
from hidden_vacancies.sectors import section_of
from places.geo import distance_km
from places.models import Municipality
from portal.csv_import.pipeline import Importer, latest_per_key

BATCH_SIZE = 5000
MAX_HIRES = 100_000  # in one month, for one establishment
MAX_DISTANCE_KM = 50  # between an establishment and the centre of its municipality
SCHEMA = "docs/hidden-vacancies.md"


class RowProblem(ValueError):
    """One row is wrong; the message says why."""


# --- Checking one row -----------------------------------------------------------------


def text_value(row, name, max_length, required=True):
    value = (row.get(name) or "").strip()
    if required and not value:
        raise RowProblem(f"{name} is empty")
    if len(value) > max_length:
        raise RowProblem(f"{name} is longer than {max_length} characters")
    if "\x00" in value:
        raise RowProblem(f"{name} contains a NUL character")
    return value


def whole_number(row, name, maximum=MAX_HIRES):
    value = (row.get(name) or "0").strip() or "0"
    if not (value.isascii() and value.isdigit()):
        raise RowProblem(f"{name} must be a whole number of 0 or more, not {value!r}")
    number = int(value)
    if number > maximum:
        raise RowProblem(f"{name} is more than {maximum}")
    return number


def coordinate(row, name, limit):
    value = (row.get(name) or "").strip()
    try:
        number = float(value)
    except ValueError:
        raise RowProblem(f"{name} must be a number, not {value!r}") from None
    if not math.isfinite(number) or abs(number) > limit:
        raise RowProblem(f"{name} must be between -{limit} and {limit}")
    return number


class EstablishmentImporter(Importer):
    """Checks establishment rows and saves them by identifier."""

    run_model = ImportRun
    kind = ImportRun.Kind.ESTABLISHMENTS
    columns = required = ESTABLISHMENT_COLUMNS
    schema = SCHEMA
    batch_size = BATCH_SIZE
    # The CSV columns are the table's columns, in the same order.
    db_columns = ESTABLISHMENT_COLUMNS

    @cached_property
    def municipalities(self):
        rows = Municipality.objects.values_list("geonameid", "latitude", "longitude")
        return {pk: (lat, lon) for pk, lat, lon in rows}

    def parse(self, row):
        """The row's values in the order of `db_columns`, or RowProblem."""
        division = text_value(row, "division", 2)
        section = text_value(row, "section", 1, required=False).upper() or section_of(division)
        if section_of(division) is None:
            raise RowProblem(f"division {division!r} is not an ISIC Rev.4 division (01–99)")
        if section != section_of(division):
            raise RowProblem(
                f"division {division} is in section {section_of(division)}, not {section}"
            )
        size = text_value(row, "size_band", 6).lower()
        if size not in SizeBand.values:
            raise RowProblem(f"size_band must be one of {', '.join(SizeBand.values)}, not {size!r}")
        latitude, longitude = coordinate(row, "latitude", 90), coordinate(row, "longitude", 180)
        municipality = self._municipality(row, latitude, longitude)
        return (
            _identifier(row),
            text_value(row, "name", 200),
            section,
            division,
            size,
            text_value(row, "address", 250, required=False),
            municipality,
            latitude,
            longitude,
        )

    def _municipality(self, row, latitude, longitude):
        value = text_value(row, "municipality_id", 12)
        if not (value.isascii() and value.isdigit()) or int(value) not in self.municipalities:
            raise RowProblem(f"municipality_id {value!r} is not a known municipality (GeoNames id)")
        centre = self.municipalities[int(value)]
        away = distance_km(latitude, longitude, *centre)
        if away > MAX_DISTANCE_KM:
            raise RowProblem(f"the coordinates are {away:.0f} km from the municipality's centre")
        return int(value)

    def save(self, batch):
        rows = [values for _line, values in latest_per_key(batch, lambda values: values[0])]
        upsert(Establishment, self.db_columns, rows, ("identifier",), self.db_columns[1:])
        return []


def _identifier(row):
    identifier = text_value(row, "identifier", 20)
    if not identifier.replace("-", "").isalnum():
        raise RowProblem("identifier may hold only letters, digits and hyphens")
    return identifier


class HiringImporter(Importer):
    """Checks monthly hiring rows and saves them by establishment and month."""

    run_model = ImportRun
    kind = ImportRun.Kind.HIRINGS
    columns = required = HIRING_COLUMNS
    schema = SCHEMA
    batch_size = BATCH_SIZE
    db_columns = ("establishment_id", "month", "permanent", "fixed_term", "temporary")

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.this_month = (today or timezone.localdate()).replace(day=1)
        self.months = {}  # a file has a few dozen months: each checked and converted once

    def parse(self, row):
        """(identifier, month, permanent, fixed term, temporary), or RowProblem; the
        identifier becomes the establishment's id when the batch is saved."""
        return (
            _identifier(row),
            self._month_value(text_value(row, "month", 10)),
            whole_number(row, "permanent"),
            whole_number(row, "fixed_term"),
            whole_number(row, "temporary"),
        )

    def _month_value(self, value):
        """The month as the database driver takes it (a bad one is not remembered)."""
        if value not in self.months:
            self.months[value] = date_value(self._month(value))
        return self.months[value]

    def _month(self, value):
        try:
            month = datetime.date.fromisoformat(f"{value[:7]}-01")
        except ValueError:
            raise RowProblem(f"month must be YYYY-MM, not {value!r}") from None
        if len(value) not in (7, 10) or (len(value) == 10 and value[7:] != "-01"):
            raise RowProblem(f"month must be YYYY-MM, not {value!r}")
        if month > self.this_month:
            raise RowProblem(f"month {value} is in the future")
        return month

    def save(self, batch):
        """Point each row at its establishment and save it; rows whose identifier is
        unknown are refused."""
        identifiers = {values[0] for _line, values in batch}
        ids = dict(
            Establishment.objects.filter(identifier__in=identifiers).values_list("identifier", "pk")
        )
        kept, refused = {}, []
        for line, (identifier, *rest) in batch:
            if identifier in ids:
                # A month twice in one batch: the later row wins.
                kept[(ids[identifier], rest[0])] = (ids[identifier], *rest)
            else:
                reason = f"unknown establishment {identifier!r} (import establishments first)"
                refused.append((line, reason))
        unique, update = ("establishment_id", "month"), self.db_columns[2:]
        upsert(MonthlyHiring, self.db_columns, kept.values(), unique, update)
        return refused
