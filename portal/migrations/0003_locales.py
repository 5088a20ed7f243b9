from django.db import migrations

# The six languages of the portal (settings.WAGTAIL_CONTENT_LANGUAGES), frozen here as a
# migration must not depend on settings that may change later.
LANGUAGE_CODES = ["en", "fr", "sv", "et", "ar", "uk"]


def create_locales(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    for code in LANGUAGE_CODES:
        Locale.objects.get_or_create(language_code=code)


class Migration(migrations.Migration):
    dependencies = [("portal", "0002_roles"), ("wagtailcore", "0098_apitoken")]

    operations = [migrations.RunPython(create_locales, migrations.RunPython.noop)]
