"""The store's pages: the catalogue lists what is in the store, filtered without
JavaScript; a service's description says what it does, how it is doing and whether it
can be opened; and the house minimum for both page types (renders, created by an Editor
through the admin, parent/child rules, a translated copy, permissions). Also the beta
opt-in they point to.

The factories and `add_service` are shared with the store's other tests."""

import dataclasses
import datetime

import factory
import pytest
import wagtail_factories
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone
from factory.django import DjangoModelFactory
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text

from content.models import HomePage
from services_store import registry
from services_store.access import BETA_SESSION_KEY
from services_store.manifest import Category, Interaction, PersonalData
from services_store.models import (
    Decision,
    LifecycleState,
    Service,
    ServiceDetailPage,
    ServiceReview,
    ServiceStorePage,
    ServiceVisitDay,
)
from tests.conftest import ensure_migration_data
from tests.factories import HomePageFactory, UserFactory

pytestmark = pytest.mark.django_db

EXAMPLE = "example-tool"  # the test settings' own micro-service (tests/services_store/)


# --- Shared with the store's other tests ---


class ServiceFactory(DjangoModelFactory):
    slug = factory.Sequence(lambda n: f"tool-{n}")
    state = LifecycleState.LIVE

    class Meta:
        model = Service
        django_get_or_create = ("slug",)


class ServiceStorePageFactory(wagtail_factories.PageFactory):
    title = "Online services"
    slug = "online-services"
    intro = "Small online tools built by our own teams, tested with jobseekers."

    class Meta:
        model = ServiceStorePage


class ServiceDetailPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Tool {n}")
    slug = factory.LazyAttribute(lambda page: page.service.slug)
    service = factory.SubFactory(ServiceFactory)
    what_it_does = "<p>It finds what you need.</p>"
    for_whom = "<p>Jobseekers.</p>"

    class Meta:
        model = ServiceDetailPage


def add_service(monkeypatch, slug, state=LifecycleState.LIVE, hidden=False, **manifest):
    """A service in the store's records, with a manifest in the registry as if its app
    were installed (the example micro-service's, with `manifest` changes)."""
    base = dataclasses.replace(registry.get(EXAMPLE), slug=slug, **manifest)
    monkeypatch.setitem(registry._manifests, slug, base)
    service = ServiceFactory(slug=slug)
    Service.objects.filter(pk=service.pk).update(state=state, hidden_for_review=hidden)
    service.refresh_from_db()
    return service


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def text_of(response, selector):
    found = soup(response).select_one(selector)
    assert found is not None, f"nothing matches {selector!r}"
    return found.get_text(" ", strip=True)


def card_titles(response):
    return [a.get_text(strip=True) for a in soup(response).select(".store-card h3 a")]


# --- This module's fixtures ---


@pytest.fixture
def store(home_page):
    return ServiceStorePageFactory(parent=home_page)


@pytest.fixture
def catalogue(store, monkeypatch):
    """Three services in the store (one in beta) and three that are not."""
    services = {
        "training-finder": add_service(
            monkeypatch,
            "training-finder",
            name="Training finder",
            summary="Trainings ranked by how often they lead back to work.",
            category=Category.TRAINING,
            languages=("en", "fr"),
        ),
        "hiring-companies": add_service(
            monkeypatch,
            "hiring-companies",
            LifecycleState.BETA,
            name="Companies hiring near you",
            summary="Companies likely to recruit soon, by trade and town.",
            category=Category.FINDING_WORK,
            languages=("en", "ar"),
        ),
        "case-notes": add_service(
            monkeypatch,
            "case-notes",
            name="Case notes helper",
            summary="Counsellors' notes in plain words.",
            category=Category.STAFF,
            audiences=("staff",),
            languages=("en",),
        ),
        "overdue-tool": add_service(monkeypatch, "overdue-tool", hidden=True),
        "closed-tool": add_service(monkeypatch, "closed-tool", LifecycleState.RETIRED),
        "new-tool": add_service(monkeypatch, "new-tool", LifecycleState.BUILDING),
    }
    titles = {
        "training-finder": "Find a training",
        "hiring-companies": "Find companies that are hiring",
        "case-notes": "Write case notes",
        "overdue-tool": "Overdue tool",
        "closed-tool": "Closed tool",
        "new-tool": "New tool",
    }
    pages = {
        slug: ServiceDetailPageFactory(parent=store, service=service, title=titles[slug])
        for slug, service in services.items()
    }
    return services, pages


def store_url(**query):
    url = "/en/online-services/"
    if query:
        url += "?" + "&".join(f"{name}={value}" for name, value in query.items())
    return url


# --- Page rules and the admin ---


class TestPageRules(WagtailPageTestCase):
    def test_the_store_holds_service_descriptions(self):
        self.assertAllowedSubpageTypes(ServiceStorePage, {ServiceDetailPage})
        # Its side of the rule; the home page's is the test below.
        assert ServiceStorePage.clean_parent_page_models() == [HomePage]

    def test_service_descriptions_live_in_the_store_and_have_no_children(self):
        self.assertAllowedParentPageTypes(ServiceDetailPage, {ServiceStorePage})
        self.assertAllowedSubpageTypes(ServiceDetailPage, set())


def test_the_store_lives_under_a_home_page():
    assert set(ServiceStorePage.allowed_parent_page_models()) == {HomePage}


def _detail_form_data(service, **changes):
    return nested_form_data(
        {
            "title": "Find a training",
            "slug": "find-a-training",
            "service": service.pk,
            "what_it_does": rich_text("<p>Trainings near you, ranked by results.</p>"),
            "for_whom": rich_text("<p>Jobseekers who want to learn a trade.</p>"),
            "how_to_use": rich_text("<ol><li>Choose a trade.</li></ol>"),
            "contact_email": "training-team@example.org",
            **changes,
        }
    )


class TestEditorCreatesStorePages(WagtailPageTestCase):
    def setUp(self):
        ensure_migration_data()
        self.home = HomePageFactory(parent=Page.get_first_root_node(), slug="home-s")
        self.editor = UserFactory(username="ed", groups=["Editors"])
        self.service = ServiceFactory(slug=EXAMPLE)
        self.client.force_login(self.editor)

    def test_editor_creates_the_store_and_a_service_description_as_drafts(self):
        data = nested_form_data(
            {"title": "Online services", "slug": "online-services", "intro": "Our tools."}
        )
        self.assertCanCreate(self.home, ServiceStorePage, data, publish=False)
        store = ServiceStorePage.objects.child_of(self.home).get(slug="online-services")
        assert not store.live
        data = _detail_form_data(self.service)
        self.assertCanCreate(store, ServiceDetailPage, data, publish=False)
        page = ServiceDetailPage.objects.child_of(store).get(slug="find-a-training")
        assert not page.live  # Editors draft; Publishers publish
        draft = page.get_latest_revision_as_object()
        assert draft.service == self.service
        assert "ranked by results" in draft.what_it_does
        assert draft.contact_email == "training-team@example.org"

    def _add(self, parent, model, data):
        url = reverse(
            "wagtailadmin_pages:add", args=["services_store", model._meta.model_name, parent.pk]
        )
        return self.client.post(url, data)

    def test_the_store_cannot_take_an_address_the_micro_services_use(self):
        data = nested_form_data({"title": "Services", "slug": "services", "intro": "Tools."})
        response = self._add(self.home, ServiceStorePage, data)
        assert response.status_code == 200
        assert "The portal itself uses the address /en/services/" in response.content.decode()
        assert not ServiceStorePage.objects.descendant_of(self.home).exists()

    def test_a_description_cannot_take_the_address_of_a_store_form(self):
        store = ServiceStorePageFactory(parent=self.home, slug="store")
        response = self._add(store, ServiceDetailPage, _detail_form_data(self.service, slug="beta"))
        assert "The portal itself uses the address /en/store/beta/" in response.content.decode()
        assert not ServiceDetailPage.objects.descendant_of(self.home).exists()

    def test_one_description_per_service(self):
        store = ServiceStorePageFactory(parent=self.home)
        ServiceDetailPageFactory(parent=store, service=self.service)
        response = self._add(store, ServiceDetailPage, _detail_form_data(self.service))
        assert "Another page already describes this service." in response.content.decode()
        assert ServiceDetailPage.objects.descendant_of(self.home).count() == 1

    def test_a_user_without_page_permissions_is_refused(self):
        store = ServiceStorePageFactory(parent=self.home)
        self.client.force_login(UserFactory(username="mod", groups=["Moderators"]))
        response = self._add(store, ServiceDetailPage, _detail_form_data(self.service))
        assert response.status_code in (302, 403)
        assert not ServiceDetailPage.objects.descendant_of(self.home).exists()


# --- The catalogue ---


def test_the_catalogue_lists_what_is_in_the_store(client, catalogue):
    response = client.get(store_url())
    assert response.status_code == 200
    assert text_of(response, "h1") == "Online services"
    assert "built by our own teams" in text_of(response, ".lead")
    assert card_titles(response) == [
        "Find a training",
        "Find companies that are hiring",
        "Write case notes",
    ]  # hidden for review, retired and being built: not listed
    assert text_of(response, ".store-results [role=status]") == "3 services"


def test_beta_services_are_marked_and_point_to_the_opt_in(client, catalogue):
    cards = soup(client.get(store_url())).select(".store-card")
    beta = [card for card in cards if card.select_one(".badge--beta")]
    assert [card.h3.get_text(strip=True) for card in beta] == ["Find companies that are hiring"]
    link = beta[0].select_one("a[href^='/en/store/beta/']")
    assert link["href"] == "/en/store/beta/?next=/en/online-services/"


def test_cards_link_to_the_descriptions(client, catalogue):
    links = soup(client.get(store_url())).select(".store-card h3 a")
    assert links[0]["href"] == "/en/online-services/training-finder/"


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ({"category": "training"}, ["Find a training"]),
        ({"audience": "staff"}, ["Write case notes"]),
        ({"audience": "jobseekers"}, ["Find a training", "Find companies that are hiring"]),
        ({"language": "ar"}, ["Find companies that are hiring"]),
        ({"language": "fr", "category": "finding-work"}, []),
        ({"q": "train"}, ["Find a training"]),  # the beginning of a word is enough
        ({"q": "recruit"}, ["Find companies that are hiring"]),  # from the manifest's summary
        ({"q": "Counsellors NOTES"}, ["Write case notes"]),
        ({"q": "companies+training"}, []),  # every word must be found
    ],
)
def test_the_filters(client, catalogue, query, titles):
    response = client.get(store_url(**query))
    assert card_titles(response) == titles
    form = soup(response).select_one("form.store-filters")
    assert form["method"] == "get"
    assert form.select_one("a[href='/en/online-services/']").get_text() == "Show all services"


def test_nothing_found_says_so(client, catalogue):
    response = client.get(store_url(q="astronaut"))
    assert "No service matches these filters." in response.content.decode()


def test_invalid_filters_are_reported_and_ignored(client, catalogue):
    response = client.get(store_url(category="games", language="de", page="x"))
    assert response.status_code == 200
    errors = text_of(response, ".message--error")
    assert "Choose a category from the list." in errors
    assert "Choose a language from the list." in errors
    assert "The page number must be a whole number." in errors
    assert len(card_titles(response)) == 3


def test_the_catalogue_is_paged(client, store, monkeypatch):
    for number in range(14):
        service = add_service(monkeypatch, f"tool-{number:02}")
        ServiceDetailPageFactory(parent=store, service=service, title=f"Tool {number:02}")
    first = client.get(store_url())
    assert len(card_titles(first)) == 12
    assert text_of(first, ".pagination") == "Page 1 of 2 Next"
    second = client.get(store_url(page=2))
    assert card_titles(second) == ["Tool 12", "Tool 13"]
    assert soup(second).select_one(".pagination a[rel=prev]")["href"] == "?page=1"


def test_store_pages_are_never_served_from_the_page_cache(client, catalogue):
    for url in (store_url(), "/en/online-services/training-finder/"):
        client.get(url)
        assert "X-Page-Cache" not in client.get(url).headers


def test_the_catalogue_follows_the_lifecycle_without_a_publish(client, catalogue):
    services, _pages = catalogue
    client.get(store_url())
    Service.objects.filter(pk=services["training-finder"].pk).update(hidden_for_review=True)
    assert "Find a training" not in card_titles(client.get(store_url()))


# --- A service's description ---


def test_a_description_renders_its_key_text(client, catalogue, users_by_role):
    services, pages = catalogue
    service = services["training-finder"]
    manager = users_by_role["Managers"]
    manager.first_name, manager.last_name = "Amélie", "Martin"
    manager.save()
    Service.objects.filter(pk=service.pk).update(intrapreneur=manager)
    ServiceReview.objects.create(
        service=service,
        reviewed_on=datetime.date(2031, 3, 4),
        decision=Decision.KEEP,
        **dict.fromkeys(ServiceReview.RATED_POINTS, "green"),
    )
    today = timezone.localdate()
    ServiceVisitDay.objects.create(service=service, date=today, visits=30, unique_visitors=9)
    ServiceVisitDay.objects.create(
        service=service, date=today - datetime.timedelta(days=120), visits=500, unique_visitors=1
    )

    response = client.get("/en/online-services/training-finder/")
    assert response.status_code == 200
    assert text_of(response, "h1") == "Find a training"
    assert text_of(response, ".kicker") == "Training and skills"
    assert "Trainings ranked by how often" in text_of(response, ".lead")
    assert text_of(response, "#what-it-does-heading + .body") == "It finds what you need."
    assert text_of(response, "#for-whom-heading + .body") == "Jobseekers."
    open_link = soup(response).select_one("a.service-access__open")
    assert open_link.get_text(strip=True) == "Open the service"
    assert open_link["href"] == reverse("service_home", args=["training-finder"])
    facts = {
        dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(" ", strip=True)
        for dt in soup(response).select(".service-facts dt")
    }
    assert facts == {
        "For": "Jobseekers",
        "Languages": "English , Français",
        "What you can do with it": "Information",
        "State": "Live",
        "Built by": "Test team: Amélie Martin (Intrapreneur)",
        "Last review": "March 4, 2031: Keep",
        "Found it useful": "No answers yet",
        "Use": "30 visits in the last 90 days",
    }
    assert "None: this service does not ask for or keep any personal data." in text_of(
        response, "#personal-data-heading + p"
    )
    assert text_of(response, "#service-contact-heading") == "Questions? Talk to a person"
    assert soup(response).select_one("#was-this-useful form")


def test_a_service_not_reviewed_yet_says_when_it_will_be(client, catalogue):
    services, _pages = catalogue
    url = "/en/online-services/training-finder/"
    assert "Last review Not reviewed yet." in text_of(client.get(url), ".service-facts")
    Service.objects.filter(pk=services["training-finder"].pk).update(
        next_review=datetime.date(2031, 10, 1)
    )
    assert "the first review is due by Oct. 1, 2031." in text_of(client.get(url), ".service-facts")


def test_team_members_without_a_full_name_are_not_named(client, catalogue, users_by_role):
    services, _pages = catalogue
    coach = UserFactory(username="jdoe", first_name="", last_name="")
    Service.objects.filter(pk=services["training-finder"].pk).update(coach=coach)
    facts = text_of(client.get("/en/online-services/training-finder/"), ".service-facts")
    assert "Built by Test team" in facts
    assert "jdoe" not in facts


def test_personal_data_with_purpose_and_retention(client, catalogue, monkeypatch):
    manifest = registry.get("training-finder")
    monkeypatch.setitem(
        registry._manifests,
        "training-finder",
        dataclasses.replace(
            manifest,
            personal_data=(PersonalData("E-mail address", "to send you new trainings", 30),),
            interaction=Interaction.TRANSACTION,
        ),
    )
    response = client.get("/en/online-services/training-finder/")
    assert text_of(response, ".service-data") == (
        "E-mail address : to send you new trainings. Erased after 30 days."
    )
    assert "What you can do with it Transaction" in text_of(response, ".service-facts")


@pytest.mark.parametrize(
    ("slug", "notice"),
    [
        ("overdue-tool", "This service is paused"),
        ("closed-tool", "This service has closed"),
        ("new-tool", "This service is not available yet"),
    ],
)
def test_a_service_that_cannot_be_opened_says_so(client, catalogue, slug, notice):
    response = client.get(f"/en/online-services/{slug}/")
    assert response.status_code == 200
    assert notice in text_of(response, ".service-access")
    assert not soup(response).select("a.service-access__open")
    assert not soup(response).select("#was-this-useful")


def test_a_closed_service_offers_its_live_alternatives(client, catalogue):
    services, _pages = catalogue
    services["closed-tool"].alternatives.add(services["training-finder"], services["new-tool"])
    access = soup(client.get("/en/online-services/closed-tool/")).select_one(".service-access")
    assert [a["href"] for a in access.select("li a")] == ["/en/services/training-finder/"]


def test_a_beta_service_asks_to_opt_in_first(client, catalogue):
    url = "/en/online-services/hiring-companies/"
    response = client.get(url)
    assert text_of(response, ".badge--beta") == "Beta"
    assert "This service is in beta" in text_of(response, ".service-access")
    assert not soup(response).select("a.service-access__open")
    assert not soup(response).select("#was-this-useful")  # nothing to judge yet
    link = soup(response).select_one(".service-access a")
    assert link["href"] == f"/en/store/beta/?next={url}"

    session = client.session
    session[BETA_SESSION_KEY] = True
    session.save()
    response = client.get(url)
    assert soup(response).select_one("a.service-access__open")["href"] == (
        "/en/services/hiring-companies/"
    )
    assert "In beta: still being tested" in text_of(response, ".service-facts")
    assert soup(response).select("#was-this-useful form")


def test_a_translated_copy_renders(client, catalogue, locales):
    _services, pages = catalogue
    copy = pages["training-finder"].copy_for_translation(locales["fr"], copy_parents=True)
    copy.title = "Trouver une formation"
    copy.what_it_does = "<p>Des formations près de chez vous.</p>"
    copy.save_revision().publish()
    response = client.get("/fr/online-services/training-finder/")
    assert response.status_code == 200
    assert text_of(response, "h1") == "Trouver une formation"
    assert "Des formations près de chez vous." in text_of(response, "#what-it-does-heading + .body")
    assert copy.service_id == pages["training-finder"].service_id  # synchronised
    assert soup(response).select_one("a.service-access__open")["href"] == (
        "/fr/services/training-finder/"
    )


def test_a_translated_catalogue_marks_descriptions_not_yet_translated(client, catalogue, locales):
    _services, pages = catalogue
    store_copy = (
        pages["training-finder"]
        .get_parent()
        .specific.copy_for_translation(locales["ar"], copy_parents=True)
    )
    store_copy.title = "الخدمات الإلكترونية"
    store_copy.save_revision().publish()
    response = client.get("/ar/online-services/")
    assert text_of(response, "h1") == "الخدمات الإلكترونية"
    card = soup(response).select_one(".store-card")
    assert card["lang"] == "en"
    assert card.select_one("a")["href"] == "/ar/online-services/training-finder/"
    assert card.select_one(".not-translated")


def test_an_untranslated_catalogue_keeps_the_visitor_in_their_language(client, catalogue):
    response = client.get("/ar/online-services/?category=training")
    assert response.status_code == 200
    assert soup(response).select_one(".fallback-notice")
    assert soup(response).select_one("form.store-filters")["action"] == "/ar/online-services/"
    assert soup(response).select_one("form.store-filters")["lang"] == "ar"
    assert card_titles(response) == ["Find a training"]
    link = soup(response).select_one(".store-card h3 a")
    assert link["href"] == "/ar/online-services/training-finder/"


def test_drafts_are_not_shown(client, catalogue):
    _services, pages = catalogue
    pages["training-finder"].unpublish()
    assert client.get("/en/online-services/training-finder/").status_code == 404
    assert "Find a training" not in card_titles(client.get(store_url()))


# --- Trying services in beta ---


def test_the_beta_page_explains_and_turns_beta_on_and_off(client, catalogue):
    response = client.get("/en/store/beta/?next=/en/online-services/hiring-companies/")
    assert response.status_code == 200
    assert text_of(response, "h1") == "Try services in beta"
    assert "still testing them" in text_of(response, ".lead")
    assert "Services in beta are off for this browser." in text_of(response, ".beta-state")
    form = soup(response).select_one("form.beta-form")
    assert form.select_one("input[name=next]")["value"] == "/en/online-services/hiring-companies/"

    response = client.post(
        "/en/store/beta/", {"try_beta": "on", "next": "/en/online-services/hiring-companies/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/online-services/hiring-companies/?beta=on"
    assert client.session[BETA_SESSION_KEY] is True
    page = client.get(response["Location"])
    assert "Services in beta are now on" in text_of(page, ".service-access")
    assert client.get("/en/services/hiring-companies/").status_code == 404  # no app mounted
    assert "Services in beta are on" in text_of(client.get("/en/store/beta/"), ".beta-state")

    response = client.post("/en/store/beta/", {"try_beta": "off"})
    assert response["Location"] == "/en/store/beta/?beta=off"
    assert BETA_SESSION_KEY not in client.session
    assert "now off" in text_of(client.get(response["Location"]), "[role=status]")


def test_the_beta_page_refuses_bad_input_and_foreign_addresses(client, db):
    response = client.post("/en/store/beta/", {"try_beta": "maybe"})
    assert response.status_code == 400
    assert "Please choose on or off." in text_of(response, ".message--error")
    response = client.post("/en/store/beta/", {"try_beta": "on", "next": "https://evil.example/"})
    assert response["Location"] == "/en/store/beta/?beta=on"
    response = client.get("/en/store/beta/?next=//evil.example/")
    assert soup(response).select_one("input[name=next]")["value"] == ""


def test_beta_opt_in_opens_the_example_service(client, catalogue):
    Service.objects.filter(slug=EXAMPLE).update(state=LifecycleState.BETA)
    assert client.get(f"/en/services/{EXAMPLE}/").status_code == 404
    client.post("/en/store/beta/", {"try_beta": "on"})
    assert client.get(f"/en/services/{EXAMPLE}/").status_code == 200
