"""Guidance pages: the house minimum, taxonomies, fallback to the default language,
review dates, related guidance."""

import csv
import datetime
from collections import Counter

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from content.models import (
    FAQSnippet,
    GuidanceIndexPage,
    GuidancePage,
    HomePage,
    InformationPage,
    Occupation,
    Topic,
)
from tests.conftest import ensure_migration_data
from tests.factories import (
    GuidanceIndexPageFactory,
    GuidancePageFactory,
    HomePageFactory,
    TopicFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

GUIDE = "/guidance/finding-work/registering-as-a-jobseeker/"
UNTRANSLATED = "/guidance/finding-work/recruiting-through-the-public-employment-service/"
LANGUAGES = ["en", "fr", "sv", "et", "ar", "uk"]


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


# --- Occupations ---


def test_all_436_isco08_unit_groups_are_loaded():
    assert Occupation.objects.count() == 436
    majors = Counter(code[0] for code in Occupation.objects.values_list("code", flat=True))
    assert majors == {
        "0": 3,
        "1": 31,
        "2": 92,
        "3": 84,
        "4": 29,
        "5": 40,
        "6": 18,
        "7": 66,
        "8": 40,
        "9": 33,
    }
    assert Occupation.objects.get(code="2512").title == "Software developers"
    assert Occupation.objects.get(code="0110").title == "Commissioned armed forces officers"


def test_isco08_data_file_is_well_formed():
    from content.migrations import __path__ as migrations_path

    data = f"{migrations_path[0]}/../data/isco08_unit_groups.csv"
    with open(data, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    codes = [row["code"] for row in rows]
    assert len(codes) == len(set(codes)) == 436
    assert all(len(row["code"]) == 4 and row["code"].isdigit() and row["title"] for row in rows)


# --- Page rules and the admin ---


class TestGuidancePageRules(WagtailPageTestCase):
    def test_parent_and_child_rules(self):
        self.assertAllowedParentPageTypes(GuidanceIndexPage, {HomePage, InformationPage})
        self.assertAllowedSubpageTypes(GuidanceIndexPage, {GuidancePage})
        self.assertAllowedParentPageTypes(GuidancePage, {GuidanceIndexPage})
        self.assertAllowedSubpageTypes(GuidancePage, set())


class TestEditorsWriteGuidance(WagtailPageTestCase):
    def setUp(self):
        ensure_migration_data()
        home = HomePageFactory(parent=Page.get_first_root_node(), slug="home-guidance")
        self.area = GuidanceIndexPageFactory(parent=home, slug="area")
        self.client.force_login(UserFactory(username="writer", groups=["Editors"]))

    def test_editor_creates_a_guide_with_steps_faq_and_checklist(self):
        topic = TopicFactory(slug="cv-skills", name="CV skills")
        data = nested_form_data(
            {
                "title": "Writing a CV",
                "slug": "my-first-cv",
                "intro": "A CV in five steps.",
                "body": streamfield(
                    [
                        (
                            "steps",
                            {
                                "title": "How",
                                "steps": streamfield(
                                    [("item", {"title": "Start", "text": rich_text("<p>Go</p>")})]
                                ),
                            },
                        ),
                        (
                            "checklist",
                            {"title": "You need", "items": streamfield([("item", "ID")])},
                        ),
                        (
                            "faq",
                            {
                                "title": "Questions",
                                "items": streamfield(
                                    [
                                        (
                                            "item",
                                            {
                                                "question": "Free?",
                                                "answer": rich_text("<p>Yes</p>"),
                                            },
                                        )
                                    ]
                                ),
                            },
                        ),
                    ]
                ),
                "content_owner": "Jobseeker services team",
                "last_reviewed": "2026-11-01",
                "review_interval_months": "6",
            }
        )
        data["topics"] = [topic.pk]
        self.assertCanCreate(self.area, GuidancePage, data, publish=False)
        guide = GuidancePage.objects.get(slug="my-first-cv").get_latest_revision_as_object()
        assert [block.block_type for block in guide.body] == ["steps", "checklist", "faq"]
        assert list(guide.topics.all()) == [topic]
        assert not GuidancePage.objects.get(slug="my-first-cv").live

    def test_a_guide_cannot_be_published_without_a_content_owner(self):
        self.client.force_login(UserFactory(username="pub", groups=["Publishers"]))
        data = nested_form_data(
            {
                "title": "No owner",
                "slug": "no-owner",
                "intro": "x",
                "body": streamfield([("paragraph", rich_text("<p>Hello</p>"))]),
                "last_reviewed": "2026-11-01",
                "review_interval_months": "6",
                "action-publish": "action-publish",
            }
        )
        url = reverse("wagtailadmin_pages:add", args=["content", "guidancepage", self.area.pk])
        response = self.client.post(url, data)
        assert response.status_code == 200
        assert not GuidancePage.objects.filter(slug="no-owner").exists()
        assert "content_owner" in response.context["form"].errors


# --- Rendering ---


def test_guide_renders_its_blocks(client, demo_content):
    page = soup(client.get("/en" + GUIDE))
    assert page.h1.get_text(strip=True) == "Registering as a jobseeker"
    assert page.select(".steps ol li h3")
    assert page.select(".checklist li")
    assert page.select("details summary")  # FAQ accordion: native, works without JS
    assert page.select_one(".contact-box a[href^='tel:']")
    easy = page.select_one(".easy-read-link a")
    assert easy["href"] == "/en/guidance/finding-work/registering-as-a-jobseeker-easy-read/"
    assert client.get(easy["href"]).status_code == 200
    assert "Last reviewed on" in page.select_one(".reviewed").get_text()
    assert "Jobseeker services team" in page.select_one(".reviewed").get_text()


def test_shared_faq_is_shown_in_the_page_language(client, demo_content):
    faq = FAQSnippet.objects.get(
        locale__language_code="en", question__startswith="Can I register online"
    )
    french = faq.get_translation(faq.get_translations().get(locale__language_code="fr").locale)
    page = soup(client.get("/fr" + GUIDE))
    questions = [s.get_text(strip=True) for s in page.select("details.faq--shared summary")]
    assert french.question in questions
    assert faq.question not in questions


def test_topics_are_shown_in_the_visitors_language(client, demo_content):
    registering = Topic.objects.get(slug="registering", locale__language_code="en")
    french_name = registering.get_translation(
        registering.get_translations().get(locale__language_code="fr").locale
    ).name
    page = soup(client.get("/fr" + GUIDE))
    assert french_name in page.select_one(".tags").get_text()


def test_translated_guide_renders(client, demo_content):
    response = client.get("/ar" + GUIDE)
    page = soup(response)
    assert response.status_code == 200
    assert page.html["lang"] == "ar"
    assert not page.select(".fallback-notice")
    assert page.h1.get_text(strip=True) != "Registering as a jobseeker"


# --- Not yet translated ---


@pytest.mark.parametrize("code", ["fr", "ar", "sv"])
def test_untranslated_guide_falls_back_with_a_notice(client, demo_content, code):
    response = client.get(f"/{code}{UNTRANSLATED}")
    assert response.status_code == 200
    page = soup(response)
    assert page.html["lang"] == code
    assert page.main["lang"] == "en"
    assert page.h1.get_text(strip=True) == "Recruiting through the public employment service"
    notice = page.select_one(".fallback-notice")
    assert notice["lang"] == code
    english_notice = "This page is not yet available in"
    assert english_notice not in notice.get_text()


def test_fallback_notice_names_the_page_language_in_the_visitors(client, demo_content):
    response = client.get("/uk" + UNTRANSLATED)
    text = soup(response).select_one(".fallback-notice").get_text(" ", strip=True)
    assert "англ" in text.lower()  # "англійською" / "англійська": English, in Ukrainian


@pytest.mark.parametrize("path", [GUIDE, UNTRANSLATED, "/guidance/finding-work/"])
def test_language_switcher_never_leads_to_a_404(client, demo_content, path):
    for code in LANGUAGES:
        page = soup(client.get(f"/{code}{path}"))
        for link in page.select("details.languages a[hreflang]"):
            assert client.get(link["href"]).status_code == 200, (code, link["href"])


def test_hreflang_lists_only_real_translations(client, demo_content):
    page = soup(client.get("/en" + UNTRANSLATED))
    alternates = {link["hreflang"] for link in page.find_all("link", rel="alternate")}
    assert alternates == {"en"}


def test_topic_area_lists_guides_not_yet_translated(client, demo_content):
    page = soup(client.get("/sv/guidance/finding-work/"))
    links = {a["href"] for a in page.select(".cards h2 a")}
    assert "/sv/guidance/finding-work/writing-a-cv/" in links
    marked = page.select(".cards li[lang='en'] .not-translated")
    assert len(marked) == len(links)
    ar_page = soup(client.get("/ar/guidance/finding-work/"))
    assert len(ar_page.select(".cards li[lang='en']")) == 3  # three guides not in Arabic yet


def test_drafts_never_leak_through_the_fallback(client, demo_content):
    page = GuidancePage.objects.get(slug="starting-a-business", locale__language_code="en")
    page.unpublish()
    assert client.get("/fr/guidance/money-and-benefits/starting-a-business/").status_code == 404


# --- Review dates ---


def test_next_review_and_due_for_review(home_page):
    area = GuidanceIndexPageFactory(parent=home_page, slug="area-review")
    fresh = GuidancePageFactory(
        parent=area,
        slug="fresh",
        last_reviewed=datetime.date(2026, 6, 1),
        review_interval_months=12,
    )
    stale = GuidancePageFactory(
        parent=area,
        slug="stale",
        last_reviewed=datetime.date(2025, 1, 31),
        review_interval_months=1,
    )
    assert stale.next_review == datetime.date(2025, 2, 28)
    due = GuidancePage.objects.due_for_review(datetime.date(2026, 11, 22))
    assert stale in due and fresh not in due
    assert fresh.is_due_for_review(datetime.date(2027, 6, 1))
    assert not fresh.is_due_for_review(datetime.date(2027, 5, 31))


def test_publishers_see_the_review_report_editors_do_not(client, demo_content, users_by_role):
    GuidancePage.objects.filter(slug="writing-a-cv").update(last_reviewed=datetime.date(2020, 1, 1))
    client.force_login(users_by_role["Publishers"])
    response = client.get(reverse("guidance_review_due"))
    assert response.status_code == 200
    assert "Writing a CV" in response.content.decode()
    assert "Choosing a training course" not in response.content.decode()
    client.force_login(users_by_role["Editors"])
    assert client.get(reverse("guidance_review_due")).status_code in (302, 403)


# --- Related guidance ---


def test_related_guidance_shares_topics_in_the_same_language(demo_content):
    guide = GuidancePage.objects.get(slug="writing-a-cv", locale__language_code="fr")
    related = guide.related_guidance()
    assert related
    assert all(page.locale_id == guide.locale_id for page in related)
    assert guide not in related
    shared = set(guide.topics.values_list("pk", flat=True))
    assert all(shared & set(page.topics.values_list("pk", flat=True)) for page in related)
