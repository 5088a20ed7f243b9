"""What the two import commands share: options, error lines and the summary."""

import resource
import time

from django.core.management.base import BaseCommand, CommandError

from hidden_vacancies.importing import BATCH_SIZE, FileProblem, import_file


class ImportCommand(BaseCommand):
    rows_kind = None  # a callable giving EstablishmentRows() or HiringRows()

    def add_arguments(self, parser):
        parser.add_argument("file", help="the CSV file (docs/hidden-vacancies.md)")
        parser.add_argument(
            "--resume",
            action="store_true",
            help="continue an interrupted import of the same file after its last saved line",
        )
        parser.add_argument("--batch-size", type=int, default=BATCH_SIZE)
        parser.add_argument("--encoding", default="utf-8", help="e.g. cp1252; UTF-8 by default")
        parser.add_argument("--delimiter", default=",", help="the column separator; ',' by default")

    def handle(self, file, resume, batch_size, encoding, delimiter, **options):
        started = time.monotonic()
        try:
            report = import_file(
                self.rows_kind(),
                file,
                resume=resume,
                batch_size=batch_size,
                encoding=encoding,
                delimiter=delimiter,
                on_error=self._bad_row,
            )
        except FileNotFoundError:
            raise CommandError(f"No such file: {file}") from None
        except FileProblem as problem:
            raise CommandError(str(problem)) from None
        except LookupError:
            raise CommandError(f"Unknown encoding: {encoding}") from None
        seconds = time.monotonic() - started
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        self.stdout.write(
            f"{file}: {report.summary()} Import run {report.run_id}, "
            f"{seconds:.1f} s, peak memory {peak_mb:.0f} MB."
        )

    def _bad_row(self, line, reason):
        self.stderr.write(f"line {line}: {reason}")
