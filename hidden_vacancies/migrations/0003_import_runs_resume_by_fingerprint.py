"""Import runs as every CSV import keeps them (portal/csv_import): an interrupted import
resumes when the same file (by its SHA-256) is imported again."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("hidden_vacancies", "0002_seed_mapping_and_permissions")]

    operations = [
        migrations.RenameField("importrun", "last_committed_line", "lines_done"),
        migrations.RenameField("importrun", "rows_saved", "rows_imported"),
        migrations.RemoveField("importrun", "file_size"),
        migrations.AddField(
            "importrun",
            "fingerprint",
            models.CharField(default="", max_length=64),
            preserve_default=False,
        ),
        migrations.AlterField(
            "importrun", "lines_done", models.PositiveBigIntegerField(default=1)
        ),
        migrations.AddIndex(
            "importrun",
            models.Index(fields=["kind", "fingerprint"], name="hidden_vacancies_run_file_idx"),
        ),
    ]
