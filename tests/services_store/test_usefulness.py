""" "Was this useful?" for a service: a plain POST form on its description and, through
an include, on the service's own pages; yes or no stored without anything else, a thank
you, a message (never an error page) for bad input, and a rate limit."""

import pytest
from bs4 import BeautifulSoup
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

from services_store.access import BETA_SESSION_KEY
from services_store.models import LifecycleState, ServiceUsefulness
from services_store.usage import record_usefulness
from services_store.views import USEFUL_PER_HOUR
from tests.services_store.test_pages import (
    ServiceDetailPageFactory,
    ServiceStorePageFactory,
    add_service,
    soup,
    text_of,
)

pytestmark = pytest.mark.django_db

PAGE = "/en/online-services/training-finder/"
URL = "/en/store/useful/training-finder/"


@pytest.fixture
def service(home_page, monkeypatch):
    store = ServiceStorePageFactory(parent=home_page)
    service = add_service(monkeypatch, "training-finder", name="Training finder")
    ServiceDetailPageFactory(parent=store, service=service, title="Find a training")
    return service


def test_the_description_asks_and_thanks(client, service):
    form = soup(client.get(PAGE)).select_one("#was-this-useful form")
    assert form["action"] == URL
    assert form["method"] == "post"
    assert form.select_one("legend").get_text(strip=True) == "Was this service useful?"
    assert [radio["value"] for radio in form.select("input[name=useful]")] == ["yes", "no"]
    assert form.select_one("input[name=next]")["value"] == PAGE

    response = client.post(URL, {"useful": "yes", "next": PAGE})
    assert response.status_code == 302
    assert response["Location"] == f"{PAGE}?useful=thanks#was-this-useful"
    answer = ServiceUsefulness.objects.get()
    assert (answer.service, answer.useful) == (service, True)

    thanks = client.get(response["Location"])
    assert "Thank you. Your answer helps the team improve this service." in text_of(
        thanks, "#was-this-useful [role=status]"
    )
    assert not soup(thanks).select("#was-this-useful form")


def test_a_no_is_stored_as_no(client, service):
    client.post(URL, {"useful": "no"})
    assert ServiceUsefulness.objects.get().useful is False


def test_the_share_of_yes_shows_on_the_description(client, service):
    for useful in (True, True, True, False):
        record_usefulness(service, useful)
    facts = text_of(client.get(PAGE), ".service-facts")
    assert "75% of the people who answered" in facts


@pytest.mark.parametrize("data", [{}, {"useful": "perhaps"}, {"useful": ""}])
def test_bad_input_is_a_message_not_an_error(client, service, data):
    response = client.post(URL, data)
    assert response.status_code == 400
    assert "Please choose yes or no." in text_of(response, ".message--error")
    assert soup(response).select_one("main form")["action"] == URL
    assert not ServiceUsefulness.objects.exists()


def test_answers_are_rate_limited(client, service):
    for _ in range(USEFUL_PER_HOUR):
        assert client.post(URL, {"useful": "yes"}).status_code == 302
    response = client.post(URL, {"useful": "yes"})
    assert response.status_code == 429
    assert "Please try again later." in text_of(response, ".message--error")
    assert ServiceUsefulness.objects.count() == USEFUL_PER_HOUR


def test_it_goes_back_only_to_this_site(client, service):
    own = client.post(URL, {"useful": "yes", "next": "/en/services/training-finder/?step=2"})
    assert own["Location"] == "/en/services/training-finder/?step=2&useful=thanks#was-this-useful"
    for elsewhere in ("https://evil.example/", "//evil.example/x", "javascript:alert(1)"):
        response = client.post(URL, {"useful": "yes", "next": elsewhere})
        assert response["Location"] == f"{PAGE}?useful=thanks#was-this-useful"


def test_the_form_also_answers_a_get(client, service):
    response = client.get(URL)
    assert response.status_code == 200
    assert soup(response).select_one("input[name=next]")["value"] == PAGE
    assert client.put(URL).status_code == 405


@pytest.mark.parametrize(
    ("state", "hidden"),
    [(LifecycleState.RETIRED, False), (LifecycleState.BUILDING, False), ("live", True)],
)
def test_only_services_in_the_store_take_answers(client, service, state, hidden):
    type(service).objects.filter(pk=service.pk).update(state=state, hidden_for_review=hidden)
    assert client.post(URL, {"useful": "yes"}).status_code == 404
    assert client.post("/en/store/useful/no-such-tool/", {"useful": "yes"}).status_code == 404
    assert not ServiceUsefulness.objects.exists()


def test_a_service_in_beta_takes_answers_from_those_trying_it(client, service):
    type(service).objects.filter(pk=service.pk).update(state=LifecycleState.BETA)
    assert client.post(URL, {"useful": "yes"}).status_code == 404
    session = client.session
    session[BETA_SESSION_KEY] = True
    session.save()
    assert client.post(URL, {"useful": "yes"}).status_code == 302


def _include(path, service):
    request = RequestFactory().get(path)
    request.microservice = service  # as the store's gate sets it (services_store/access.py)
    with translation.override("en"):
        return render_to_string(
            "services_store/includes/was_this_useful.html",
            {"service": request.microservice},
            request=request,
        )


def test_micro_service_templates_can_include_the_question(service):
    html = _include("/en/services/training-finder/results/", service)
    form = BeautifulSoup(html, "html.parser").select_one("form")
    assert form["action"] == URL
    assert form.select_one("input[name=next]")["value"] == "/en/services/training-finder/results/"

    thanks = _include("/en/services/training-finder/results/?useful=thanks", service)
    assert "Thank you." in thanks
    assert "<form" not in thanks
