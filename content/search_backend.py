"""Wagtail's database search backend, with PostgreSQL full-text search in each page's language.

Wagtail's PostgreSQL backend stems every object with one text search configuration
(`SEARCH_CONFIG`). A portal in six languages needs each page stemmed by its own language
("candidatures" must find "candidature" in French, "ansökan" must find "ansökningar" in
Swedish), so this backend picks the configuration from the object's locale when indexing
and from the active language when searching. Languages PostgreSQL has no stemmer for
(Estonian, Ukrainian) use `simple`: exact words, lower-cased.

On SQLite (the embedded default) it is Wagtail's own FTS5 backend, unchanged.
https://www.postgresql.org/docs/current/textsearch-configuration.html
"""

import copy
from collections import defaultdict
from functools import cache

from django.db import connection
from django.utils import translation
from modelsearch.backends import database
from modelsearch.backends.database.postgres.postgres import (
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)

# The PostgreSQL configuration wanted for each content language. One that the server does
# not have (an older PostgreSQL without "arabic") falls back to "simple".
LANGUAGE_CONFIGS = {
    "en": "english",
    "fr": "french",
    "sv": "swedish",
    "ar": "arabic",
    "et": "simple",
    "uk": "simple",
}


@cache
def available_configs():
    with connection.cursor() as cursor:
        cursor.execute("SELECT cfgname FROM pg_catalog.pg_ts_config")
        return frozenset(row[0] for row in cursor.fetchall())


def config_for_language(language_code):
    """The text search configuration for `language_code` ("fr", "fr-ca", "ar" …)."""
    base = (language_code or "").split("-")[0].lower()
    wanted = LANGUAGE_CONFIGS.get(base, "simple")
    return wanted if wanted in available_configs() else "simple"


def config_for_object(obj):
    locale = getattr(obj, "locale", None)
    return config_for_language(locale.language_code if locale else None)


class LocalePostgresIndex(PostgresIndex):
    def add_items(self, model, objs):
        """Index objects in groups of one language, each with that language's configuration."""
        by_config = defaultdict(list)
        for obj in objs:
            by_config[config_for_object(obj)].append(obj)
        backend = self.backend
        try:
            for config, group in by_config.items():
                self.backend = copy.copy(backend)
                self.backend.config = config
                super().add_items(model, group)
        finally:
            self.backend = backend


class LocaleQueryCompiler(PostgresSearchQueryCompiler):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Fixed when the search is made, so a results page read later uses the same one.
        self.config = config_for_language(translation.get_language())

    def get_config(self, backend):
        return self.config


class LocalePostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = LocaleQueryCompiler
    index_class = LocalePostgresIndex


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    if connection.vendor == "postgresql":
        return LocalePostgresSearchBackend(params)
    return database.SearchBackend(params)
