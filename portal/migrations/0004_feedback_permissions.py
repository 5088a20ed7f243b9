from django.db import migrations

from portal.roles import apply_roles, create_all_permissions


def update_roles(apps, schema_editor):
    create_all_permissions(apps)
    apply_roles(apps)


class Migration(migrations.Migration):
    dependencies = [("portal", "0003_locales"), ("content", "0004_page_feedback")]

    operations = [migrations.RunPython(update_roles, migrations.RunPython.noop)]
