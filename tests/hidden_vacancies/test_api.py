"""The JSON API: its OpenAPI document is served and holds together, good requests get
scores and stars (never the predictions), bad ones a 4xx that says what is wrong, and
no generated request, however odd, gets a 5xx."""

import pytest
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hidden_vacancies.api import SearchOut
from tests.hidden_vacancies.conftest import API, add_potential, make_establishment

pytestmark = pytest.mark.django_db

HTTP_METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}


@pytest.fixture
def restaurant(municipalities, cooks, live_service):
    place = make_establishment(municipalities["Lyon"], 1, name="Bouchon des Halles")
    add_potential(place, cooks, score=70, stars=4, hires=9, similar=2)
    return place


def schema_problems(document):
    """What breaks OpenAPI 3 structure in `document` (an empty list when none): the
    required fields, operations and their responses, and every $ref resolving."""
    problems = []
    if not str(document.get("openapi", "")).startswith("3."):
        problems.append("openapi must be 3.x")
    info = document.get("info", {})
    if not (info.get("title") and info.get("version")):
        problems.append("info needs a title and a version")
    for path, item in document.get("paths", {}).items():
        if not path.startswith("/"):
            problems.append(f"path {path} must start with /")
        for method, operation in item.items():
            if method not in HTTP_METHODS:
                continue
            responses = operation.get("responses") or {}
            if not responses:
                problems.append(f"{method} {path} has no responses")
            for status, response in responses.items():
                if "description" not in response:
                    problems.append(f"{method} {path} {status} has no description")
            for parameter in operation.get("parameters", []):
                if parameter.get("in") not in {"query", "path", "header", "cookie"}:
                    problems.append(f"{method} {path}: parameter {parameter} has no 'in'")
                if "schema" not in parameter:
                    problems.append(
                        f"{method} {path}: parameter {parameter['name']} lacks a schema"
                    )
    problems.extend(_dangling_refs(document, document))
    return problems


def _dangling_refs(node, document):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                target = document
                for part in value.removeprefix("#/").split("/"):
                    target = target.get(part) if isinstance(target, dict) else None
                if target is None:
                    yield f"$ref {value} does not resolve"
            else:
                yield from _dangling_refs(value, document)
    elif isinstance(node, list):
        for value in node:
            yield from _dangling_refs(value, document)


def test_the_openapi_document_is_served_and_valid(client, live_service):
    response = client.get(f"{API}openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert schema_problems(document) == []
    paths = set(document["paths"])
    assert {f"{API}search", f"{API}occupations", f"{API}places"} <= paths
    search = document["paths"][f"{API}search"]["get"]
    assert {"200", "404", "422", "429"} <= set(search["responses"])
    names = {parameter["name"] for parameter in search["parameters"]}
    assert names == {"occupation", "place", "radius", "size", "sector", "order", "page"}


def test_a_search_gives_scores_and_explanations_not_predictions(client, restaurant):
    lyon = restaurant.municipality
    response = client.get(f"{API}search", {"occupation": "5120", "place": lyon.pk})
    assert response.status_code == 200
    body = response.json()
    assert (body["count"], body["has_hiring_data"], body["radius_km"]) == (1, True, 10)
    [result] = body["results"]
    assert result["name"] == "Bouchon des Halles"
    assert (result["score"], result["stars"]) == (70, 4)
    assert result["explanation"] == (
        "Hired 9 people in the last 12 months, about 2 in jobs like this one."
    )
    assert result["sector"] == {
        "section": "I",
        "division": "56",
        "label": "Hotels, restaurants and catering",
    }
    assert not {"level", "expected", "forecast", "prediction"} & set(result)
    # The answer is sent as prepared JSON: it must still be what the schema says.
    SearchOut.model_validate(body)


def test_an_occupation_without_data_is_said_not_hidden(client, restaurant):
    response = client.get(f"{API}search", {"occupation": "2111", "place": 2996944})
    body = response.json()
    assert response.status_code == 200
    assert (body["has_hiring_data"], body["count"]) == (False, 0)
    assert body["notice"] == "We have no hiring data for this occupation yet."


@pytest.mark.parametrize(
    ("params", "status", "says"),
    [
        ({"occupation": "51x0", "place": 2996944}, 422, "occupation must be an ISCO-08"),
        ({"place": 2996944}, 422, "occupation must be"),
        ({"occupation": "9999", "place": 2996944}, 404, "No ISCO-08 unit group has the code 9999"),
        ({"occupation": "5120", "place": 1}, 404, "No municipality has the id 1"),
        ({"occupation": "5120", "place": "Lyon"}, 422, "place must be the GeoNames id"),
        ({"occupation": "5120", "place": 2996944, "radius": 0}, 422, "radius must be"),
        ({"occupation": "5120", "place": 2996944, "radius": 101}, 422, "from 1 to 100"),
        ({"occupation": "5120", "place": 2996944, "page": 51}, 422, "page must be"),
        ({"occupation": "5120", "place": 2996944, "sector": "Z"}, 422, "sector must be"),
        ({"occupation": "5120", "place": 2996944, "size": "huge"}, 422, "size must be"),
        ({"occupation": "5120", "place": 2996944, "order": "best"}, 422, "order must be"),
        ({"occupation": "5120", "place": 10**30}, 422, "place must be"),
    ],
)
def test_bad_requests_get_a_4xx_that_says_why(client, restaurant, params, status, says):
    response = client.get(f"{API}search", params)
    assert response.status_code == status
    assert says in response.json()["detail"]


@pytest.mark.parametrize(
    ("language", "params", "says"),
    [
        ("fr", {"occupation": "5120", "place": 2996944, "radius": 0}, "de 1 à 100"),
        ("ar", {"occupation": "9999", "place": 2996944}, "بالرمز 9999"),
        ("uk", {"occupation": "5120", "place": 1}, "ідентифікатора 1"),
        ("sv", {"occupation": "5120", "place": 2996944, "order": "best"}, "shuffle eller"),
        ("et", {"occupation": "51x0", "place": 2996944}, "põhirühma kood"),
    ],
)
def test_the_errors_are_in_the_visitors_language(client, restaurant, language, params, says):
    response = client.get(f"/{language}{API.removeprefix('/en')}search", params)
    assert 400 <= response.status_code < 500
    assert says in response.json()["detail"]


def test_suggestions_for_occupations_and_places(client, restaurant):
    occupations = client.get(f"{API}occupations", {"q": "cook"}).json()
    assert {"code": "5120", "label": "Cooks"} in occupations
    assert {"code": "5120", "label": "Cook"} in occupations
    places = client.get(f"{API}places", {"q": "villeur"}).json()
    assert [place["name"] for place in places] == ["Villeurbanne"]
    assert client.get(f"{API}places", {"q": ""}).status_code == 422


@override_settings(HIDDEN_VACANCIES_API_REQUESTS_PER_MINUTE=3)
def test_each_client_is_rate_limited(client, restaurant):
    for _ in range(3):
        assert client.get(f"{API}places", {"q": "lyon"}).status_code == 200
    response = client.get(f"{API}places", {"q": "lyon"})
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert "at most 3 a minute" in response.json()["detail"]
    # Another client (another browser) is counted apart.
    assert client.get(f"{API}places", {"q": "lyon"}, HTTP_USER_AGENT="Other").status_code == 200


ODD_TEXT = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["5120", "2111", "9999", "0000", "2996944", "1", "-1", "lyon", "10"]),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.just("\x00"),
    st.text(alphabet="0123456789", min_size=1, max_size=25),
)
QUERIES = st.dictionaries(
    st.sampled_from(["occupation", "place", "radius", "size", "sector", "order", "page", "q"]),
    ODD_TEXT,
    max_size=7,
)


@override_settings(HIDDEN_VACANCIES_API_REQUESTS_PER_MINUTE=10**6)
@settings(
    max_examples=600,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(endpoint=st.sampled_from(["search", "occupations", "places"]), params=QUERIES)
def test_no_generated_request_gets_a_server_error(client, restaurant, endpoint, params):
    response = client.get(f"{API}{endpoint}", params)
    assert response.status_code < 500, (endpoint, params, response.content[:300])
    assert response["Content-Type"].startswith("application/json")
