"""The demo portal: realistic, in six languages, and loading it twice changes nothing."""

import polib
import pytest
from django.core.management import call_command
from wagtail.models import Page, Revision
from wagtail_localize.models import Translation

from content.demo.loader import CATALOGUES, demo_catalogue
from content.models import HomePage

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "fr", "sv", "et", "ar", "uk"]


def test_every_language_has_the_whole_demo_site(demo_content):
    for code in LANGUAGES:
        home = HomePage.objects.get(locale__language_code=code)
        slugs = set(home.get_children().live().values_list("slug", flat=True))
        assert slugs == {
            "guidance",
            "podcast",
            "webinars",
            "services",
            "about",
            "privacy",
            "accessibility",
        }


def test_translations_are_synchronised_through_wagtail_localize(demo_content):
    # 8 pages and the contact, each translated into five languages.
    assert Translation.objects.count() == 9 * 5


def test_loading_twice_changes_nothing(demo_content, capsys):
    counts = (Page.objects.count(), Revision.objects.count(), Translation.objects.count())
    call_command("load_initial_data")
    assert "nothing changed" in capsys.readouterr().out
    assert (Page.objects.count(), Revision.objects.count(), Translation.objects.count()) == counts


@pytest.mark.parametrize("code", LANGUAGES[1:])
def test_demo_catalogues_translate_every_string(code):
    template = {entry.msgid for entry in polib.pofile(str(CATALOGUES / "demo.pot"))}
    catalogue = demo_catalogue(code)
    assert template <= set(catalogue)
    assert all(catalogue[msgid] != msgid or len(msgid) < 12 for msgid in template)
