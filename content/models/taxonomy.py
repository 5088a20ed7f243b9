"""The shared vocabularies that cross-link guidance, podcast episodes, webinars and
micro-tools: topics, audiences (both translatable) and ISCO-08 occupations."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Locale, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from portal.locales import LocalizedFromMemoryMixin


def default_locale_only():
    """Pages link to the default-language term; each language shows its own translation."""
    return {"locale": Locale.get_default()}


class TermQuerySet(models.QuerySet):
    def in_default_locale(self):
        return self.filter(locale=Locale.get_default())


class Term(LocalizedFromMemoryMixin, TranslatableMixin, models.Model):
    """A translatable term with a stable slug."""

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80, allow_unicode=True)
    description = models.CharField(_("description"), max_length=240, blank=True)

    objects = TermQuerySet.as_manager()

    override_translatable_fields = [SynchronizedField("slug")]
    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def localized_name(self):
        return self.localized.name


class Topic(Term):
    class Meta(Term.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_topic_slug_locale")
        ]


class Audience(Term):
    class Meta(Term.Meta):
        verbose_name = _("audience")
        verbose_name_plural = _("audiences")
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_audience_slug_locale")
        ]


class Occupation(index.Indexed, models.Model):
    """An ISCO-08 unit group (4-digit code), e.g. 2512 "Software developers".

    The 436 unit groups are loaded from `content/data/isco08_unit_groups.csv` by a data
    migration; their titles are the ILO's English ones.
    """

    code = models.CharField(_("ISCO-08 code"), max_length=4, unique=True)
    title = models.CharField(_("title"), max_length=200)

    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    class Meta:
        ordering = ["code"]
        verbose_name = _("occupation")
        verbose_name_plural = _("occupations")

    def __str__(self):
        return f"{self.code} {self.title}"

    @property
    def major_group(self):
        return self.code[0]
