"""Production: refuses to start without a real secret; HTTPS everywhere."""

from django.core.exceptions import ImproperlyConfigured

from portal.env import as_bool, env

from .base import *  # noqa: F403

DEBUG = False

_INSECURE_MARKERS = ("insecure", "change-me", "django-insecure")
SECRET_KEY = env("SECRET_KEY", "")
if len(SECRET_KEY) < 50 or any(marker in SECRET_KEY for marker in _INSECURE_MARKERS):
    raise ImproperlyConfigured(
        "Set SECRET_KEY to a random value of at least 50 characters before starting "
        "the portal with production settings."
    )

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env("SECURE_SSL_REDIRECT", True, as_bool)
SECURE_HSTS_SECONDS = env("SECURE_HSTS_SECONDS", 31_536_000, int)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"
