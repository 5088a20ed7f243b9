"""The webinar's live room in Chromium, over a real WebSocket: two registrants in one
room see each other's questions and votes, a moderator sees who asked anonymously, and
axe finds nothing on the live room and on the replay's questions and answers (left to
right and right to left, at 1280 and 320 pixels).

The session's live server is WSGI, which cannot carry WebSockets, so these tests serve
the portal's ASGI application with uvicorn in a thread. Its threads have database
connections of their own and see only committed rows, so the tests are transactional:
they build a small site of their own, and the database is emptied after each one (the
next test that needs the demo portal loads it again).
"""

import contextlib
import datetime
import json
import re
import socket
import threading
import time
import uuid

import pytest
import uvicorn
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.test import override_settings
from django.utils import timezone
from wagtail.models import Locale

from tests.browser.conftest import DESKTOP, describe_violations, horizontal_overflow, run_axe
from tests.factories import (
    ChatMessageFactory,
    ChatParticipantFactory,
    RegistrationFactory,
    UserFactory,
    WebinarIndexPageFactory,
    WebinarPageFactory,
)
from webinars.models import ChatMessage, ModerationMode
from webinars.registration import remember_in_session

pytestmark = [
    pytest.mark.browser,
    # whitenoise answers static files under ASGI with a synchronous iterator.
    pytest.mark.filterwarnings("ignore:StreamingHttpResponse must consume synchronous"),
]

MINUTE = datetime.timedelta(minutes=1)
LIVE_TEXT = "Live: new messages appear as they are written."


class ThreadedServer(uvicorn.Server):
    """uvicorn in a thread of the test process: signals stay with pytest."""

    @contextlib.contextmanager
    def capture_signals(self):
        yield


@pytest.fixture(scope="module")
def asgi_site(chromium, django_db_setup):
    """The portal's ASGI application (HTTP and WebSocket) on a free port, with the
    chat's own channel prefix so a run beside this one does not hear it."""
    from portal.asgi import application

    chat = {
        **settings.WEBINAR_CHAT,
        "CHANNEL_PREFIX": f"test-browser-chat-{uuid.uuid4().hex}",
        "UPDATE_INTERVAL": 0.2,
        "VIEWERS_INTERVAL": 0.5,
    }
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    config = uvicorn.Config(
        app=application,
        lifespan="off",
        ws="websockets-sansio",
        ws_per_message_deflate=False,
        log_level="warning",
        timeout_graceful_shutdown=2,
    )
    server = ThreadedServer(config)
    with override_settings(WEBINAR_CHAT=chat):
        thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
        thread.start()
        _wait_until(lambda: server.started or not thread.is_alive())
        assert server.started, "uvicorn did not start"
        yield f"http://127.0.0.1:{port}"
        server.should_exit = True
        thread.join(timeout=10)
    listener.close()


def _wait_until(condition, seconds=10.0):
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.05)


@pytest.fixture
def calendar(transactional_db, home_page):
    page = WebinarIndexPageFactory(parent=home_page, slug="calendar", title="Webinars")
    page.save_revision().publish()
    return page


def _webinar(calendar, slug, starts_at, **fields):
    page = WebinarPageFactory(
        parent=calendar,
        slug=slug,
        title=f"Browser test: {slug}",
        starts_at=starts_at,
        ends_at=starts_at + 60 * MINUTE,
        **fields,
    )
    page.save_revision().publish()
    return page


def _in_arabic(page):
    """The webinar's own Arabic page (under Arabic aliases of its calendar and home):
    right to left from top to bottom."""
    copy = page.copy_for_translation(Locale.objects.get(language_code="ar"), copy_parents=True)
    copy.title = "أسئلة وأجوبة مباشرة"
    copy.save_revision().publish()
    return copy.url


def _browser_session(*, registration=None, user=None):
    """A session cookie value: a registrant's browser, or a signed-in staff member's."""
    session = SessionStore()
    if registration is not None:
        remember_in_session(session, registration)
    if user is not None:
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return session.session_key


def _open(chromium, site, path, session_key=None, viewport=DESKTOP):
    context = chromium.new_context(viewport=viewport)
    context.set_default_timeout(15_000)
    if session_key:
        cookie = {"name": settings.SESSION_COOKIE_NAME, "value": session_key, "url": site}
        context.add_cookies([cookie])
    page = context.new_page()
    response = page.goto(f"{site}{path}")
    assert response.status == 200, f"{path} answered {response.status}"
    return page


def _joined(page):
    """Once the room says it is live, in the page's own language."""
    live = page.evaluate(
        "() => JSON.parse(document.querySelector('#chat-strings, [data-chat-strings]')"
        ".textContent).live"
    )
    page.locator("[data-chat-state]", has_text=live or LIVE_TEXT).wait_for()
    return page


def _question(page, text):
    return page.locator('[data-chat-list="questions"] li', has_text=text)


def _audit(page, where, wait=None):
    """axe at 1280 px, then reflow and axe again at 320 px; every problem found."""
    problems = []
    violations = run_axe(page)
    if violations:
        problems.append(describe_violations(violations, f"{where} at 1280px"))
    overflow = horizontal_overflow(page)  # reloads at 320 px
    if overflow:
        problems.append(overflow)
    if wait:
        wait(page)
    violations = run_axe(page)
    if violations:
        problems.append(describe_violations(violations, f"{where} at 320px"))
    return problems


@pytest.fixture
def live_room(calendar):
    """A post-moderated webinar that started ten minutes ago, with two registrants and
    a moderator of this session."""
    webinar = _webinar(
        calendar,
        "live-room-test",
        timezone.now() - 10 * MINUTE,
        moderation_mode=ModerationMode.POST,
    )
    # A moderator of this session only, not of the Moderators group.
    moderator = UserFactory(username=f"room-moderator-{uuid.uuid4().hex[:8]}", groups=["Editors"])
    webinar.moderators.add(moderator)
    webinar.save_revision().publish()
    amina = RegistrationFactory(webinar=webinar, display_name="Amina")
    bilal = RegistrationFactory(webinar=webinar, display_name="Bilal")
    return webinar, amina, bilal, moderator


def _ask(page, text, anonymously=False, kind="Question"):
    page.get_by_label(kind, exact=True).check()
    page.get_by_label("Your message").fill(text)
    page.get_by_label("Ask anonymously").set_checked(anonymously)
    page.get_by_role("button", name="Send", exact=True).click()


def test_two_registrants_see_each_others_questions_and_votes(chromium, asgi_site, live_room):
    webinar, amina, bilal, moderator = live_room
    path = webinar.url
    asker = _joined(_open(chromium, asgi_site, path, _browser_session(registration=amina)))
    voter = _joined(_open(chromium, asgi_site, path, _browser_session(registration=bilal)))
    staff = _joined(_open(chromium, asgi_site, path, _browser_session(user=moderator)))
    try:
        first = "Can I follow a training course while I receive benefits?"
        _ask(asker, first)
        _question(voter, first).wait_for()
        assert "Amina" in _question(voter, first).locator(".chat-message__author").inner_text()
        assert asker.get_by_label("Your message").input_value() == ""

        # Asked anonymously: no name for the room, the name for moderators only.
        second = "What if my contract ends during the course?"
        _ask(asker, second, anonymously=True)
        _question(voter, second).wait_for()
        assert _question(voter, second).locator(".chat-message__author").inner_text() == (
            "Anonymous"
        )
        staff_author = _question(staff, second).locator(".chat-message__author")
        staff_author.filter(has_text="Amina, asked anonymously").wait_for()

        # A vote in one browser updates the count in the other, and the question moves up.
        _question(voter, second).get_by_role("button", name="Vote for this question").click()
        votes = _question(asker, second).locator('[data-field="votes"]')
        votes.filter(has_text="1").wait_for()
        texts = asker.locator('[data-chat-list="questions"] .chat-message__text')
        assert texts.all_inner_texts() == [second, first]
        assert _question(voter, second).get_by_role("button", name="Voted").is_disabled()
        assert ChatMessage.objects.get(webinar=webinar, text=second).votes == 1
        # The moderator's copy of the update has no name either; the name stays.
        _question(staff, second).locator('[data-field="votes"]').filter(has_text="1").wait_for()
        assert staff_author.inner_text() == "Amina, asked anonymously"

        # What people write is shown as text, never run as markup.
        markup = '<img src="x" onerror="document.title=1">'
        _ask(asker, markup, kind="Comment")
        comments = voter.locator('[data-chat-list="comments"]')
        comments.locator(".chat-message__text", has_text=markup).wait_for()
        assert comments.locator("img").count() == 0

        # A moderator hides the comment: it leaves the others' screens.
        item = staff.locator('[data-chat-list="comments"] li', has_text=markup)
        item.get_by_role("button", name="Hide").click()
        comments.locator(".chat-message__text", has_text=markup).wait_for(state="detached")
        asker.locator('[data-chat-list="comments"] li', has_text=markup).wait_for(state="detached")
        item.locator('[data-badge="hidden"]').wait_for()  # moderators still see it, marked
        assert voter.locator("[data-chat-viewer-count]").inner_text().isdigit()
    finally:
        for page in (asker, voter, staff):
            page.context.close()


def test_the_presenter_view_follows_the_room(chromium, asgi_site, live_room):
    webinar, amina, _bilal, moderator = live_room
    presenter_path = f"/en/webinar-chat/{webinar.pk}/presenter/"
    screen = _joined(_open(chromium, asgi_site, presenter_path, _browser_session(user=moderator)))
    asker = _joined(_open(chromium, asgi_site, webinar.url, _browser_session(registration=amina)))
    try:
        _ask(asker, "Will the slides be shared after the session?")
        _question(screen, "Will the slides be shared after the session?").wait_for()
        _ask(asker, "A comment is not a question", kind="Comment")
        _ask(asker, "And one more question?")
        _question(screen, "And one more question?").wait_for()
        assert screen.locator(".presenter-questions li").count() == 2
        assert screen.locator(".presenter-questions button").count() == 0
        problems = _audit(screen, presenter_path, wait=_joined)
        assert not problems, "\n\n".join(problems)
    finally:
        screen.context.close()
        asker.context.close()


def test_a_dropped_connection_resumes_from_the_last_message(chromium, asgi_site, live_room):
    """The page's socket goes through a Playwright route that can cut it; the page comes
    back by itself, says which message it had last, and shows nothing twice."""
    webinar, amina, bilal, _moderator = live_room
    connections = []

    def through_route(route):
        server = route.connect_to_server()
        sent = []

        def forward(frame):
            sent.append(json.loads(frame))
            server.send(frame)

        route.on_message(forward)
        connections.append((route, sent))

    context = chromium.new_context(viewport=DESKTOP)
    context.set_default_timeout(15_000)
    cookie = {"name": settings.SESSION_COOKIE_NAME, "url": asgi_site}
    context.add_cookies([{**cookie, "value": _browser_session(registration=bilal)}])
    viewer = context.new_page()
    viewer.route_web_socket(re.compile(r"/ws/webinars/"), through_route)
    viewer.goto(f"{asgi_site}{webinar.url}")
    _joined(viewer)
    asker = _joined(_open(chromium, asgi_site, webinar.url, _browser_session(registration=amina)))
    try:
        _ask(asker, "Before the cut?")
        _question(viewer, "Before the cut?").wait_for()
        last_id = ChatMessage.objects.get(text="Before the cut?").pk

        first_route, _sent = connections[0]
        first_route.close(code=1013, reason="Try again later")
        viewer.locator("[data-chat-state]", has_text="Trying again").wait_for()
        _joined(viewer)
        _route, resumed = connections[1]
        assert resumed[0] == {"type": "resume", "last_id": last_id}

        _ask(asker, "After the cut?")
        _question(viewer, "After the cut?").wait_for()
        assert _question(viewer, "Before the cut?").count() == 1
    finally:
        context.close()
        asker.context.close()


def test_a_visitor_without_javascript_posts_into_the_live_room(chromium, asgi_site, live_room):
    webinar, amina, bilal, _moderator = live_room
    viewer = _joined(_open(chromium, asgi_site, webinar.url, _browser_session(registration=amina)))
    context = chromium.new_context(viewport=DESKTOP, java_script_enabled=False)
    cookie = {"name": settings.SESSION_COOKIE_NAME, "url": asgi_site}
    context.add_cookies([{**cookie, "value": _browser_session(registration=bilal)}])
    plain = context.new_page()
    try:
        plain.goto(f"{asgi_site}{webinar.url}")
        plain.get_by_label("Your message").fill("Asked from a phone without JavaScript")
        plain.get_by_role("button", name="Send", exact=True).click()
        plain.wait_for_url(lambda url: url.endswith(f"{webinar.url}?chat=posted#chat"))
        assert plain.get_by_role("status").filter(has_text="has been sent").count() == 1
        _question(plain, "Asked from a phone without JavaScript").wait_for()
        # The live viewer hears of it through publish_from_sync, without reloading.
        _question(viewer, "Asked from a phone without JavaScript").wait_for()
    finally:
        context.close()
        viewer.context.close()


def test_live_room_has_no_accessibility_problems(chromium, asgi_site, live_room):
    webinar, amina, _bilal, moderator = live_room
    participant = ChatParticipantFactory(
        webinar=webinar, key=f"registration:{amina.key.hex}", display_name="Amina"
    )
    ChatMessageFactory(participant=participant, text="Is the recording shared?", votes=3)
    ChatMessageFactory(participant=participant, text="Thank you!", kind="comment")
    ChatMessageFactory(participant=participant, text="Is it paid?", answered=True, answer="Yes.")
    arabic = _in_arabic(webinar)
    problems = []
    for path, language in [(webinar.url, "en"), (arabic, "ar")]:
        staff = _browser_session(user=moderator)
        for who in (_browser_session(registration=amina), staff):
            page = _joined(_open(chromium, asgi_site, path, who))
            try:
                assert page.locator("html").get_attribute("lang") == language
                if language == "ar":
                    assert page.locator("html").get_attribute("dir") == "rtl"
                # The moderator's buttons are audited too, once the socket says who they are.
                controls = page.locator("[data-chat-moderation]").first
                assert controls.is_visible() == (who == staff)
                problems += _audit(page, path, wait=_joined)
            finally:
                page.context.close()
    assert not problems, "\n\n".join(problems)


def test_replay_with_archived_questions_has_no_accessibility_problems(
    chromium, asgi_site, calendar
):
    webinar = _webinar(calendar, "replay-test", timezone.now() - datetime.timedelta(days=2))
    participant = ChatParticipantFactory(webinar=webinar, display_name="Amina")
    ChatMessageFactory(
        participant=participant,
        text="Can I train while on benefits?",
        answered=True,
        answer="Yes, with your counsellor's approval.",
        anonymous=True,
    )
    ChatMessageFactory(participant=participant, text="Where are the slides?", votes=4)
    ChatMessageFactory(participant=participant, text="Not approved", state="pending")
    arabic = _in_arabic(webinar)
    problems = []
    for path in (webinar.url, arabic):
        page = _open(chromium, asgi_site, path)
        try:
            archive = page.locator("#questions")
            assert archive.locator("li").count() == 2
            assert "Not approved" not in archive.inner_text()
            assert page.locator("#rating fieldset input[type=radio]").count() == 5
            problems += _audit(page, path)
        finally:
            page.context.close()
    assert not problems, "\n\n".join(problems)
