"""The portal works with JavaScript turned off: it ships none, and must not need any."""

import pytest

from tests.browser.conftest import assert_has_counsellor_contact

pytestmark = pytest.mark.browser


def test_portal_works_without_javascript(live_site, no_js_page):
    page = no_js_page
    page.goto(f"{live_site}/en/guidance/")
    assert_has_counsellor_contact(page)

    # The language switcher is a native <details>: it opens, and its links are plain links.
    switcher = page.locator("details.languages")
    switcher.locator("summary").click()
    assert switcher.get_attribute("open") is not None
    switcher.get_by_role("link", name="Svenska", exact=True).click()
    page.wait_for_url(f"{live_site}/sv/guidance/")
    assert page.locator("html").get_attribute("lang") == "sv"

    # The header search form submits as a plain GET.
    page.goto(f"{live_site}/en/")
    page.get_by_role("searchbox", name="Search the portal").fill("guidance")
    page.locator("form.search-form").get_by_role("button", name="Search").click()
    page.wait_for_url(f"{live_site}/en/search/?q=guidance")
    assert page.locator("ol.results a[href='/en/guidance/']").count() == 1
    assert "result" in page.get_by_role("status").inner_text()

    # The skip link moves the reading position and the focus to the main content.
    page.goto(f"{live_site}/en/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_site}/en/#main")
    assert page.locator("main#main:focus").count() == 1
