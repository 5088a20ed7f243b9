"""Topic and audience listing pages."""

import pytest
from bs4 import BeautifulSoup

from content.models import GuidancePage

pytestmark = pytest.mark.django_db


def cards(response):
    page = BeautifulSoup(response.content, "html.parser")
    return {a["href"]: a.find_parent("li").get("lang") for a in page.select(".cards h2 a")}


def test_topic_listing_in_french(client, demo_content):
    response = client.get("/fr/topics/training/")
    assert response.status_code == 200
    listed = cards(response)
    expected = (
        GuidancePage.objects.live()
        .filter(topics__slug="training")
        .values_list("translation_key", flat=True)
    )
    assert len(listed) == len(set(expected))
    assert "/fr/guidance/skills-and-training/choosing-a-training-course/" in listed
    assert all(href.startswith("/fr/") for href in listed)


def test_audience_listing_marks_untranslated_guides(client, demo_content):
    listed = cards(client.get("/ar/audiences/employers/"))
    recruiting = "/ar/guidance/finding-work/recruiting-through-the-public-employment-service/"
    assert listed[recruiting] == "en"  # shown in English, marked "only in English for now"


def test_guide_links_to_its_topics(client, demo_content):
    page = BeautifulSoup(
        client.get("/fr/guidance/finding-work/writing-a-cv/").content, "html.parser"
    )
    links = [a["href"] for a in page.select(".tags a")]
    assert "/fr/topics/cv/" in links
    for href in links:
        assert client.get(href).status_code == 200


@pytest.mark.parametrize("path", ["/fr/topics/astrology/", "/fr/audiences/robots/"])
def test_unknown_terms_are_404(client, demo_content, path):
    assert client.get(path).status_code == 404
