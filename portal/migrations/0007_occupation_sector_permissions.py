"""The hidden-vacancy finder's occupation ↔ sector mapping: Managers edit it, Editors
read it (kept with the other roles in portal/roles.py, so applying the roles again never
takes these away)."""

from django.db import migrations

from portal.roles import apply_roles, create_all_permissions


def update_roles(apps, schema_editor):
    create_all_permissions(apps)
    apply_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0006_service_store_permissions"),
        ("hidden_vacancies", "0002_seed_mapping_and_permissions"),
    ]

    operations = [migrations.RunPython(update_roles, migrations.RunPython.noop)]
