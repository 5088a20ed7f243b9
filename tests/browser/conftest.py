"""Browser tests: one headless Chromium for the whole session, a fresh context per test,
and the demo portal served by a live-server thread.

Nothing is fetched from the web: Chromium is the system one (`CHROMIUM`), and axe-core is
vendored in `vendor/axe.min.js`.
"""

import gzip
import os
import shutil
from importlib import import_module
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.conf import settings
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.test.testcases import LiveServerThread
from playwright.sync_api import sync_playwright

from tests.conftest import CHROMIUM, ON_CI

AXE_JS = Path(__file__).parent / "vendor" / "axe.min.js"
DESKTOP = {"width": 1280, "height": 800}
SMALL_SCREEN = {"width": 320, "height": 640}  # WCAG 1.4.10 Reflow: 320 CSS pixels wide
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


def chromium_executable():
    if CHROMIUM.exists():
        return CHROMIUM
    found = shutil.which("chromium")
    return Path(found) if found else None


@pytest.fixture(scope="session")
def chromium():
    """The system Chromium, headless, shared by every browser test of the session."""
    executable = chromium_executable()
    if executable is None and not ON_CI:
        # On CI the session has already stopped in tests/conftest.py: never skip there.
        pytest.skip(f"Chromium is not installed ({CHROMIUM}); set CHROMIUM_PATH")
    # Playwright's sync API runs an event loop in the test thread, so Django would refuse
    # the ORM calls that fixtures make there ("You cannot call this from an async
    # context"). Browser tests run last (tests/conftest.py), and the loop stops with them.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(
        executable_path=str(executable or CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()
    playwright.stop()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


def _new_page(chromium, **context_options):
    context = chromium.new_context(viewport=DESKTOP, **context_options)
    context.set_default_timeout(15_000)
    return context, context.new_page()


@pytest.fixture
def browser_page(chromium):
    """A page in a fresh browser context (no cookies, no cache), 1280×800."""
    context, page = _new_page(chromium)
    yield page
    context.close()


@pytest.fixture
def no_js_page(chromium):
    """Like `browser_page`, with JavaScript turned off."""
    context, page = _new_page(chromium, java_script_enabled=False)
    yield page
    context.close()


@pytest.fixture(scope="session")
def portal_live_server(_demo_database):
    """The portal served by Django's live-server thread for the whole session.

    Its thread has its own database connection, so it sees the demo content that
    `_demo_database` committed once, while each test runs in its own rolled-back
    transaction (the `db` fixture). This avoids pytest-django's `live_server`, which
    makes every test transactional and so reloads the demo portal each time.
    """
    thread = LiveServerThread("127.0.0.1", StaticFilesHandler, port=0)
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    yield f"http://127.0.0.1:{thread.port}"
    thread.terminate()


@pytest.fixture
def live_site(db, demo_content, portal_live_server):
    """The demo portal's base URL."""
    return portal_live_server


# --- Accessibility -------------------------------------------------------------------


def run_axe(page):
    """Run the vendored axe-core on the page with the portal's tag set; return violations."""
    page.add_script_tag(path=str(AXE_JS))
    return page.evaluate(
        """async (tags) => {
            const results = await axe.run(document, {runOnly: {type: "tag", values: tags}});
            return results.violations.map((v) => ({
                id: v.id,
                impact: v.impact,
                help: v.help,
                targets: v.nodes.map((node) => node.target.join(" ")),
            }));
        }""",
        settings.PORTAL_AXE_TAGS,
    )


def describe_violations(violations, where=""):
    lines = [f"axe found {len(violations)} violation(s){' on ' + where if where else ''}:"]
    for v in violations:
        targets = ", ".join(v["targets"][:3])
        more = f" (+{len(v['targets']) - 3} more)" if len(v["targets"]) > 3 else ""
        lines.append(f"  - {v['id']} [{v['impact']}] {v['help']}: {targets}{more}")
    return "\n".join(lines)


# --- Layout --------------------------------------------------------------------------

_WIDTHS_JS = """() => {
    const limit = window.innerWidth;
    const overflowing = [...document.body.querySelectorAll("*")]
        .filter((el) => {
            const box = el.getBoundingClientRect();
            return box.width > 0 && (box.right > limit + 0.5 || box.left < -0.5);
        })
        .slice(0, 5)
        .map((el) => {
            const box = el.getBoundingClientRect();
            const name = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
                + (el.className && typeof el.className === "string"
                    ? "." + el.className.trim().split(/\\s+/).join(".") : "");
            return `${name} (${Math.round(box.left)}..${Math.round(box.right)})`;
        });
    return {
        inner: limit,
        html: document.documentElement.scrollWidth,
        body: document.body.scrollWidth,
        overflowing,
    };
}"""


def horizontal_overflow(page, reload=True):
    """At 320×640, after a reload, describe any sideways scrolling ("" when there is none).

    With `reload=False` the page is only resized: a reload would send a form again, or
    close what a test has opened."""
    page.set_viewport_size(SMALL_SCREEN)
    if reload:
        page.reload()
    widths = page.evaluate(_WIDTHS_JS)
    if widths["html"] <= widths["inner"] and widths["body"] <= widths["inner"]:
        return ""
    return (
        f"{page.url} scrolls sideways at {widths['inner']}px: document {widths['html']}px, "
        f"body {widths['body']}px wide; sticking out: {widths['overflowing']}"
    )


def assert_no_horizontal_scroll(page):
    """WCAG 1.4.10 Reflow: at 320 CSS pixels nothing scrolls sideways."""
    problem = horizontal_overflow(page)
    assert not problem, problem


# --- Page furniture ------------------------------------------------------------------


def assert_has_counsellor_contact(page):
    """Every public page offers a call to a counsellor, in the header and the footer."""
    call_link = page.locator("header a.call-link")
    assert call_link.count() == 1, f"{page.url}: no 'Talk to a counsellor' link in the header"
    assert call_link.get_attribute("href").startswith("tel:+"), page.url
    footer = page.locator("footer section.contact#contact")
    assert footer.count() == 1, f"{page.url}: no contact section in the footer"
    assert footer.locator("h2").inner_text().strip(), page.url
    phone = footer.locator(".contact__phone a")
    assert phone.get_attribute("href") == call_link.get_attribute("href"), page.url


# --- Weight --------------------------------------------------------------------------


def gzipped_size(response):
    """Bytes on the wire for a response body, as if gzipped when the server did not."""
    encoding = (response.header_value("content-encoding") or "").lower()
    if encoding in {"gzip", "br", "deflate", "zstd"}:
        return response.request.sizes()["responseBodySize"]
    return len(gzip.compress(response.body(), compresslevel=6))


# --- The store's services ------------------------------------------------------------


def load_occupations():
    """The ISCO-08 occupations that a migration loads, which a transactional test run
    before this one may have flushed."""
    import_module("content.migrations.0003_load_isco08").load_unit_groups(django_apps, None)


def service_url(site, slug, language, query=""):
    return f"{site}/{language}/services/{slug}/{query}"


def first_suggestion(page, label, typed, options):
    """Type `typed` key by key into the field labelled `label`, as a person does; the first
    value then suggested among `options` (a locator for a datalist's options)."""
    page.get_by_label(label).press_sequentially(typed, delay=30)
    suggestions = page.locator(options)
    suggestions.first.wait_for(state="attached")
    return suggestions.first.get_attribute("value")
