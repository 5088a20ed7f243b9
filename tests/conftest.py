"""Fixtures shared by the whole suite, and the rule that CI runs against real services.

With CI=true, PostgreSQL, Redis and Chromium are required: if one is missing the run
fails at start-up instead of skipping the tests that need it.
"""

import os
import shutil
from importlib import import_module
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.conf import settings
from django.core.cache import cache
from django.db import connections
from wagtail.models import Collection, Locale, Page, Site

from content.models import HomePage
from portal.roles import ALL_ROLES, apply_roles
from tests.factories import HomePageFactory, UserFactory

create_submit_translation_permission = import_module(
    "wagtail_localize.migrations.0006_create_submit_translation_permission"
).create_submit_translation_permission

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
ON_CI = os.environ.get("CI", "").lower() == "true"


def redis_url():
    return os.environ.get("REDIS_URL", "")


def redis_available():
    if not redis_url():
        return False
    import redis

    try:
        return redis.Redis.from_url(redis_url(), socket_connect_timeout=2).ping()
    except redis.exceptions.RedisError:
        return False


def pytest_sessionstart(session):
    if not ON_CI:
        return
    problems = []
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        problems.append("DATABASE_URL must point to PostgreSQL")
    if not redis_available():
        problems.append(f"Redis must answer at REDIS_URL ({redis_url() or 'unset'})")
    if not CHROMIUM.exists() and not shutil.which("chromium"):
        problems.append(f"Chromium must be installed ({CHROMIUM})")
    if problems:
        pytest.exit("CI=true but " + "; ".join(problems), returncode=3)


def ensure_migration_data():
    """Recreate what data migrations made (locales, Wagtail's root page and collection,
    the roles), since a transactional test's flush empties every table."""
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    if not Page.get_first_root_node():
        Page.add_root(instance=Page(title="Root", slug="root", locale=Locale.get_default()))
    if not Collection.get_first_root_node():
        Collection.add_root(name="Root")
    # A flush also drops this permission, which a wagtail-localize migration creates.
    create_submit_translation_permission(django_apps, None)
    apply_roles(django_apps)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Browser tests go last: Playwright keeps an event loop in the main thread while
    Chromium is open, which async code in other tests (Channels) must not meet."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


@pytest.fixture
def locales(db):
    """The six portal locales, by language code."""
    ensure_migration_data()
    return {locale.language_code: locale for locale in Locale.objects.all()}


@pytest.fixture
def site(locales):
    """The default site, rooted at an English home page."""
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, slug="home-test", locale=locales["en"])
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(hostname="localhost", is_default_site=True, root_page=home)
    else:
        site.root_page = home
        site.save()
    Page.objects.filter(depth=2).exclude(pk=home.pk).exclude(
        translation_key=home.translation_key
    ).delete()
    return site


@pytest.fixture
def home_page(site):
    return site.root_page.specific


@pytest.fixture
def users_by_role(locales):
    """One user per staff role (Editors, Publishers, Moderators, Managers)."""
    return {
        role: UserFactory(username=role.lower().rstrip("s"), groups=[role]) for role in ALL_ROLES
    }


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: Wagtail caches site root paths, which a
    rolled-back test would otherwise leave behind, pointing at pages that are gone."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session", autouse=True)
def _no_connections_left_behind(django_db_setup):
    """Close every session on the PostgreSQL test database before it is dropped.

    Playwright's event loop gives code in the main thread another async context, and
    Django keeps one connection per context, so after the browser tests a connection
    opened before them can be out of reach of Django's own clean-up.
    """
    yield
    settings_dict = connections["default"].settings_dict
    if settings_dict["ENGINE"] != "django.db.backends.postgresql":
        return
    import psycopg

    with psycopg.connect(
        dbname=settings_dict["NAME"],
        user=settings_dict["USER"],
        password=settings_dict["PASSWORD"],
        host=settings_dict["HOST"],
        port=settings_dict["PORT"] or None,
        autocommit=True,
    ) as admin:
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


@pytest.fixture(scope="session")
def _demo_database(django_db_setup, django_db_blocker):
    """Load the demo portal once per run, committed, so every test (and a live server
    thread) sees it; each test's own changes are still rolled back."""
    from content.demo.loader import load_demo_content

    with django_db_blocker.unblock():
        ensure_migration_data()
        load_demo_content()


@pytest.fixture
def demo_content(_demo_database, locales):
    """The demo site. Reloaded when a transactional test has flushed the database."""
    from content.demo.loader import load_demo_content

    if not HomePage.objects.filter(live=True).exists():
        load_demo_content()
    return Site.objects.get(is_default_site=True)
