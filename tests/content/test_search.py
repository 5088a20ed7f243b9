"""Search: per language, and bad query strings give a message, never an error."""

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.db import connection

pytestmark = pytest.mark.django_db


def results(response):
    page = BeautifulSoup(response.content, "html.parser")
    return [a["href"] for a in page.select("ol.results h2 a")]


def test_search_finds_pages_in_the_active_language_only(client, demo_content):
    english = results(client.get("/en/search/", {"q": "podcast"}))
    assert "/en/podcast/" in english
    assert all(href.startswith("/en/") for href in english)
    french = results(client.get("/fr/search/", {"q": "podcast"}))
    assert "/fr/podcast/" in french
    assert all(href.startswith("/fr/") for href in french)


def test_search_without_results_says_so(client, demo_content):
    response = client.get("/en/search/", {"q": "xylophone"})
    assert response.status_code == 200
    assert results(response) == []
    assert "No results for “xylophone”" in response.content.decode()


def test_empty_search_shows_the_form(client, demo_content):
    response = client.get("/en/search/")
    assert response.status_code == 200
    assert b'name="q"' in response.content


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"q": "cv\x00"}, "Null characters are not allowed."),
        ({"q": "x" * 201}, "Please use at most 200 characters."),
        ({"q": "cv", "page": "abc"}, "The page number must be a whole number."),
        ({"q": "cv", "page": "-3"}, "The page number must be 1 or more."),
        ({"q": "cv", "page": "9" * 30}, "The page number is too large."),
    ],
)
def test_malformed_query_strings_get_a_message(client, demo_content, query, message):
    response = client.get("/en/search/", query)
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert message in page.select_one("#search-error").get_text()


def test_malformed_query_message_is_in_the_visitors_language(client, demo_content):
    response = client.get("/fr/search/", {"q": "cv", "page": "abc"})
    assert response.status_code == 200
    error = BeautifulSoup(response.content, "html.parser").select_one("#search-error")
    assert "The page number must be a whole number." not in error.get_text()


@pytest.mark.parametrize(
    "raw", ["q[]=cv", "q=%ff%fe", "q=%E2%82", "page=1&page=2&q=cv", "q=" + "%25" * 50, "q=a&q=b"]
)
def test_odd_raw_query_strings_never_fail(client, demo_content, raw):
    assert client.get(f"/en/search/?{raw}").status_code == 200


def test_results_beyond_the_last_page_show_the_last_page(client, demo_content):
    response = client.get("/en/search/", {"q": "podcast", "page": "50"})
    assert response.status_code == 200
    assert "/en/podcast/" in results(response)


def all_results(client, path, query):
    """Every result, across all result pages."""
    found, page = [], 1
    while True:
        batch = results(client.get(path, {**query, "page": page}))
        if not batch or batch[0] in found:
            return found
        found += batch
        page += 1


def test_search_filters_guidance_by_topic_and_audience(client, demo_content):
    everything = all_results(client, "/en/search/", {"q": "work"})
    by_topic = results(client.get("/en/search/", {"q": "work", "topic": "training"}))
    assert by_topic and set(by_topic) < set(everything)
    assert "/en/guidance/skills-and-training/choosing-a-training-course/" in by_topic
    for_employers = results(client.get("/en/search/", {"q": "staff", "audience": "employers"}))
    assert for_employers == [
        "/en/guidance/finding-work/recruiting-through-the-public-employment-service/"
    ]


def test_search_filters_work_in_other_languages(client, demo_content):
    french = results(client.get("/fr/search/", {"q": "formation", "topic": "training"}))
    assert french and all(href.startswith("/fr/guidance/") for href in french)


def test_unknown_filter_values_get_a_message(client, demo_content):
    response = client.get("/en/search/", {"q": "cv", "topic": "astrology"})
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert "Choose a topic from the list." in page.select_one("#search-error").get_text()


def test_results_highlight_the_query(client, demo_content):
    page = BeautifulSoup(client.get("/en/search/", {"q": "CV"}).content, "html.parser")
    marks = [mark.get_text() for mark in page.select("ol.results mark")]
    assert marks and {m.lower() for m in marks} == {"cv"}


def test_highlight_escapes_text_and_query():
    from content.search import highlight

    marked = highlight("Your <b>CV</b> & cover letter", "cv <script>")
    assert marked == "Your &lt;b&gt;<mark>CV</mark>&lt;/b&gt; &amp; cover letter"
    assert highlight("<i>x</i>", "") == "&lt;i&gt;x&lt;/i&gt;"


def add_information_page(language_code, title, intro):
    from content.models import HomePage
    from tests.factories import InformationPageFactory

    home = HomePage.objects.get(locale__language_code=language_code)
    return InformationPageFactory(parent=home, title=title, intro=intro)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="stemming is PostgreSQL's; FTS5 matches whole words"
)
@pytest.mark.parametrize(
    ("language", "intro", "query"),
    [
        ("fr", "Les candidatures spontanées sont lues avec attention.", "candidature spontané"),
        ("sv", "Arbetsgivarna söker personal till lagret.", "arbetsgivare"),
        ("ar", "يبحث المعلمون عن عمل في المدارس.", "المعلم"),
    ],
)
def test_postgresql_stems_each_language_with_its_own_rules(
    client, demo_content, language, intro, query
):
    page = add_information_page(language, "Zebrafinch", intro)
    found = results(client.get(f"/{language}/search/", {"q": query}))
    assert page.url in found


def test_languages_without_a_stemmer_still_match_whole_words(client, demo_content):
    page = add_information_page("uk", "Зебра", "Вакансії для водіїв вантажівок у вашому місті.")
    assert page.url in results(client.get("/uk/search/", {"q": "водіїв"}))
    assert page.url not in results(client.get("/en/search/", {"q": "водіїв"}))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL configurations")
def test_each_content_language_has_a_configuration():
    from content.search_backend import LANGUAGE_CONFIGS, config_for_language

    assert config_for_language("fr") == "french"
    assert config_for_language("sv-se") == "swedish"
    assert config_for_language("et") == "simple"
    assert config_for_language("xx") == "simple"
    assert set(LANGUAGE_CONFIGS) == {code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES}
