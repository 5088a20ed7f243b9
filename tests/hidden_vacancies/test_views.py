"""The finder's page: behind the store's gate, a plain GET form that works without
JavaScript, results that explain themselves, and clear words when something is wrong."""

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hidden_vacancies import views
from services_store import registry
from services_store.access import BETA_SESSION_KEY
from services_store.models import LifecycleState, Service
from tests.hidden_vacancies.conftest import SLUG, URL, add_potential, make_establishment

pytestmark = pytest.mark.django_db


@pytest.fixture
def cafes(municipalities, cooks):
    lyon = municipalities["Lyon"]
    strong = make_establishment(lyon, 1, name="Brasserie du Parc", address="3 quai Saint-Antoine")
    add_potential(strong, cooks, score=95, stars=5, hires=14, similar=4)
    quiet = make_establishment(lyon, 2, name="Café Tranquille", size_band="micro")
    add_potential(quiet, cooks, score=10, stars=1, hires=0, similar=0)
    return strong, quiet


def text(response):
    return response.content.decode()


@pytest.mark.parametrize("state", ["need", "building"])
def test_the_finder_is_not_found_until_it_opens(client, state):
    Service.objects.filter(slug=SLUG).update(state=state)
    assert client.get(URL).status_code == 404
    assert client.get(f"{URL}api/v1/search?occupation=5120&place=1").status_code == 404


def test_in_beta_it_opens_to_visitors_who_opt_in(client):
    Service.objects.filter(slug=SLUG).update(state=LifecycleState.BETA)
    assert client.get(URL).status_code == 404
    session = client.session
    session[BETA_SESSION_KEY] = True
    session.save()
    assert client.get(URL).status_code == 200


def test_the_empty_form_renders_with_labels_and_a_plain_list(client, live_service):
    response = client.get(URL)
    assert response.status_code == 200
    page = text(response)
    assert reverse("hidden_vacancies:search") == URL
    assert 'method="get"' in page and f'action="{URL}"' in page
    for label in ("Occupation", "Town or city", "Distance (km)", "Company size", "Sector"):
        assert f">{label}</label>" in page
    # Without JavaScript the browser still offers the occupations we have data for.
    assert '<datalist id="hv-occupation-options">' in page
    assert '<option value="Cooks">' in page
    assert 'value="10"' in page  # the default radius
    assert "hv-results" not in page


def test_a_search_typed_in_words_lists_companies_that_explain_themselves(
    client, live_service, cafes
):
    response = client.get(URL, {"occupation": "cook", "place": "lyon"})
    page = text(response)
    assert response.status_code == 200
    assert "Cooks within 10 km of Lyon" in page
    assert "2 companies found." in page
    assert "Brasserie du Parc" in page and "3 quai Saint-Antoine, Lyon" in page
    assert "5 stars out of 5." in page and "A very high chance of hiring" in page
    assert "Hired 14 people in the last 12 months, about 4 in jobs like this one." in page
    assert "Hired nobody in the last 12 months, but companies like it" in page
    assert "1 star out of 5." in page
    assert "How to send a spontaneous application" in page
    # The fields show what was understood.
    assert 'value="Cooks"' in page and 'value="Lyon"' in page


def test_links_with_codes_give_the_same_results(client, live_service, cafes, municipalities):
    by_words = text(client.get(URL, {"occupation": "Cooks", "place": "Lyon", "radius": "10"}))
    lyon = municipalities["Lyon"]
    by_code = text(client.get(URL, {"occupation": "5120", "place": lyon.pk, "radius": "10"}))
    assert by_words.count('hv-result"') == by_code.count('hv-result"') == 2


def test_results_are_printable(client, live_service, cafes):
    page = text(client.get(URL, {"occupation": "5120", "place": "Lyon"}))
    assert 'finder-print.css" media="print"' in page
    assert "Print this list" in page  # shown by the script; hidden without it
    assert 'class="hv-print-item" hidden' in page


def test_an_occupation_without_hiring_data_says_so(client, live_service, municipalities):
    page = text(client.get(URL, {"occupation": "2111", "place": "Lyon"}))  # physicists
    assert "We have no hiring data for this occupation yet." in page
    assert "companies found" not in page


def test_a_vague_occupation_offers_choices(client, live_service, municipalities):
    page = text(client.get(URL, {"occupation": "driver", "place": "Lyon"}))
    assert "Which occupation do you mean?" in page
    assert "occupation=8332" in page  # lorry drivers
    assert "occupation=8322" in page  # delivery drivers


def test_an_unknown_place_or_occupation_is_explained(client, live_service, municipalities):
    page = text(client.get(URL, {"occupation": "zzzz", "place": "Atlantis"}))
    assert "We do not know this occupation." in page
    assert "We do not know this place. Check the spelling." in page
    assert 'aria-invalid="true"' in page


def test_a_name_several_towns_share_takes_the_biggest_and_offers_the_others(
    client, live_service, municipalities
):
    page = text(client.get(URL, {"occupation": "5120", "place": "saint denis"}))
    assert "Cooks within 10 km of Saint-Denis" in page
    assert "Other places with this name:" in page
    assert f"place={municipalities['Saint-Denis (52)'].pk}" in page


@pytest.mark.parametrize("radius", ["0", "101", "ten", "-5"])
def test_a_radius_out_of_bounds_is_refused_politely(client, live_service, municipalities, radius):
    response = client.get(URL, {"occupation": "5120", "place": "Lyon", "radius": radius})
    assert response.status_code == 200
    assert "Please check your search:" in text(response)


def test_the_arabic_page_is_right_to_left(client, live_service, cafes):
    response = client.get(f"/ar/services/{SLUG}/", {"occupation": "5120", "place": "Lyon"})
    assert response.status_code == 200
    assert 'dir="rtl"' in text(response)


def test_the_training_finder_link_uses_the_shared_parameters(municipalities, cooks, monkeypatch):
    lyon = municipalities["Lyon"]
    monkeypatch.setattr(views, "reverse", lambda name: "/en/services/training-finder/")
    assert views.training_finder_url(cooks, lyon, 25) == (
        f"/en/services/training-finder/?occupation=5120&place={lyon.pk}&radius=25"
    )

    def missing(name):
        raise NoReverseMatch(name)

    monkeypatch.setattr(views, "reverse", missing)
    assert views.training_finder_url(cooks, lyon, 25) == ""


def test_the_page_links_to_the_training_finder_only_when_it_is_open(
    client, live_service, cafes, municipalities, cooks
):
    query = {"occupation": "5120", "place": "Lyon", "radius": "15"}
    with translation.override("en"):
        expected = views.training_finder_url(cooks, municipalities["Lyon"], 15)
    training = [s for s, m in registry.manifests().items() if m.app_label == "training_finder"]
    if not (expected and training):
        assert "Trainings for" not in text(client.get(URL, query))
        return
    Service.objects.filter(slug__in=training).update(state=LifecycleState.BUILDING)
    assert "Trainings for" not in text(client.get(URL, query))
    Service.objects.filter(slug__in=training).update(state=LifecycleState.LIVE)
    assert expected.replace("&", "&amp;") in text(client.get(URL, query))


def test_our_own_search_address_uses_the_same_parameters(municipalities, cooks):
    lyon = municipalities["Lyon"]
    assert views.search_url(cooks, lyon, 10) == f"{URL}?occupation=5120&place={lyon.pk}&radius=10"


PAGE_TEXT = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["5120", "cook", "lyon", "2996944", "10", "²", "٣", "\x00", "0", "101"]),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
)


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    params=st.dictionaries(
        st.sampled_from(["occupation", "place", "radius", "size", "sector", "order", "page"]),
        PAGE_TEXT,
        max_size=7,
    )
)
def test_no_generated_search_breaks_the_page(client, live_service, cafes, params):
    response = client.get(URL, params)
    assert response.status_code == 200, (params, response.status_code)


def test_a_page_out_of_range_shows_the_nearest(client, live_service, cafes):
    for page in ("0", "999", "²", "x"):
        response = client.get(URL, {"occupation": "5120", "place": "Lyon", "page": page})
        assert "2 companies found." in text(response)
