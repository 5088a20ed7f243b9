"""The test suite: fast hashing, local caches unless a test asks for Redis, tasks inline."""

import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-secret-key-not-for-production-use-0123456789"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(VAR_DIR / "test-media")},  # noqa: F405
    },
}
MEDIA_ROOT = VAR_DIR / "test-media"  # noqa: F405
WHITENOISE_USE_FINDERS = True
STATIC_ROOT = None  # files are found where they live; nothing is collected
# Tasks run inline in tests, so a test sees their effect at once.
# Successful tasks are not recorded: pruning that table after each of the hundreds of
# tasks the demo content enqueues doubled its load time, and no test reads it.
Q_CLUSTER = {**Q_CLUSTER, "sync": True, "save_limit": -1}  # noqa: F405
# Connections close after each request, so the browser tests' live-server threads leave
# none open when the test database is dropped.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
# On SQLite the test database is a file, not memory, so a live server thread for the
# browser tests has its own connection and sees committed data, as on PostgreSQL.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # One file per test process, so two runs side by side do not share it.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")}  # noqa: F405
LOGGING = {**LOGGING, "root": {"handlers": ["console"], "level": "WARNING"}}  # noqa: F405
# A micro-service of the tests' own, to test the store's plug-in contract against.
INSTALLED_APPS = [*INSTALLED_APPS, "tests.services_store.example_service"]  # noqa: F405
