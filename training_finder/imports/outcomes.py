"""The return-to-work outcomes import (CSV schema in docs/training-finder.md).

Each row names a training already imported; its identifier is looked up batch by batch,
so memory does not grow with the catalogue.
"""

from dataclasses import dataclass

from portal.csv_import import rows
from portal.csv_import.pipeline import Importer, latest_per_key
from training_finder import ranking
from training_finder.models import ImportKind, ImportRun, Training, TrainingOutcome

COLUMNS = ("training_identifier", "trainees", "in_work_6_months", "in_work_12_months")
REQUIRED = COLUMNS
UPDATED_FIELDS = ["trainees", "in_work_6_months", "in_work_12_months", "rank_score"]


@dataclass(frozen=True)
class OutcomeRow:
    identifier: str
    trainees: int
    in_work_6_months: float
    in_work_12_months: float | None


class OutcomeImporter(Importer):
    run_model = ImportRun
    kind = ImportKind.OUTCOMES
    schema = "docs/training-finder.md"
    columns = COLUMNS
    required = REQUIRED

    def parse(self, values):
        return OutcomeRow(
            identifier=rows.identifier(values, "training_identifier"),
            trainees=rows.whole_number(values, "trainees", 1, 1_000_000),
            in_work_6_months=rows.percentage(values, "in_work_6_months"),
            in_work_12_months=rows.percentage(values, "in_work_12_months", required=False),
        )

    def save(self, batch):
        batch = latest_per_key(batch, lambda parsed: parsed.identifier)
        ids = dict(
            Training.objects.filter(
                identifier__in=[parsed.identifier for _line, parsed in batch]
            ).values_list("identifier", "pk")
        )
        known = [(line, parsed) for line, parsed in batch if parsed.identifier in ids]
        TrainingOutcome.objects.bulk_create(
            [outcome(ids[parsed.identifier], parsed) for _line, parsed in known],
            update_conflicts=True,
            unique_fields=["training"],
            update_fields=UPDATED_FIELDS,
        )
        return [
            (line, f"training_identifier: no training {parsed.identifier!r} (import it first)")
            for line, parsed in batch
            if parsed.identifier not in ids
        ]


def outcome(training_id, parsed):
    return TrainingOutcome(
        training_id=training_id,
        trainees=parsed.trainees,
        in_work_6_months=parsed.in_work_6_months,
        in_work_12_months=parsed.in_work_12_months,
        rank_score=ranking.rank_score(parsed.in_work_6_months, parsed.trainees),
    )
