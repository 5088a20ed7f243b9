"""The trainings catalogue import (CSV schema in docs/training-finder.md)."""

from dataclasses import dataclass
from functools import cached_property

from content.models import Occupation
from places.models import Municipality
from portal.csv_import import rows
from portal.csv_import.pipeline import Importer, latest_per_key
from training_finder.models import Funding, ImportKind, ImportRun, Mode, Training, TrainingStart

COLUMNS = (
    "identifier",
    "title",
    "provider",
    "occupations",
    "mode",
    "municipality_geonameid",
    "duration_hours",
    "duration_weeks",
    "cost",
    "funding",
    "start_dates",
    "url",
)
REQUIRED = COLUMNS[:-1]  # the provider's web address may be left out
UPDATED_FIELDS = [
    "title",
    "provider",
    "url",
    "mode",
    "municipality",
    "duration_hours",
    "duration_weeks",
    "cost",
    "funding",
]


@dataclass(frozen=True)
class TrainingRow:
    training: Training
    occupation_ids: tuple
    start_dates: tuple


class TrainingImporter(Importer):
    run_model = ImportRun
    kind = ImportKind.TRAININGS
    schema = "docs/training-finder.md"
    columns = COLUMNS
    required = REQUIRED

    # Reference data, small and fixed: 436 occupations, the country's municipalities;
    # read once the file itself has passed its checks.
    @cached_property
    def occupation_ids(self):
        return dict(Occupation.objects.values_list("code", "pk"))

    @cached_property
    def municipality_ids(self):
        return set(Municipality.objects.values_list("geonameid", flat=True))

    def parse(self, values):
        mode = rows.choice(values, "mode", Mode.values)
        training = Training(
            identifier=rows.identifier(values, "identifier"),
            title=rows.text(values, "title", 200),
            provider=rows.text(values, "provider", 200),
            url=rows.web_address(values, "url"),
            mode=mode,
            municipality_id=self.municipality(values, Mode(mode)),
            duration_hours=rows.whole_number(values, "duration_hours", 1, 5000),
            duration_weeks=rows.whole_number(values, "duration_weeks", 1, 260),
            cost=rows.decimal(values, "cost", 0, 100_000),
            funding=rows.choices(values, "funding", Funding.values),
        )
        occupations = tuple(
            self.occupation_id(code) for code in rows.items(values, "occupations", required=True)
        )
        return TrainingRow(training, occupations, tuple(rows.iso_dates(values, "start_dates")))

    def occupation_id(self, code):
        if code not in self.occupation_ids:
            raise rows.RowError("occupations", f"{code!r} is not an ISCO-08 unit group code")
        return self.occupation_ids[code]

    def municipality(self, values, mode):
        column = "municipality_geonameid"
        if not mode.needs_place:
            if values.get(column):
                raise rows.RowError(column, "an online training has no place: leave it empty")
            return None
        geonameid = rows.whole_number(values, column, 1, 2**31 - 1)
        if geonameid not in self.municipality_ids:
            raise rows.RowError(column, f"{geonameid} is not a known municipality")
        return geonameid

    def save(self, batch):
        batch = latest_per_key(batch, lambda parsed: parsed.training.identifier)
        Training.objects.bulk_create(
            [parsed.training for _line, parsed in batch],
            update_conflicts=True,
            unique_fields=["identifier"],
            update_fields=UPDATED_FIELDS,
        )
        ids = dict(
            Training.objects.filter(
                identifier__in=[parsed.training.identifier for _line, parsed in batch]
            ).values_list("identifier", "pk")
        )
        parsed_by_id = {ids[parsed.training.identifier]: parsed for _line, parsed in batch}
        replace_occupations(parsed_by_id)
        replace_start_dates(parsed_by_id)
        return []


def replace_occupations(parsed_by_id):
    links = Training.occupations.through
    links.objects.filter(training_id__in=parsed_by_id).delete()
    links.objects.bulk_create(
        links(training_id=pk, occupation_id=occupation_id)
        for pk, parsed in parsed_by_id.items()
        for occupation_id in parsed.occupation_ids
    )


def replace_start_dates(parsed_by_id):
    TrainingStart.objects.filter(training_id__in=parsed_by_id).delete()
    TrainingStart.objects.bulk_create(
        TrainingStart(training_id=pk, starts_on=day)
        for pk, parsed in parsed_by_id.items()
        for day in parsed.start_dates
    )
