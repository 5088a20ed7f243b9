"""robots.txt, sitemap.xml, the counsellor contact and compression."""

import gzip
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def test_robots_txt_points_to_the_sitemap(client, demo_content):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_sitemap_lists_every_public_page_in_every_language(client, demo_content):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    locations = {loc.text for loc in root.findall("sm:url/sm:loc", SITEMAP_NS)}
    live_pages = Page.objects.live().public().filter(depth__gt=1)
    assert len(locations) == live_pages.count() > 8 * 6
    for code in ["en", "fr", "sv", "et", "ar", "uk"]:
        assert f"{demo_content.root_url}/{code}/" in locations
        assert f"{demo_content.root_url}/{code}/privacy/" in locations


def test_sitemap_leaves_out_drafts(client, demo_content):
    page = Page.objects.get(slug="about", locale__language_code="sv")
    page.unpublish()
    root = ET.fromstring(client.get("/sitemap.xml").content)
    locations = {loc.text for loc in root.findall("sm:url/sm:loc", SITEMAP_NS)}
    assert f"{demo_content.root_url}/sv/about/" not in locations
    assert f"{demo_content.root_url}/fr/about/" in locations


@pytest.mark.parametrize("path", ["/et/", "/et/guidance/", "/et/search/?q=töö", "/et/nope/"])
def test_every_page_carries_the_counsellor_contact_in_its_language(client, demo_content, path):
    page = BeautifulSoup(client.get(path).content, "html.parser")
    call = page.select_one("a.call-link")
    assert call["href"] == "tel:+33140003949"
    contact = page.select_one("#contact")
    assert contact.select_one("a[href^='tel:']").get_text(strip=True) == "+33 1 40 00 39 49"
    english = BeautifulSoup(client.get("/en/").content, "html.parser")
    assert contact.h2.get_text() != english.select_one("#contact").h2.get_text()


def test_contact_falls_back_to_the_default_language(client, demo_content):
    from portal.models import CounsellorContact

    CounsellorContact.objects.filter(locale__language_code="uk").delete()
    page = BeautifulSoup(client.get("/uk/").content, "html.parser")
    assert page.select_one("#contact h2").get_text(strip=True) == "Talk to a counsellor"


def test_html_is_gzipped_for_clients_that_accept_it(client, demo_content):
    response = client.get("/en/", HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    assert b"Employment portal" in gzip.decompress(response.content)
