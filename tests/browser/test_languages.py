"""Moving between the six languages: the switcher and the hreflang alternates."""

import pytest

from content.demo.loader import demo_catalogue
from tests.browser.conftest import LANGUAGE_CODES, assert_has_counsellor_contact

pytestmark = pytest.mark.browser


def test_language_switcher_and_alternates(live_site, browser_page):
    page = browser_page
    page.goto(f"{live_site}/en/guidance/")
    switcher = page.locator("details.languages")
    french = switcher.get_by_role("link", name="Français", exact=True)
    assert not french.is_visible(), "the language list should start closed"

    switcher.locator("summary").click()
    assert switcher.get_attribute("open") is not None
    french.click()

    page.wait_for_url(f"{live_site}/fr/guidance/")
    french_title = demo_catalogue("fr")["Guidance"]
    assert french_title != "Guidance"
    assert page.get_by_role("heading", level=1).inner_text() == french_title
    assert page.locator("html").get_attribute("lang") == "fr"
    current = page.locator("details.languages a[aria-current='true']")
    assert current.get_attribute("hreflang") == "fr"
    assert_has_counsellor_contact(page)

    # The translated page names all six versions of itself for search engines.
    alternates = page.locator("head link[rel='alternate'][hreflang]")
    hrefs = {
        alternates.nth(i).get_attribute("hreflang"): alternates.nth(i).get_attribute("href")
        for i in range(alternates.count())
    }
    assert sorted(hrefs) == sorted(LANGUAGE_CODES)
    for code, href in hrefs.items():
        assert href == f"{live_site}/{code}/guidance/", code
    # Each alternate really is that language's version of the page.
    for code in ["en", "ar", "uk"]:
        response = page.goto(hrefs[code])
        assert response.status == 200, hrefs[code]
        assert page.locator("html").get_attribute("lang") == code
