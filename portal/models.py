from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Locale, TranslatableMixin
from wagtail_localize.fields import SynchronizedField

from portal.locales import active_locale


class CounsellorContact(TranslatableMixin, models.Model):
    """The "Talk to a counsellor" contact shown on every page, one per language.

    It is a translatable snippet rather than a site setting because Wagtail's settings
    are not translatable; wagtail-localize translates it like any other snippet. Where a
    language has no copy yet, the default language's copy is shown.
    """

    heading = models.CharField(_("heading"), max_length=80, default="Talk to a counsellor")
    phone = models.CharField(
        _("phone number"),
        max_length=32,
        help_text=_("As it should be dialled, e.g. +33 1 23 45 67 89."),
    )
    opening_hours = models.CharField(_("opening hours"), max_length=160)
    office_finder_url = models.URLField(_("office finder link"))
    office_finder_label = models.CharField(
        _("office finder link text"), max_length=80, default="Find your nearest office"
    )
    note = models.CharField(
        _("note"),
        max_length=240,
        blank=True,
        help_text=_("Optional, e.g. that interpreters are available on request."),
    )

    # The number and the link are the same in every language; only the words are translated.
    override_translatable_fields = [
        SynchronizedField("phone"),
        SynchronizedField("office_finder_url"),
    ]

    panels = [
        FieldPanel("heading"),
        FieldPanel("phone"),
        FieldPanel("opening_hours"),
        FieldPanel("office_finder_url"),
        FieldPanel("office_finder_label"),
        FieldPanel("note"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("counsellor contact")
        verbose_name_plural = _("counsellor contacts")

    def __str__(self):
        return f"{self.heading} ({self.locale})"

    @property
    def phone_href(self):
        return "tel:" + "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")

    @classmethod
    def for_active_locale(cls):
        """The contact in the visitor's language, else in the default language."""
        contacts = {c.locale_id: c for c in cls.objects.select_related("locale")}
        for locale in (active_locale(), Locale.get_default()):
            if locale.pk in contacts:
                return contacts[locale.pk]
        return next(iter(contacts.values()), None)
