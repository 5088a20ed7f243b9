"""The service store: Managers run the lifecycle, approve go-live requests (publishing
them), record reviews and triage suggestions; service teams write go-live requests."""

from django.db import migrations

from portal.roles import apply_roles, create_all_permissions


def update_roles(apps, schema_editor):
    create_all_permissions(apps)
    apply_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0005_faq_workflow_subject_and_privacy_permissions"),
        ("services_store", "0002_go_live_workflow"),
    ]

    operations = [migrations.RunPython(update_roles, migrations.RunPython.noop)]
