"""Importing establishments and monthly hiring from CSV files (docs/hidden-vacancies.md
gives the columns).

A file is read as a stream, one row at a time, so a file of a million rows takes as
little memory as one of ten. Every row is checked; a bad row is reported with its line
number and reason and the others are kept. Rows are saved in batches, each batch in
one transaction, as upserts (INSERT … ON CONFLICT, see hidden_vacancies/bulk.py) on the
natural key (an establishment's identifier; an
establishment and month), so importing the same file twice gives the same rows, and a
run that stopped half way can simply be started again, or continued after its last
committed line with `resume=True`.
"""

import codecs
import csv
import datetime
import io
import math
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from hidden_vacancies.bulk import date_value, upsert
from hidden_vacancies.models import Establishment, ImportRun, MonthlyHiring, SizeBand
from hidden_vacancies.sample import ESTABLISHMENT_COLUMNS, HIRING_COLUMNS
from hidden_vacancies.sectors import section_of
from places.geo import distance_km
from places.models import Municipality

BATCH_SIZE = 5000
MAX_HIRES = 100_000  # in one month, for one establishment
MAX_DISTANCE_KM = 50  # between an establishment and the centre of its municipality
KEPT_ERRORS = 20  # bad rows listed again in the summary (all go to the error stream)
OTHER_DELIMITERS = {";": "semicolons", "\t": "tabs", "|": "vertical bars"}


class FileProblem(Exception):
    """The file as a whole cannot be read: encoding, delimiter, columns."""


class RowProblem(Exception):
    """One row is wrong; the message says why."""


@dataclass
class ImportReport:
    run_id: int = 0
    saved: int = 0
    rejected: int = 0
    skipped: int = 0  # lines already committed by an earlier run (resume)
    first_errors: list = field(default_factory=list)  # (line, reason)

    def reject(self, line, reason, on_error):
        self.rejected += 1
        if len(self.first_errors) < KEPT_ERRORS:
            self.first_errors.append((line, reason))
        on_error(line, reason)

    def summary(self):
        text = f"{self.saved} rows saved, {self.rejected} rejected"
        if self.skipped:
            text += f", {self.skipped} lines skipped as already imported"
        if self.first_errors:
            lines = ", ".join(str(line) for line, _reason in self.first_errors)
            more = " …" if self.rejected > len(self.first_errors) else ""
            text += f" (bad lines: {lines}{more})"
        return text + "."


# --- Reading the file -----------------------------------------------------------------


def sniff_encoding(path, encoding):
    """Raise FileProblem if the start of the file is not in `encoding`, saying what
    it looks like instead (Windows-1252 / Latin-1 are the usual culprits)."""
    with Path(path).open("rb") as handle:
        start = handle.read(256 * 1024)
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        decoder.decode(start, final=False)  # a character cut at the end is fine
    except UnicodeDecodeError as error:
        line = start[: error.start].count(b"\n") + 1
        raise FileProblem(_encoding_message(start, encoding, line)) from None


def _encoding_message(data, encoding, line):
    guess = ""
    try:
        data.decode("cp1252")
        guess = " It looks like Windows-1252 (Latin-1), as Excel saves CSV files."
    except UnicodeDecodeError:
        pass
    return (
        f"The file is not {encoding.upper()} text (first bad byte on line {line}).{guess} "
        f"Save it as UTF-8, or import it with --encoding cp1252 if that is what it is."
    )


def check_header(header, expected, delimiter):
    """Raise FileProblem unless the header names the expected columns."""
    names = [name.strip().lower() for name in header]
    if names == expected or (set(expected) <= set(names) and len(names) == len(set(names))):
        return names
    joined = delimiter.join(header)
    for other, called in OTHER_DELIMITERS.items():
        if other != delimiter and set(expected) <= {n.strip().lower() for n in joined.split(other)}:
            raise FileProblem(
                f"The columns are separated by {called} ({other!r}), not by {delimiter!r}. "
                f"Save the file with commas, or import it with --delimiter '{other}'."
            )
    missing = [name for name in expected if name not in names]
    raise FileProblem(
        f"The first line must name the columns {', '.join(expected)}; "
        f"missing: {', '.join(missing) or 'none'}, found: {', '.join(names) or 'nothing'}."
    )


def read_rows(path, expected, encoding="utf-8", delimiter=","):
    """(line number, {column: value}) for each data row; the header is line 1."""
    sniff_encoding(path, encoding)
    with Path(path).open("rb") as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8-sig" if encoding == "utf-8" else encoding)
        reader = csv.reader(text, delimiter=delimiter, strict=False)
        try:
            header = check_header(next(reader, []), expected, delimiter)
            for values in reader:
                if values:
                    yield reader.line_num, _row(header, values)
        except UnicodeDecodeError:
            raise FileProblem(
                f"Line {reader.line_num + 1} is not {encoding.upper()} text. Rows up to line "
                f"{reader.line_num} were read; save the file as UTF-8 and import it again."
            ) from None


def _row(header, values):
    if len(values) != len(header):
        return {"__columns__": len(values)}
    return dict(zip(header, values, strict=True))


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


def _column_count(row, expected):
    if "__columns__" in row:
        raise RowProblem(f"{row['__columns__']} values instead of {len(expected)}")


class EstablishmentRows:
    """Checks establishment rows and saves them by identifier."""

    kind = ImportRun.Kind.ESTABLISHMENTS
    columns = ESTABLISHMENT_COLUMNS
    model = Establishment
    # The CSV columns are the table's columns, in the same order.
    db_columns = ESTABLISHMENT_COLUMNS
    unique = ("identifier",)
    update = tuple(ESTABLISHMENT_COLUMNS[1:])

    def __init__(self):
        rows = Municipality.objects.values_list("geonameid", "latitude", "longitude")
        self.municipalities = {pk: (lat, lon) for pk, lat, lon in rows}

    def key(self, values):
        return values[0]

    def parse(self, row):
        """The row's values in the order of `db_columns`, or RowProblem."""
        _column_count(row, self.columns)
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

    def resolve(self, batch):
        return batch, []


def _identifier(row):
    identifier = text_value(row, "identifier", 20)
    if not identifier.replace("-", "").isalnum():
        raise RowProblem("identifier may hold only letters, digits and hyphens")
    return identifier


class HiringRows:
    """Checks monthly hiring rows and saves them by establishment and month."""

    kind = ImportRun.Kind.HIRINGS
    columns = HIRING_COLUMNS
    model = MonthlyHiring
    db_columns = ("establishment_id", "month", "permanent", "fixed_term", "temporary")
    unique = ("establishment_id", "month")
    update = ("permanent", "fixed_term", "temporary")

    def __init__(self, today=None):
        self.this_month = (today or timezone.localdate()).replace(day=1)

    def key(self, values):
        return values[:2]

    def parse(self, row):
        """(identifier, month, permanent, fixed term, temporary), or RowProblem; the
        identifier becomes the establishment's id in `resolve`."""
        _column_count(row, self.columns)
        return (
            _identifier(row),
            date_value(self._month(text_value(row, "month", 10))),
            whole_number(row, "permanent"),
            whole_number(row, "fixed_term"),
            whole_number(row, "temporary"),
        )

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

    def resolve(self, batch):
        """Point each row at its establishment; rows whose identifier is unknown are
        returned as problems."""
        identifiers = {values[0] for _line, values in batch}
        ids = dict(
            Establishment.objects.filter(identifier__in=identifiers).values_list("identifier", "pk")
        )
        kept, problems = [], []
        for line, (identifier, *rest) in batch:
            if identifier in ids:
                kept.append((line, (ids[identifier], *rest)))
            else:
                reason = f"unknown establishment {identifier!r} (import establishments first)"
                problems.append((line, reason))
        return kept, problems


# --- The import -----------------------------------------------------------------------


def import_file(
    rows_kind,
    path,
    *,
    resume=False,
    batch_size=BATCH_SIZE,
    encoding="utf-8",
    delimiter=",",
    on_error=lambda line, reason: None,
):
    """Import `path` with `rows_kind` (EstablishmentRows() or HiringRows()); return an
    ImportReport. Raises FileProblem when the file cannot be read at all."""
    return _Import(rows_kind, Path(path), resume, batch_size, on_error).run(encoding, delimiter)


def import_rows(rows_kind, numbered_rows, batch_size=BATCH_SIZE, on_error=lambda *a: None):
    """The same checks and upserts over (line, row) pairs already in memory (the demo)."""
    importer = _Import(rows_kind, None, False, batch_size, on_error)
    return importer.consume(numbered_rows, ImportRun(kind=rows_kind.kind), resume_after=0)


class _Import:
    def __init__(self, rows_kind, path, resume, batch_size, on_error):
        self.rows_kind, self.path, self.resume = rows_kind, path, resume
        self.batch_size, self.on_error = batch_size, on_error
        self.report = ImportReport()

    def run(self, encoding, delimiter):
        rows = read_rows(self.path, self.rows_kind.columns, encoding, delimiter)
        run, resume_after = self._start_run()
        try:
            return self.consume(rows, run, resume_after)
        finally:
            run.rows_rejected = self.report.rejected
            run.save()

    def _start_run(self):
        earlier = None
        if self.resume:
            earlier = (
                ImportRun.objects.filter(
                    kind=self.rows_kind.kind,
                    file_name=str(self.path.resolve()),
                    file_size=self.path.stat().st_size,
                    finished_at=None,
                )
                .order_by("-started_at")
                .first()
            )
        if earlier is not None:
            return earlier, earlier.last_committed_line
        run = ImportRun.objects.create(
            kind=self.rows_kind.kind,
            file_name=str(self.path.resolve()),
            file_size=self.path.stat().st_size,
        )
        return run, 0

    def consume(self, rows, run, resume_after):
        self.report.run_id = run.pk or 0
        batch, last_line = [], resume_after
        for line, row in rows:
            last_line = line
            if line <= resume_after:
                self.report.skipped += 1
                continue
            try:
                batch.append((line, self.rows_kind.parse(row)))
            except RowProblem as problem:
                self.report.reject(line, str(problem), self.on_error)
            if len(batch) >= self.batch_size:
                self._commit(batch, line, run)
                batch = []
        self._commit(batch, last_line, run)
        run.finished_at = timezone.now()
        if run.pk:
            run.save()
        return self.report

    def _commit(self, batch, line, run):
        kept, problems = self.rows_kind.resolve(batch)
        for bad_line, reason in problems:
            self.report.reject(bad_line, reason, self.on_error)
        # A key twice in one batch: the later row wins (and PostgreSQL needs it once).
        kind = self.rows_kind
        unique = {kind.key(values): values for _line, values in kept}
        with transaction.atomic():
            upsert(kind.model, kind.db_columns, unique.values(), kind.unique, kind.update)
            self.report.saved += len(kept)
            if run.pk:
                run.last_committed_line = line
                run.rows_saved += len(kept)
                run.rows_rejected = self.report.rejected
                run.save(update_fields=["last_committed_line", "rows_saved", "rows_rejected"])
