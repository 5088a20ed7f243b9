"""The management command every CSV import shares: its options, a line on standard
error for each bad row, and the summary (with the time taken and the peak memory, so
the constant-memory promise can be checked on any file)."""

import resource
import time

from django.core.management.base import BaseCommand, CommandError

from portal.csv_import.files import FileProblem


class ImportCommand(BaseCommand):
    importer_class = None  # a portal.csv_import.pipeline.Importer
    what = "rows"

    def add_arguments(self, parser):
        schema = self.importer_class.schema or "the import's documentation"
        parser.add_argument("file", help=f"the CSV file (columns in {schema})")
        parser.add_argument("--encoding", default="utf-8", help="default utf-8, e.g. cp1252")
        parser.add_argument("--delimiter", default=",", help="default ','")
        parser.add_argument("--batch-size", type=int, default=self.importer_class.batch_size)
        parser.add_argument(
            "--restart",
            action="store_true",
            help="start again from the first line, even if an import of this file stopped",
        )

    def handle(self, file, encoding, delimiter, batch_size, restart, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be 1 or more.")
        started = time.monotonic()
        importer = self.importer_class(on_bad_row=self.report_bad_row, batch_size=batch_size)
        try:
            report = importer.import_file(file, encoding, delimiter, restart)
        except (FileProblem, OSError) as error:
            raise CommandError(str(error)) from None
        if report.resumed_after_line:
            self.stdout.write(
                f"Resumed after line {report.resumed_after_line}, where an earlier import "
                "of this file stopped (--restart to start again)."
            )
        seconds = time.monotonic() - started
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        self.stdout.write(
            f"{file}: {report.summary(self.what)} Import run {report.run_id}, "
            f"{seconds:.1f} s, peak memory {peak_mb:.0f} MB."
        )

    def report_bad_row(self, line, reason):
        self.stderr.write(f"line {line}: {reason}")
