"""Translators' PO files: download, translate, upload; bad files are refused with a
message naming the problem, and nothing already translated changes."""

import polib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail_localize.models import StringTranslation, Translation

from content.models import GuidancePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def translation(demo_content):
    english = GuidancePage.objects.get(slug="writing-a-cv", locale__language_code="en")
    return Translation.objects.get(
        source__object_id=english.translation_key, target_locale__language_code="fr"
    )


@pytest.fixture
def publisher(client, users_by_role):
    client.force_login(users_by_role["Publishers"])
    return client


def upload(client, translation, content, name="fr.po"):
    url = reverse("wagtail_localize:upload_pofile", args=[translation.pk])
    file = SimpleUploadedFile(name, content, content_type="text/x-gettext-translation")
    return client.post(url, {"file": file, "next": "/admin/"}, follow=True)


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def snapshot(translation):
    return sorted(
        StringTranslation.objects.filter(locale=translation.target_locale).values_list("pk", "data")
    )


def test_po_round_trip(publisher, translation):
    download = publisher.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    assert download.status_code == 200
    po = polib.pofile(download.content.decode())
    assert po.metadata["X-WagtailLocalize-TranslationID"] == str(translation.uuid)
    entry = next(e for e in po if e.msgid == "Writing a CV")
    entry.msgstr = "Rédiger un bon CV"
    response = upload(publisher, translation, str(po).encode())
    assert any("Successfully imported" in m for m in messages_of(response))
    assert StringTranslation.objects.filter(
        locale=translation.target_locale, data="Rédiger un bon CV"
    ).exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (
            b'msgid "a"\nmsgstr "b"\nmsgstr "c"\n',
            "not a valid PO file: Syntax error in po file (line 3)",
        ),
        (b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n', "no translations"),
        (b'msgid "Writing a CV"\nmsgstr "Ecrire"\n', "translation header is missing"),
        (
            b'msgid ""\nmsgstr ""\n'
            b'"X-WagtailLocalize-TranslationID: 00000000-0000-0000-0000-000000000000\\n"\n\n'
            b'msgid "Writing a CV"\nmsgstr "Ecrire"\n',
            "belongs to another translation",
        ),
    ],
)
def test_bad_po_files_are_refused_and_change_nothing(publisher, translation, content, message):
    before = snapshot(translation)
    response = upload(publisher, translation, content)
    assert response.status_code == 200
    assert any(message in m for m in messages_of(response)), messages_of(response)
    assert snapshot(translation) == before


def test_upload_without_a_file_gets_a_message(publisher, translation):
    url = reverse("wagtail_localize:upload_pofile", args=[translation.pk])
    response = publisher.post(url, {"next": "/admin/"}, follow=True)
    assert any("Choose a PO file" in m for m in messages_of(response))


def test_moderators_cannot_upload_translations(client, translation, users_by_role):
    client.force_login(users_by_role["Moderators"])
    url = reverse("wagtail_localize:upload_pofile", args=[translation.pk])
    file = SimpleUploadedFile("fr.po", b'msgid "a"\nmsgstr "b"\n')
    assert client.post(url, {"file": file}).status_code in (302, 403)
