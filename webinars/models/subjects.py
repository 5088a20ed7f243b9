"""What webinars are about: subjects, grouped in categories, both translatable.

There are more than sixty subjects, so the public filter groups them by category and the
admin chooses one with the snippet chooser's search rather than a long list.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from content.models.taxonomy import Term, default_locale_only


class SubjectCategory(Term):
    """A group of subjects, e.g. "Finding work" or "Starting a business"."""

    class Meta(Term.Meta):
        verbose_name = _("subject category")
        verbose_name_plural = _("subject categories")
        constraints = [
            models.UniqueConstraint(
                fields=["slug", "locale"], name="unique_subject_category_slug_locale"
            )
        ]


class Subject(index.Indexed, Term):
    """What one webinar is about, e.g. "Writing a CV"."""

    category = models.ForeignKey(
        SubjectCategory,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="subjects",
        limit_choices_to=default_locale_only,
    )

    panels = [*Term.panels, FieldPanel("category")]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale_id"),
    ]

    # Every translation belongs to the default-language category; each language shows
    # that category's own translation.
    override_translatable_fields = [
        *Term.override_translatable_fields,
        SynchronizedField("category"),
    ]

    class Meta(Term.Meta):
        verbose_name = _("subject")
        verbose_name_plural = _("subjects")
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_subject_slug_locale")
        ]
