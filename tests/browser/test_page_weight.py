"""Weight budget: the HTML, CSS and JavaScript of a page weigh at most 50 KB gzipped.

Many visitors use old phones on pre-paid data. Images and media are left out: the budget
is for what every page costs before any content is shown.
"""

import pytest

from tests.browser.conftest import assert_has_counsellor_contact, gzipped_size

pytestmark = pytest.mark.browser

BUDGET = 50 * 1024
COUNTED = {"document", "stylesheet", "script"}


def page_weight(page, url):
    """{url: gzipped bytes} for the HTML, CSS and JS that loading `url` fetched."""
    responses = []

    def record(response):
        responses.append(response)

    page.on("response", record)
    page.goto(url, wait_until="networkidle")  # print.css comes last, at idle priority
    page.remove_listener("response", record)
    return {
        response.url: gzipped_size(response)
        for response in responses
        if response.request.resource_type in COUNTED and response.status == 200
    }


def test_home_and_information_pages_within_budget(live_site, browser_page):
    for path in ["/en/", "/en/guidance/"]:
        weights = page_weight(browser_page, f"{live_site}{path}")
        assert_has_counsellor_contact(browser_page)
        assert f"{live_site}{path}" in weights, f"{path}: the HTML itself was not counted"
        assert any(url.endswith(".css") for url in weights), f"{path}: no stylesheet counted"
        total = sum(weights.values())
        breakdown = ", ".join(f"{url}: {size} B" for url, size in weights.items())
        assert total <= BUDGET, f"{path} weighs {total} B gzipped (budget {BUDGET} B): {breakdown}"
        print(f"{path}: {total} B gzipped ({breakdown})")  # noqa: T201
