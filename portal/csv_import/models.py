"""The fields of one import of one file; each tool has its own `ImportRun` model made
of these, with its own kinds of file."""

from django.db import models


class ImportRunFields(models.Model):
    """One import of one file, so that an interrupted import resumes where its last
    committed batch ended (the progress is saved in the same transaction as the batch)."""

    file_name = models.CharField(max_length=500)
    # SHA-256 of the file's bytes: the same file resumes, a changed one starts again.
    fingerprint = models.CharField(max_length=64)
    lines_done = models.PositiveBigIntegerField(default=1)
    rows_imported = models.PositiveBigIntegerField(default=0)
    rows_rejected = models.PositiveBigIntegerField(default=0)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["kind", "fingerprint"], name="%(app_label)s_run_file_idx")]

    def __str__(self):
        return f"{self.kind} {self.file_name} ({self.lines_done} lines)"
