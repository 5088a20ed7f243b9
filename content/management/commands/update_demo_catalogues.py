"""Refresh content/demo/translations/<lang>.po after the demo's English text changes.

Builds the English demo in a transaction that is rolled back, asks wagtail-localize for
the strings of every object the demo translates into each language, and writes them to
that language's catalogue: existing translations are kept, new strings get an empty
msgstr (for a translator to fill in), strings no longer used are dropped. Apps with
catalogues of their own (`loader.APP_CATALOGUES`, e.g. webinars/demo_translations/) get
their objects' strings.
"""

import polib
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

from content.demo.loader import build_default_language_demo, catalogues_for, translations_for


class Command(BaseCommand):
    help = "Update the demo content's PO catalogues from its English text."

    def handle(self, *args, **options):
        with transaction.atomic():
            plan = build_default_language_demo([])
            needed = {}  # {catalogue path: [msgid, …]}
            for locale in Locale.objects.exclude(pk=Locale.get_default().pk):
                for instance in translations_for(plan, locale):
                    path = catalogues_for(instance) / f"{locale.language_code}.po"
                    _add_strings(needed.setdefault(path, []), instance, locale)
            transaction.set_rollback(True)
        for path, msgids in needed.items():
            untranslated = _write_catalogue(path, msgids)
            self.stdout.write(f"{path}: {len(msgids)} strings, {untranslated} to translate")


def _add_strings(msgids, instance, locale):
    source, _ = TranslationSource.get_or_create_from_instance(instance)
    translation = Translation(source=source, target_locale=locale)
    for entry in translation.export_po():
        if entry.msgid not in msgids:
            msgids.append(entry.msgid)


def _write_catalogue(path, msgids):
    code = path.stem
    existing = {e.msgid: e.msgstr for e in polib.pofile(str(path))} if path.exists() else {}
    catalogue = polib.POFile(wrapwidth=100)
    catalogue.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": code}
    for msgid in msgids:
        catalogue.append(polib.POEntry(msgid=msgid, msgstr=existing.get(msgid, "")))
    catalogue.save(str(path))
    return sum(1 for msgid in msgids if not existing.get(msgid))
