"""The starting occupation ↔ sector mapping, and who may edit it: Managers add, change
and delete rows, Editors read them (hidden_vacancies/wagtail_hooks.py)."""

from django.db import migrations

from hidden_vacancies.mapping import seed_mapping
from portal.roles import create_all_permissions

ROLES = {
    "Managers": ["add", "change", "delete", "view"],
    "Editors": ["view"],
}


def seed(apps, schema_editor):
    seed_mapping(apps.get_model("hidden_vacancies", "OccupationSector"), apps.get_model("content", "Occupation"))


def grant(apps, schema_editor):
    create_all_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, actions in ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        codenames = [f"{action}_occupationsector" for action in actions]
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="hidden_vacancies", codename__in=codenames
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("hidden_vacancies", "0001_initial"),
        ("content", "0003_load_isco08"),
        ("portal", "0002_roles"),
    ]

    operations = [
        migrations.RunPython(seed, migrations.RunPython.noop),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
