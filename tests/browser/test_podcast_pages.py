"""The podcast pages in a real browser: accessibility and reflow, the player's chapter and
transcript times with JavaScript, and everything a listener needs without it.

The demo show "Work Matters" has eight live episodes of 30 seconds (real MP3s served with
HTTP Range by the portal) and one scheduled for the next slot.
"""

from urllib.parse import unquote

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from podcasts.demo import EPISODES, SCHEDULED, SHOW_SLUG
from tests.browser.conftest import DESKTOP, SMALL_SCREEN, assert_has_counsellor_contact
from tests.browser.test_accessibility import assert_no_problems, audit, open_page

pytestmark = pytest.mark.browser

SHOW_PATH = f"/podcast/{SHOW_SLUG}/"
EPISODE_TITLE = EPISODES[0][0]
EPISODE_CHAPTERS = EPISODES[0][3]
EPISODE_PATH = f"{SHOW_PATH}registering-as-a-jobseeker-your-first-week/"
APP_NAMES = ["Apple Podcasts", "AntennaPod", "Pocket Casts", "Overcast"]


def audit_with_transcript_open(page, url):
    """After `audit`: open the transcript at 320 px, then audit the page again without
    reloading it (a reload would close the transcript)."""
    page.set_viewport_size(SMALL_SCREEN)
    transcript = page.locator("details.transcript")
    transcript.locator("summary").click()
    assert transcript.get_attribute("open") is not None, f"{url}: the transcript did not open"
    assert transcript.locator("p").first.is_visible(), url
    page.set_viewport_size(DESKTOP)
    return audit(page, f"{url} with the transcript open", reload=False)


def feed_url_of(page):
    """The show's feed address, as the page gives it to copy into a podcast app."""
    return page.locator("section.subscribe input#feed-url").input_value()


def watch_seeks(page):
    """Record where the player is once its next seek has completed (`window.seekedTo`)."""
    page.evaluate(
        """() => {
            const audio = document.getElementById("episode-audio");
            window.seekedTo = null;
            audio.addEventListener("seeked", () => { window.seekedTo = audio.currentTime; },
                                   {once: true});
        }"""
    )


def position_after_seek(page):
    try:
        page.wait_for_function("() => window.seekedTo !== null", timeout=10_000)
    except PlaywrightTimeoutError:
        now = page.evaluate("document.getElementById('episode-audio').currentTime")
        pytest.fail(f"the player never moved to a new position (it is at {now} s)")
    return page.evaluate("window.seekedTo")


def seconds_of(timestamp):
    """A time as the page shows it (0:10, 1:02:03), in seconds."""
    seconds = 0
    for part in timestamp.split(":"):
        seconds = seconds * 60 + int(part)
    return seconds


def test_podcast_pages_are_accessible(live_site, browser_page):
    page = browser_page
    problems = []

    open_page(page, f"{live_site}/en/podcast/")
    assert_has_counsellor_contact(page)
    assert page.locator(f"ul.cards a[href='/en{SHOW_PATH}']").count() == 1
    problems += audit(page, "/en/podcast/")

    open_page(page, f"{live_site}/en{SHOW_PATH}")
    assert_has_counsellor_contact(page)
    assert page.get_by_role("heading", level=1).inner_text() == "Work Matters"
    # The eight live episodes are listed; the scheduled one is only announced.
    episodes = page.locator("ol.episodes > li")
    assert episodes.count() == len(EPISODES)
    assert SCHEDULED[0] not in page.locator("ol.episodes").inner_text()
    assert SCHEDULED[0] in page.locator("table.slots").inner_text()
    assert page.locator("button.copy-feed-url").is_visible()
    problems += audit(page, f"/en{SHOW_PATH}")

    open_page(page, f"{live_site}/en{EPISODE_PATH}")
    assert_has_counsellor_contact(page)
    assert page.get_by_role("heading", level=1).inner_text() == EPISODE_TITLE
    problems += audit(page, f"/en{EPISODE_PATH}")
    problems += audit_with_transcript_open(page, f"/en{EPISODE_PATH}")

    assert_no_problems(problems)


def test_arabic_fallback_podcast_pages(live_site, browser_page):
    """Not yet translated: the English show and episode, in a right-to-left page that says so
    in Arabic."""
    page = browser_page
    problems = []
    for path in [f"/ar{SHOW_PATH}", f"/ar{EPISODE_PATH}"]:
        open_page(page, f"{live_site}{path}")
        html = page.locator("html")
        assert (html.get_attribute("lang"), html.get_attribute("dir")) == ("ar", "rtl"), path
        assert page.evaluate("getComputedStyle(document.body).direction") == "rtl", path
        notice = page.locator("main .fallback-notice[role='note']")
        assert notice.count() == 1, f"{path}: no 'not yet translated' notice"
        assert (notice.get_attribute("lang"), notice.get_attribute("dir")) == ("ar", "rtl")
        assert notice.inner_text().strip(), path
        # The content is the English version, marked as such for screen readers.
        main = page.locator("main")
        assert (main.get_attribute("lang"), main.get_attribute("dir")) == ("en", "ltr"), path
        assert_has_counsellor_contact(page)
        problems += audit(page, path)
    assert page.get_by_role("heading", level=1).inner_text() == EPISODE_TITLE
    problems += audit_with_transcript_open(page, f"/ar{EPISODE_PATH}")
    assert_no_problems(problems)


def test_chapter_times_move_the_player_with_javascript(live_site, browser_page):
    page = browser_page
    page.goto(f"{live_site}/en{EPISODE_PATH}")

    # Every chapter and transcript time has become a button; none is left as plain text.
    chapters = page.locator("ol.chapters > li")
    assert chapters.count() == len(EPISODE_CHAPTERS)
    buttons = page.locator("ol.chapters button.seek")
    assert buttons.count() == len(EPISODE_CHAPTERS)
    assert page.locator(".timestamp").count() == 0
    assert page.locator("details.transcript button.seek").count() > 0

    second = chapters.nth(1).locator("button.seek")
    assert EPISODE_CHAPTERS[1] in chapters.nth(1).inner_text()
    start = float(second.get_attribute("data-seek"))
    assert start > 0
    assert seconds_of(second.inner_text()) == int(start)
    name = f"Play from {second.inner_text()}"
    assert page.get_by_role("button", name=name, exact=True).count() == 1

    audio = page.locator("audio#episode-audio")
    assert audio.evaluate("(audio) => audio.currentTime") == 0
    watch_seeks(page)
    second.click()
    position = position_after_seek(page)
    assert abs(position - start) <= 1, f"the player is at {position} s, not at {start} s"
    # The player really loaded the audio and stays at the chapter, not back at the start.
    state = audio.evaluate("(audio) => [audio.readyState, audio.duration, audio.currentTime]")
    ready_state, duration, now = state
    assert ready_state >= 1 and duration > start, state
    assert now >= start - 1, state

    # The feed address gets a working Copy button.
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_site)
    copy = page.locator("section.subscribe button.copy-feed-url")
    assert copy.is_visible()
    assert copy.inner_text() == "Copy"
    copy.click()
    page.wait_for_function(
        "() => document.querySelector('button.copy-feed-url').textContent === 'Copied'"
    )
    # Announced to screen readers too, not only written on the button.
    assert page.locator("section.subscribe [role='status']").inner_text() == "Copied"
    assert page.evaluate("navigator.clipboard.readText()") == feed_url_of(page)


def test_episode_page_works_without_javascript(live_site, no_js_page):
    page = no_js_page
    response = page.goto(f"{live_site}/en{EPISODE_PATH}")
    assert response.status == 200
    assert_has_counsellor_contact(page)

    # Chapters are plain times: nothing to press that would do nothing.
    chapters = page.locator("ol.chapters > li")
    assert chapters.count() == len(EPISODE_CHAPTERS)
    assert page.locator("ol.chapters button").count() == 0
    stamps = page.locator("ol.chapters .timestamp")
    assert [stamps.nth(i).inner_text() for i in range(stamps.count())] == ["0:00", "0:10", "0:20"]
    assert page.locator("main button.seek").count() == 0

    # The transcript is a native <details>: closed at first, opened by its summary.
    transcript = page.locator("details.transcript")
    paragraphs = transcript.locator("p")
    assert transcript.get_attribute("open") is None
    assert not paragraphs.first.is_visible()
    transcript.locator("summary").click()
    assert transcript.get_attribute("open") is not None
    assert paragraphs.count() >= 2
    for i in range(paragraphs.count()):
        assert paragraphs.nth(i).is_visible()
        assert len(paragraphs.nth(i).inner_text().strip()) > 10, i
    assert "Welcome to Work Matters" in paragraphs.first.inner_text()

    # The audio can be downloaded with a plain link.
    download_link = page.locator(".player a[download]")
    assert download_link.count() == 1
    assert download_link.inner_text().startswith("Download the episode (MP3,")
    audio_url = f"{live_site}{download_link.get_attribute('href')}"
    assert audio_url.endswith(".mp3")
    audio = page.request.get(audio_url)
    assert audio.status == 200, audio_url
    assert audio.headers["content-type"] == "audio/mpeg"
    body = audio.body()
    assert len(body) > 10_000
    assert body[:3] == b"ID3" or body[0] == 0xFF, body[:4]
    with page.expect_download() as downloading:
        download_link.click()
    assert downloading.value.suggested_filename.endswith(".mp3")

    # Subscribing: the Copy button needs JavaScript, so it stays hidden; the app links and
    # the feed address itself work without it.
    assert page.locator("button.copy-feed-url").count() == 1
    assert page.locator("button.copy-feed-url").is_hidden()
    feed_url = feed_url_of(page)
    assert feed_url.startswith(f"{live_site}/podcasts/feeds/") and feed_url.endswith("/en.xml")
    without_scheme = feed_url.split("://", 1)[1]
    apps = page.locator("section.subscribe ul.app-links")
    for name in APP_NAMES:
        link = apps.get_by_role("link", name=name, exact=True)
        assert link.count() == 1, f"no {name} link"
        assert without_scheme in unquote(link.get_attribute("href")), name
    assert apps.get_by_role("link", name="Apple Podcasts").get_attribute("href") == (
        f"podcast://{without_scheme}"
    )

    # Browsers and feed readers find the feed in the head; it answers with the episode in it.
    alternate = page.locator("head link[rel='alternate'][type='application/rss+xml']")
    assert alternate.count() == 1
    assert alternate.get_attribute("href") == feed_url
    assert alternate.get_attribute("title") == "Work Matters"
    feed = page.request.get(feed_url)
    assert feed.status == 200, feed_url
    assert feed.headers["content-type"].startswith("application/rss+xml")
    rss = feed.text()
    assert "<rss" in rss
    assert f"<title>{EPISODE_TITLE}</title>" in rss
    assert SCHEDULED[0] not in rss


def test_chapters_can_be_played_from_the_keyboard(live_site, browser_page):
    page = browser_page
    page.goto(f"{live_site}/en{EPISODE_PATH}")
    buttons = page.locator("ol.chapters button.seek")
    assert buttons.count() == len(EPISODE_CHAPTERS)

    def focused_chapter():
        """The index of the focused chapter button, or -1."""
        return page.evaluate(
            """() => [...document.querySelectorAll("ol.chapters button.seek")]
                .indexOf(document.activeElement)"""
        )

    for _ in range(60):
        page.keyboard.press("Tab")
        if focused_chapter() >= 0:
            break
    assert focused_chapter() == 0, "Tab never reached the first chapter's button"
    for index in range(1, len(EPISODE_CHAPTERS)):
        page.keyboard.press("Tab")
        assert focused_chapter() == index, f"Tab did not go on to chapter {index + 1}"

    last = buttons.nth(len(EPISODE_CHAPTERS) - 1)
    outline = last.evaluate(
        """(button) => [button.matches(":focus-visible"),
                        getComputedStyle(button).outlineStyle,
                        parseFloat(getComputedStyle(button).outlineWidth)]"""
    )
    assert outline[0] and outline[1] != "none" and outline[2] >= 2, outline

    start = float(last.get_attribute("data-seek"))
    assert start > 0
    watch_seeks(page)
    page.keyboard.press("Enter")
    position = position_after_seek(page)
    assert abs(position - start) <= 1, f"the player is at {position} s, not at {start} s"
