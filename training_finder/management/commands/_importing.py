"""What the two import commands share: options, bad-row reporting and the summary."""

from django.core.management.base import BaseCommand, CommandError

from training_finder.imports.files import FileProblem
from training_finder.imports.pipeline import BATCH_SIZE


class ImportCommand(BaseCommand):
    importer_class = None
    what = "rows"

    def add_arguments(self, parser):
        parser.add_argument("file", help="the CSV file (schema in docs/training-finder.md)")
        parser.add_argument("--encoding", default="utf-8", help="default utf-8, e.g. cp1252")
        parser.add_argument("--delimiter", default=",", help="default ','")
        parser.add_argument("--batch-size", type=int, default=BATCH_SIZE)
        parser.add_argument(
            "--restart",
            action="store_true",
            help="start again from the first line, even if an import of this file stopped",
        )

    def handle(self, file, encoding, delimiter, batch_size, restart, **options):
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
        self.stdout.write(
            self.style.SUCCESS(f"{report.imported} {self.what} imported")
            + (f", {report.rejected} rows rejected (see above)." if report.rejected else ".")
        )

    def report_bad_row(self, line, reason):
        self.stderr.write(f"line {line}: {reason}")
