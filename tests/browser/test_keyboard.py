"""Keyboard use: the skip link is the first stop and can be seen when focused."""

from itertools import product

import pytest

from tests.browser.conftest import DESKTOP, SMALL_SCREEN

pytestmark = pytest.mark.browser


def test_skip_link_is_first_tab_stop_and_visible(live_site, browser_page):
    page = browser_page
    # Left to right and right to left, wide and narrow.
    for viewport, path in product([DESKTOP, SMALL_SCREEN], ["/en/", "/ar/"]):
        page.set_viewport_size(viewport)
        page.goto(f"{live_site}{path}")
        page.keyboard.press("Tab")
        skip_link = page.locator("a.skip-link")
        assert page.locator("a.skip-link:focus").count() == 1, f"{path}: skip link not focused"
        assert skip_link.get_attribute("href") == "#main"

        box = skip_link.bounding_box()
        assert box is not None and box["width"] > 1 and box["height"] > 1, f"{path}: {box}"
        inside = (
            box["x"] >= 0
            and box["y"] >= 0
            and box["x"] + box["width"] <= viewport["width"]
            and box["y"] + box["height"] <= viewport["height"]
        )
        assert inside, f"{path}: focused skip link at {box} is outside the {viewport} viewport"
