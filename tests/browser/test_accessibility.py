"""axe-core (WCAG 2.2 AA and best practice) and reflow at 320 px on representative pages.

Each test audits a group of pages on one copy of the demo portal (loading it is the slow
part) and reports every problem it found, not just the first.
"""

import pytest

from tests.browser.conftest import (
    DESKTOP,
    assert_has_counsellor_contact,
    describe_violations,
    horizontal_overflow,
    run_axe,
)

pytestmark = pytest.mark.browser


def audit(page, url, reload=True):
    """Run axe at 1280 px, then check reflow and run axe again at 320 px.

    The page must already be open at `url`; it is left open at 320 px. With
    `reload=False` it is resized without a reload (after a form, or with a part opened).
    """
    problems = []
    violations = run_axe(page)
    if violations:
        problems.append(describe_violations(violations, f"{url} at 1280px"))
    overflow = horizontal_overflow(page, reload=reload)
    if overflow:
        problems.append(overflow)
    violations = run_axe(page)
    if violations:
        problems.append(describe_violations(violations, f"{url} at 320px"))
    return problems


class AccessibilityProblems(AssertionError):
    """axe violations or sideways scrolling, as opposed to a page not working at all."""


def assert_no_problems(problems):
    if problems:
        raise AccessibilityProblems("\n\n".join(problems))


def open_page(page, url, status=200):
    page.set_viewport_size(DESKTOP)
    response = page.goto(url)
    assert response.status == status, f"{url} answered {response.status}, not {status}"
    return page


def audit_pages(page, addresses, direction):
    """Open and audit each (address, status), checking that it reads in `direction`
    ("ltr" or "rtl"); every problem found."""
    problems = []
    for address, status in addresses:
        open_page(page, address, status=status)
        assert page.locator("html").get_attribute("dir") == direction, address
        problems += audit(page, address)
    return problems


def test_home_information_and_not_found_pages(live_site, browser_page):
    page = browser_page
    problems = []

    open_page(page, f"{live_site}/en/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert_has_counsellor_contact(page)
    # The ☎ is aria-hidden: the link's accessible name is the words alone.
    call_link = page.get_by_role("link", name="Talk to a counsellor", exact=True)
    assert call_link.get_attribute("href") == "tel:+33140003949"
    problems += audit(page, "/en/")

    open_page(page, f"{live_site}/en/guidance/")
    assert_has_counsellor_contact(page)
    problems += audit(page, "/en/guidance/")

    open_page(page, f"{live_site}/fr/guidance/")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert_has_counsellor_contact(page)
    problems += audit(page, "/fr/guidance/")

    open_page(page, f"{live_site}/en/no-such-page/", status=404)
    assert_has_counsellor_contact(page)
    assert page.get_by_role("heading", level=1).inner_text() == "Page not found"
    problems += audit(page, "/en/no-such-page/")

    assert_no_problems(problems)


def test_search_pages(live_site, browser_page):
    page = browser_page
    problems = []

    open_page(page, f"{live_site}/en/search/?q=guidance")
    assert_has_counsellor_contact(page)
    assert page.locator("ol.results a[href='/en/guidance/']").count() == 1
    problems += audit(page, "/en/search/?q=guidance")

    open_page(page, f"{live_site}/en/search/?q=xylophone")
    assert_has_counsellor_contact(page)
    assert page.locator("ol.results").count() == 0
    assert "No results" in page.get_by_role("status").inner_text()
    problems += audit(page, "/en/search/?q=xylophone")

    assert_no_problems(problems)


def test_arabic_pages_are_right_to_left(live_site, browser_page):
    page = browser_page
    problems = []
    for path in ["/ar/", "/ar/guidance/"]:
        open_page(page, f"{live_site}{path}")
        html = page.locator("html")
        assert (html.get_attribute("lang"), html.get_attribute("dir")) == ("ar", "rtl"), path
        assert page.evaluate("getComputedStyle(document.body).direction") == "rtl", path
        assert_has_counsellor_contact(page)
        problems += audit(page, path)
    assert_no_problems(problems)


def test_admin_login_page(live_site, browser_page):
    page = open_page(browser_page, f"{live_site}/admin/login/")
    assert page.locator("input[name='username']").count() == 1
    assert_no_problems(audit(page, "/admin/login/"))
