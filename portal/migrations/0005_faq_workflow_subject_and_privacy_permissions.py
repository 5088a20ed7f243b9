"""FAQs: Editors write drafts and submit them, Publishers approve and publish (the FAQ
snippet joins the "Publishers approval" workflow). Publishers manage webinar subjects,
Editors see them. Managers find, export and erase a webinar participant's personal data."""

from django.db import migrations

from portal.roles import apply_roles, create_all_permissions


def update_roles(apps, schema_editor):
    create_all_permissions(apps)
    apply_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0004_feedback_permissions"),
        ("content", "0005_faq_drafts_revisions_and_locking"),
        ("webinars", "0002_chat"),
    ]

    operations = [migrations.RunPython(update_roles, migrations.RunPython.noop)]
