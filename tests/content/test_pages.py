"""The house minimum for every page type: renders, created by an Editor through the admin,
parent/child rules, a translated copy renders, and permissions hold."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from content.models import GuidanceIndexPage, HomePage, InformationPage
from podcasts.models import PodcastShowPage
from services_store.models import ServiceStorePage
from tests.conftest import ensure_migration_data
from tests.factories import HomePageFactory, InformationPageFactory, UserFactory
from webinars.models import WebinarIndexPage

pytestmark = pytest.mark.django_db


def text_of(response, selector):
    return BeautifulSoup(response.content, "html.parser").select_one(selector).get_text(strip=True)


class TestPageRules(WagtailPageTestCase):
    def test_home_page_lives_at_the_root_only(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(
            HomePage,
            {
                InformationPage,
                GuidanceIndexPage,
                PodcastShowPage,
                WebinarIndexPage,
                ServiceStorePage,
            },
        )

    def test_information_pages_live_under_home_or_each_other(self):
        self.assertAllowedParentPageTypes(InformationPage, {HomePage, InformationPage})
        self.assertAllowedSubpageTypes(
            InformationPage,
            {InformationPage, GuidanceIndexPage, PodcastShowPage, WebinarIndexPage},
        )


class TestEditorCreatesPages(WagtailPageTestCase):
    def setUp(self):
        ensure_migration_data()
        self.home = HomePageFactory(parent=Page.get_first_root_node(), slug="home-x")
        self.editor = UserFactory(username="ed", groups=["Editors"])
        self.client.force_login(self.editor)

    def test_editor_creates_an_information_page_as_a_draft(self):
        data = nested_form_data(
            {
                "title": "Registering as a jobseeker",
                "slug": "registering",
                "intro": "How to register, step by step.",
                "body": streamfield(
                    [
                        ("heading", {"text": "Before you start", "level": "h2"}),
                        ("paragraph", rich_text("<p>Have your ID ready.</p>")),
                        (
                            "callout",
                            {"kind": "info", "title": "Tip", "text": rich_text("<p>Hi</p>")},
                        ),
                    ]
                ),
            }
        )
        self.assertCanCreate(self.home, InformationPage, data, publish=False)
        page = InformationPage.objects.get(slug="registering")
        assert not page.live  # Editors draft; they cannot publish
        assert [block.block_type for block in page.get_latest_revision_as_object().body] == [
            "heading",
            "paragraph",
            "callout",
        ]

    def test_editor_cannot_publish(self):
        data = nested_form_data(
            {"title": "Benefits", "slug": "benefits", "intro": "x", "body": streamfield([])}
        )
        data["action-publish"] = "action-publish"
        url = reverse("wagtailadmin_pages:add", args=["content", "informationpage", self.home.pk])
        self.client.post(url, data)
        page = InformationPage.objects.filter(slug="benefits").first()
        assert page is None or not page.live

    def test_publisher_creates_a_home_page_with_entry_points(self):
        publisher = UserFactory(username="pub", groups=["Publishers"])
        self.client.force_login(publisher)
        target = InformationPageFactory(parent=self.home, slug="target")
        root = Page.get_first_root_node()
        data = nested_form_data(
            {
                "title": "Accueil",
                "slug": "accueil",
                "heading": "Trouver un emploi",
                "intro": rich_text("<p>Bienvenue.</p>"),
                "entry_points": inline_formset(
                    [{"title": "Guides", "summary": "Aide pas à pas", "link_page": target.pk}]
                ),
                "body": streamfield([]),
            }
        )
        # Publishers have page permissions on the root, so they may add a home page there.
        self.assertCanCreate(root, HomePage, data)
        home = HomePage.objects.get(slug="accueil")
        assert home.live
        assert home.entry_points.get().link_page_id == target.pk


def test_information_page_renders_its_key_text(client, demo_content):
    response = client.get("/en/privacy/")
    assert response.status_code == 200
    assert text_of(response, "h1") == "Your privacy"
    assert "We collect as little personal data as possible." in text_of(response, ".lead")
    assert "erase" in text_of(response, ".body")
    assert text_of(response, ".breadcrumbs") == "HomeYour privacy"


def test_home_page_renders_its_entry_points(client, demo_content):
    response = client.get("/en/")
    page = BeautifulSoup(response.content, "html.parser")
    assert page.h1.get_text(strip=True) == "Find work, get support, learn new skills"
    doors = {a.get_text(strip=True): a["href"] for a in page.select(".door h2 a")}
    assert doors == {
        "Guidance": "/en/guidance/",
        "Podcast": "/en/podcast/",
        "Webinars": "/en/webinars/",
        "Online services": "/en/online-services/",
    }


def test_translated_home_links_to_translated_sections(client, demo_content):
    page = BeautifulSoup(client.get("/ar/").content, "html.parser")
    doors = {a["href"]: a.get_text(strip=True) for a in page.select(".door h2 a")}
    assert list(doors) == ["/ar/guidance/", "/ar/podcast/", "/ar/webinars/", "/ar/online-services/"]
    # Each door is titled like the section it opens, in Arabic.
    for href, title in doors.items():
        section = BeautifulSoup(client.get(href).content, "html.parser")
        assert section.h1.get_text(strip=True) == title
    english_heading = "Find work, get support, learn new skills"
    assert page.h1.get_text(strip=True) not in ("", english_heading)


def test_translated_copy_renders(client, demo_content, locales):
    source = InformationPageFactory(
        parent=Page.objects.get(depth=2, locale=locales["en"]), slug="new-guide", title="New guide"
    )
    copy = source.copy_for_translation(locales["sv"])
    copy.title = "Ny guide"
    copy.save_revision().publish()
    response = client.get("/sv/new-guide/")
    assert response.status_code == 200
    assert text_of(response, "h1") == "Ny guide"


def test_anonymous_visitors_cannot_see_drafts(client, demo_content):
    page = Page.objects.get(slug="webinars", locale__language_code="en")
    page.unpublish()
    assert client.get("/en/webinars/").status_code == 404
    assert client.get("/fr/webinars/").status_code == 200
