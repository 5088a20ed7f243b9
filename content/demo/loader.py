"""Builds the demo portal. Every step looks before it creates, so a second run changes
nothing. Translations go through wagtail-localize (source → PO → target), as a
translator's would, so editors see them as synchronised translations in the admin."""

from pathlib import Path

import polib
from django.db import transaction
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import Translation, TranslationSource

from content.demo import guidance_loader
from content.demo import pages as demo
from content.models import HomePage
from podcasts.demo import ensure_podcast_demo
from portal.models import CounsellorContact
from services_store import demo as store_demo
from tests.factories import (
    CounsellorContactFactory,
    HomeEntryPointFactory,
    HomePageFactory,
    InformationPageFactory,
)
from webinars import demo as webinar_demo

CATALOGUES = Path(__file__).parent / "translations"
# Apps whose demo content has catalogues of its own; content's hold everything else.
APP_CATALOGUES = {"webinars": webinar_demo.CATALOGUES}


class MissingDemoTranslation(Exception):
    pass


def load_demo_content():
    """Create the demo site; return the number of objects created (0 on a second run).

    Not one transaction: wagtail-localize publishes a translation when its transaction
    commits, and the home page's translation must be published before its children are
    added (a later publish would restore the home page's child count from before).
    Each step is atomic, and an interrupted load completes when run again.
    """
    created = []
    plan = build_default_language_demo(created)
    for locale in Locale.objects.exclude(pk=Locale.get_default().pk):
        for instance in translations_for(plan, locale):
            if _translate(instance, locale):
                created.append(instance)
    return len(created)


def build_default_language_demo(created):
    """Create the demo in the default language; return the translation plan: a list of
    (object, language codes or None for every language), parents before children and
    snippets before the pages that use them."""
    home = _ensure_home(created)
    sections = [
        _ensure_section(home, slug, page, created) for slug, _title, _summary, page in demo.SECTIONS
    ]
    _ensure_entry_points(home, sections, created)
    footer = [
        _ensure_information_page(home, slug, page, created) for slug, page in demo.FOOTER_PAGES
    ]
    contact = _ensure_contact(created)
    terms = guidance_loader.ensure_terms(created)
    faqs = guidance_loader.ensure_faqs(created)
    guidance_section = next(page for page in sections if page.slug == "guidance")
    guides = guidance_loader.ensure_topic_areas(guidance_section, faqs, created)
    podcast_section = next(page for page in sections if page.slug == "podcast")
    ensure_podcast_demo(podcast_section, created)
    webinars_section = next(page for page in sections if page.slug == "webinars")
    webinars = webinar_demo.ensure_webinar_demo(webinars_section, created)
    store_demo.ensure_store_demo(home, created)
    everywhere = [home, *sections, *footer, contact, *terms]
    return [
        *[(instance, None) for instance in everywhere],
        *[(faq, guidance_loader.FAQ_LANGUAGES) for faq in faqs.values()],
        *guides,
        *webinars,
    ]


def translations_for(plan, locale):
    return [
        instance
        for instance, languages in plan
        if languages is None or locale.language_code in languages
    ]


def _ensure_home(created):
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    old_root = site.root_page.specific if site else None
    if isinstance(old_root, HomePage):
        return old_root
    home = HomePageFactory(parent=Page.get_first_root_node(), slug="home-en", **demo.HOME)
    home.save_revision().publish()
    site = site or Site(hostname="localhost", port=80, is_default_site=True)
    site.root_page = home
    site.site_name = "Employment portal"
    site.save()
    if old_root and old_root.depth == 2 and not old_root.get_children().exists():
        old_root.delete()  # Wagtail's "Welcome to your new Wagtail site!" page
    created.append(home)
    return home


def _ensure_section(home, slug, data, created):
    """A main-menu section: an information page, except the online services, whose
    section is the service store's catalogue."""
    if slug == store_demo.STORE_SLUG:
        return store_demo.ensure_store_page(home, created)
    return _ensure_information_page(home, slug, data, created, show_in_menus=True)


def _ensure_information_page(parent, slug, data, created, show_in_menus=False):
    existing = parent.get_children().filter(slug=slug).first()
    if existing:
        return existing.specific
    page = InformationPageFactory(
        parent=parent,
        slug=slug,
        title=data["title"],
        intro=data["intro"],
        body=data["body"],
        show_in_menus=show_in_menus,
    )
    page.save_revision().publish()
    created.append(page)
    return page


def _ensure_entry_points(home, sections, created):
    if home.entry_points.exists():
        return
    for order, ((_slug, title, summary, _page), target) in enumerate(
        zip(demo.SECTIONS, sections, strict=True)
    ):
        created.append(
            HomeEntryPointFactory(
                page=home, sort_order=order, title=title, summary=summary, link_page=target
            )
        )
    home.save_revision().publish()


def _ensure_contact(created):
    default = Locale.get_default()
    contact = CounsellorContact.objects.filter(locale=default).first()
    if contact is None:
        contact = CounsellorContactFactory(locale=default, **demo.CONTACT)
        created.append(contact)
    return contact


def _translate(instance, locale):
    """Translate `instance` into `locale` from the demo catalogue, unless already done.

    A string missing from the catalogue is an error, so the demo never shows English
    text on a page that claims to be translated."""
    with transaction.atomic():
        return _translate_from_catalogue(instance, locale)


def _translate_from_catalogue(instance, locale):
    source, _ = TranslationSource.get_or_create_from_instance(instance)
    if Translation.objects.filter(source=source, target_locale=locale).exists():
        return False
    translation = Translation.objects.create(source=source, target_locale=locale)
    po = translation.export_po()
    directory = catalogues_for(instance)
    catalogue = demo_catalogue(locale.language_code, directory)
    missing = [entry.msgid for entry in po if entry.msgid not in catalogue]
    if missing:
        path = directory / f"{locale.language_code}.po"
        raise MissingDemoTranslation(f"{path}: no translation for {missing}")
    for entry in po:
        entry.msgstr = catalogue.get(entry.msgid, "")
    translation.import_po(po, tool_name="Demo content")
    source.create_or_update_translation(locale, publish=True)
    return True


def catalogues_for(instance):
    """The folder of the catalogues that translate `instance`."""
    return APP_CATALOGUES.get(instance._meta.app_label, CATALOGUES)


def demo_catalogue(language_code, directory=CATALOGUES):
    """The demo content's translations into one language, as {English: translation}."""
    path = directory / f"{language_code}.po"
    return {entry.msgid: entry.msgstr for entry in polib.pofile(str(path)) if entry.msgstr}
