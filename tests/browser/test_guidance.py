"""Guidance pages in Chromium: axe in LTR and RTL, reflow at 320 px, the FAQ without
JavaScript, and the "not yet translated" fallback."""

import pytest

from tests.browser.test_accessibility import assert_no_problems, audit, open_page

pytestmark = pytest.mark.browser

GUIDE = "/guidance/finding-work/registering-as-a-jobseeker/"
UNTRANSLATED = "/guidance/finding-work/recruiting-through-the-public-employment-service/"


def test_guidance_pages_pass_axe_in_both_directions(live_site, browser_page):
    problems = []
    for path in [
        f"/en{GUIDE}",
        f"/ar{GUIDE}",
        f"/ar{UNTRANSLATED}",
        "/en/guidance/finding-work/",
        "/ar/guidance/finding-work/",
        "/en/guidance/finding-work/registering-as-a-jobseeker-easy-read/",
        "/ar/topics/training/",
        "/fr/audiences/employers/",
    ]:
        open_page(browser_page, f"{live_site}{path}")
        problems += audit(browser_page, path)
    assert_no_problems(problems)


def test_fallback_page_reads_in_english_inside_an_arabic_frame(live_site, browser_page):
    page = browser_page
    open_page(page, f"{live_site}/ar{UNTRANSLATED}")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("main").get_attribute("dir") == "ltr"
    notice = page.locator(".fallback-notice")
    assert notice.is_visible()
    assert notice.get_attribute("dir") == "rtl"


def test_faq_opens_without_javascript(live_site, no_js_page):
    page = no_js_page
    page.goto(f"{live_site}/en{GUIDE}")
    question = page.locator("main .faq details, main details.faq").first
    answer = question.locator(".faq__answer")
    assert not answer.is_visible()
    question.locator("summary").click()
    assert answer.is_visible()
    # Keyboard too: Enter on a focused summary toggles it.
    question.locator("summary").focus()
    page.keyboard.press("Enter")
    assert not answer.is_visible()
