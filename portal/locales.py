"""The portal's locales, looked up once per process.

Wagtail's `Locale.get_active()` queries the database on every call, and a page asks for
the active locale many times (terms, snippets, navigation). Locales change only when an
administrator adds a language, so they are kept in memory and forgotten when one is
saved or deleted.
"""

from django.db.models.signals import post_delete, post_save
from django.utils import translation
from wagtail.models import Locale

_by_language = {}
_by_id = {}


def locale_for_language(language_code):
    """The Locale for `language_code`, or the default Locale when there is none."""
    if language_code not in _by_language:
        try:
            _by_language[language_code] = Locale.objects.get_for_language(language_code)
        except (Locale.DoesNotExist, LookupError):
            return Locale.get_default()
    return _by_language[language_code]


def locale_by_id(pk):
    """The Locale with this id, from memory (a page's `locale_id`, without a query)."""
    if pk not in _by_id:
        _by_id.update({locale.pk: locale for locale in Locale.objects.all()})
    return _by_id.get(pk) or Locale.objects.get(pk=pk)


def active_locale():
    return locale_for_language(translation.get_language())


def localized(instance):
    """`instance` (a translatable snippet or page) in the visitor's language, when
    translated and live; otherwise `instance` itself, as Wagtail's `.localized` does."""
    locale = active_locale()
    if instance is None or instance.locale_id == locale.pk:
        return instance
    translated = instance.get_translation_or_none(locale)
    if translated is None or not getattr(translated, "live", True):
        return instance
    return translated


class LocalizedFromMemoryMixin:
    """For translatable models: `.localized` without querying the Locale table."""

    @property
    def localized(self):
        return localized(self)


def forget_locales(**kwargs):
    _by_language.clear()
    _by_id.clear()


post_save.connect(forget_locales, sender=Locale, dispatch_uid="portal-forget-locales-saved")
post_delete.connect(forget_locales, sender=Locale, dispatch_uid="portal-forget-locales-deleted")
