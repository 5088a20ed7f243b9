import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "isco08_unit_groups.csv"


def load_unit_groups(apps, schema_editor):
    Occupation = apps.get_model("content", "Occupation")
    with DATA.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    existing = set(Occupation.objects.values_list("code", flat=True))
    Occupation.objects.bulk_create(
        Occupation(code=row["code"], title=row["title"])
        for row in rows
        if row["code"] not in existing
    )


class Migration(migrations.Migration):
    dependencies = [("content", "0002_guidance")]

    operations = [migrations.RunPython(load_unit_groups, migrations.RunPython.noop)]
