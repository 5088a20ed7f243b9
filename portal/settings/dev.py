"""Local development: `make run`. Debug on, e-mail printed to the console."""

from .base import *  # noqa: F403

DEBUG = True
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# No collectstatic step in development: whitenoise finds files where they live.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
STATIC_ROOT = None  # files are found where they live; nothing is collected
WHITENOISE_AUTOREFRESH = True
