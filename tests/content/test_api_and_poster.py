"""The guidance API for a mobile app, and the printable QR-code poster."""

import pytest
from bs4 import BeautifulSoup

from content.models import GuidancePage

pytestmark = pytest.mark.django_db


def test_api_lists_guidance_by_locale(client, demo_content):
    response = client.get("/api/v2/guidance/", {"locale": "fr", "limit": 20})
    assert response.status_code == 200
    items = response.json()["items"]
    assert len(items) == GuidancePage.objects.live().filter(locale__language_code="fr").count()
    assert {item["meta"]["locale"] for item in items} == {"fr"}


def test_api_finds_translations_of_a_page(client, demo_content):
    english = GuidancePage.objects.get(slug="writing-a-cv", locale__language_code="en")
    response = client.get("/api/v2/guidance/", {"translation_of": english.pk, "locale": "ar"})
    items = response.json()["items"]
    assert len(items) == 1
    arabic = GuidancePage.objects.get(pk=items[0]["id"])
    assert arabic.translation_key == english.translation_key


def test_api_detail_has_taxonomy_and_body(client, demo_content):
    page = GuidancePage.objects.get(slug="a-first-job-for-young-people", locale__language_code="en")
    data = client.get(f"/api/v2/guidance/{page.pk}/").json()
    assert data["topics"] == ["job-search", "cv"] or set(data["topics"]) == {"job-search", "cv"}
    assert {o["code"] for o in data["occupations"]} == {"5223", "9412", "5120"}
    assert data["body"] and data["content_owner"]


@pytest.mark.parametrize(
    "query", [{"locale": "xx"}, {"translation_of": "abc"}, {"limit": "-1"}, {"type": "nope.Page"}]
)
def test_api_bad_parameters_get_a_client_error_with_a_message(client, demo_content, query):
    response = client.get("/api/v2/guidance/", query)
    assert response.status_code in (400, 404)
    assert response.json()["message"]


def test_api_hides_drafts(client, demo_content):
    page = GuidancePage.objects.get(slug="writing-a-cv", locale__language_code="en")
    page.unpublish()
    assert client.get(f"/api/v2/guidance/{page.pk}/").status_code == 404


def test_poster_has_a_qr_code_for_the_page(client, demo_content):
    response = client.get("/fr/guidance/finding-work/writing-a-cv/poster/")
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert page.html["lang"] == "fr"
    qr = page.select_one(".poster__qr [role=img]")
    assert qr["aria-label"]
    assert qr.svg is not None
    assert "/fr/guidance/finding-work/writing-a-cv/" in page.select_one(".poster__url").get_text()


def test_qr_code_encodes_the_url_as_drawing_only():
    import segno

    from content.qr import qr_code_svg

    url = 'http://localhost/fr/guide/?a=1&b="<script>"'
    svg = qr_code_svg(url)
    assert svg.startswith("<svg") and "<path" in svg
    assert "script" not in svg and "localhost" not in svg
    # Same symbol as segno makes for this URL: version and size depend on the content.
    symbol = segno.make_qr(url, error="m")
    assert f'viewBox="0 0 {(symbol.symbol_size(scale=8)[0])}' in svg
