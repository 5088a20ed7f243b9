"""The import of one kind of file: stream its records, validate every row (a bad row is
reported with its line number and reason; the good rows around it are kept), and write
in batches. Each batch commits together with the import's progress
(`ImportRun.lines_done`): an interrupted import of the same file resumes after the last
committed batch, and importing a file again writes the same rows (the tools save with
upserts on each row's natural key).
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from portal.csv_import.files import open_table, records

BATCH_SIZE = 1000
KEPT_ERRORS = 20  # bad lines named again in the summary (all go to `on_bad_row`)


@dataclass
class Report:
    imported: int = 0
    rejected: int = 0
    resumed_after_line: int = 0
    run_id: int = 0
    first_errors: list = field(default_factory=list)  # (line, reason)

    def summary(self, what="rows"):
        text = f"{self.imported} {what} imported, {self.rejected} rows rejected"
        if self.first_errors:
            lines = ", ".join(str(line) for line, _reason in self.first_errors)
            more = " …" if self.rejected > len(self.first_errors) else ""
            text += f" (bad lines: {lines}{more})"
        return text + "."


def _ignore(line, reason):
    pass


class Importer:
    """Streams records into batches; subclasses say how to read a row (`parse`, raising
    ValueError with the reason) and save a batch (`save`)."""

    run_model = None  # the tool's ImportRun model (portal.csv_import.models)
    kind = ""
    columns = ()
    required = ()
    schema = ""  # where the columns are documented, e.g. "docs/training-finder.md"
    batch_size = BATCH_SIZE

    def __init__(self, on_bad_row=_ignore, batch_size=None):
        self.on_bad_row = on_bad_row
        self.batch_size = batch_size or self.batch_size

    def import_file(self, path, encoding="utf-8", delimiter=",", restart=False):
        table = open_table(path, self.columns, self.required, encoding, delimiter, self.schema)
        run = self.run_for(table, restart)
        resumed_after = run.lines_done if run.lines_done > 1 else 0
        report = Report(run.rows_imported, run.rows_rejected, resumed_after, run.pk)
        pending = (record for record in records(table) if record.line > run.lines_done)
        return self.import_records(pending, run, report)

    def run_for(self, table, restart):
        """The unfinished run of this very file, to resume; else a new one."""
        unfinished = self.run_model.objects.filter(
            kind=self.kind, fingerprint=table.fingerprint, finished_at__isnull=True
        )
        if restart:
            unfinished.update(finished_at=timezone.now())
        run = unfinished.order_by("-started_at").first()
        return run or self.run_model.objects.create(
            kind=self.kind, file_name=table.path, fingerprint=table.fingerprint
        )

    def import_records(self, pending, run=None, report=None):
        """Import records (portal.csv_import.files.Record); `run` (when given) records
        the progress."""
        report = report or Report()
        batch, last_line = [], 0
        for record in pending:
            last_line = record.line
            parsed = self._parsed(record, report)
            if parsed is not None:
                batch.append((record.line, parsed))
            if len(batch) >= self.batch_size:
                self._commit(batch, last_line, run, report)
                batch = []
        self._commit(batch, last_line, run, report, finished=True)
        return report

    def _parsed(self, record, report):
        try:
            if record.problem:
                raise ValueError(record.problem)
            return self.parse(record.values)
        except ValueError as error:
            self._reject(record.line, str(error), report)
            return None

    def _reject(self, line, reason, report):
        report.rejected += 1
        if len(report.first_errors) < KEPT_ERRORS:
            report.first_errors.append((line, reason))
        self.on_bad_row(line, reason)

    def _commit(self, batch, last_line, run, report, finished=False):
        with transaction.atomic():
            refused = self.save(batch) if batch else []
            for line, reason in refused:
                self._reject(line, reason, report)
            report.imported += len(batch) - len(refused)
            if run is not None:
                self._record_progress(run, last_line, report, finished)

    def _record_progress(self, run, last_line, report, finished):
        run.lines_done = max(run.lines_done, last_line)
        run.rows_imported, run.rows_rejected = report.imported, report.rejected
        if finished:
            run.finished_at = timezone.now()
        run.save()

    def parse(self, values):
        raise NotImplementedError

    def save(self, batch):
        """Write a batch of (line, parsed row); return the (line, reason) refused."""
        raise NotImplementedError


def latest_per_key(batch, key):
    """A batch with one row per key, the last one read (an identifier twice in a batch
    would make the database's upsert touch the same row twice)."""
    return list({key(parsed): (line, parsed) for line, parsed in batch}.values())
