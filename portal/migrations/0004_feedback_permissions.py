from django.contrib.auth.management import create_permissions
from django.db import migrations

from portal.roles import apply_roles


def update_roles(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    apply_roles(apps)


class Migration(migrations.Migration):
    dependencies = [("portal", "0003_locales"), ("content", "0004_page_feedback")]

    operations = [migrations.RunPython(update_roles, migrations.RunPython.noop)]
