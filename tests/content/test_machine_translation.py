"""Machine translation is off by default and, when configured, talks to LibreTranslate.

No translation service runs here, so a small local HTTP server plays LibreTranslate:
it answers POST /translate as the real API does, and records what it was sent.
"""

import json
import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from django.conf import settings
from wagtail.models import Locale
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.strings import StringValue

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


class FakeLibreTranslate(BaseHTTPRequestHandler):
    received = []

    def do_POST(self):  # noqa: N802 - the http.server API
        payload = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        FakeLibreTranslate.received.append((self.path, payload))
        body = json.dumps({"translatedText": [f"[{payload['target']}] {q}" for q in payload["q"]]})
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body.encode())

    def log_message(self, *args):
        pass


@pytest.fixture
def libretranslate():
    server = HTTPServer(("127.0.0.1", 0), FakeLibreTranslate)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    FakeLibreTranslate.received = []
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def settings_value(name, **environment):
    code = f"from django.conf import settings; print(repr(getattr(settings, {name!r}, None)))"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test", **environment}
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout.strip()


def test_machine_translation_is_off_by_default():
    assert settings_value("WAGTAILLOCALIZE_MACHINE_TRANSLATOR", LIBRETRANSLATE_URL="") == "None"


def test_libretranslate_is_configured_from_the_environment():
    value = settings_value(
        "WAGTAILLOCALIZE_MACHINE_TRANSLATOR", LIBRETRANSLATE_URL="http://mt.internal:5000/"
    )
    assert "LibreTranslator" in value
    assert "http://mt.internal:5000'" in value


def test_translator_sends_strings_and_reads_translations(libretranslate, locales, settings):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
        "OPTIONS": {"LIBRETRANSLATE_URL": libretranslate, "API_KEY": ""},
    }
    translator = get_machine_translator()
    strings = [StringValue("Register as a jobseeker"), StringValue("Write your <b>CV</b>")]
    translated = translator.translate(locales["en"], locales["ar"], strings)
    assert translated[strings[0]].data == "[ar] Register as a jobseeker"
    assert translated[strings[1]].data == "[ar] Write your <b>CV</b>"
    path, payload = FakeLibreTranslate.received[0]
    assert path == "/translate"
    assert (payload["source"], payload["target"], payload["format"]) == ("en", "ar", "html")
    assert translator.can_translate(locales["en"], locales["fr"])
    assert not translator.can_translate(locales["en"], Locale.get_default())


def test_no_translator_in_the_test_settings():
    assert getattr(settings, "WAGTAILLOCALIZE_MACHINE_TRANSLATOR", None) is None
