"""Language routing: prefixes, redirects, unknown languages, <html lang dir>, hreflang."""

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def test_root_redirects_to_the_visitors_language(client, demo_content):
    assert client.get("/")["Location"] == "/en/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="ar,en;q=0.5")["Location"] == "/ar/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9")["Location"] == "/en/"


def test_unprefixed_view_redirects_into_a_language(client, demo_content):
    response = client.get("/search/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 302
    assert response["Location"] == "/fr/search/"


@pytest.mark.parametrize("path", ["/de/", "/de/guidance/", "/pt/search/?q=cv"])
def test_unknown_language_prefix_is_a_404_in_the_default_language(client, demo_content, path):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 404
    page = soup(response)
    assert page.html["lang"] == "en"
    assert page.h1.get_text(strip=True) == "Page not found"


def test_not_found_in_a_known_language_speaks_it(client, demo_content):
    response = client.get("/fr/cette-page-n-existe-pas/")
    assert response.status_code == 404
    page = soup(response)
    assert page.html["lang"] == "fr"
    assert page.h1.get_text(strip=True) == "Page introuvable"


@pytest.mark.parametrize(
    ("language", "direction"), [("en", "ltr"), ("fr", "ltr"), ("ar", "rtl"), ("uk", "ltr")]
)
def test_html_lang_and_dir(client, demo_content, language, direction):
    page = soup(client.get(f"/{language}/"))
    assert page.html["lang"] == language
    assert page.html["dir"] == direction


def test_hreflang_alternates_list_every_translation(client, demo_content):
    page = soup(client.get("/fr/guidance/"))
    alternates = {link["hreflang"]: link["href"] for link in page.find_all("link", rel="alternate")}
    assert set(alternates) == {"en", "fr", "sv", "et", "ar", "uk"}
    assert alternates["ar"] == "http://testserver/ar/guidance/"


def test_language_switcher_leads_to_the_translation(client, demo_content):
    page = soup(client.get("/en/podcast/"))
    switcher = page.select_one("details.languages")
    links = {a["hreflang"]: a["href"] for a in switcher.select("a[hreflang]")}
    assert links["uk"] == "/uk/podcast/"
    assert switcher.select_one('a[aria-current="true"]')["hreflang"] == "en"
    for href in links.values():
        assert client.get(href).status_code == 200


def test_language_switcher_on_search_keeps_the_query(client, demo_content):
    page = soup(client.get("/en/search/?q=podcast"))
    links = {a["hreflang"]: a["href"] for a in page.select("details.languages a[hreflang]")}
    assert links["sv"] == "/sv/search/?q=podcast"


def test_language_switcher_on_a_missing_page_offers_home_pages(client, demo_content):
    page = soup(client.get("/en/missing/"))
    links = {a["hreflang"]: a["href"] for a in page.select("details.languages a[hreflang]")}
    assert links == {code: f"/{code}/" for code in ["en", "fr", "sv", "et", "ar", "uk"]}


def test_ui_strings_are_translated_in_every_language(client, demo_content):
    skip_links = {
        code: soup(client.get(f"/{code}/")).select_one(".skip-link").get_text(strip=True)
        for code in ["en", "fr", "sv", "et", "ar", "uk"]
    }
    assert skip_links["en"] == "Skip to main content"
    assert len(set(skip_links.values())) == 6, skip_links
