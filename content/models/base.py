from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from portal.locales import LocalizedFromMemoryMixin


class BasePage(LocalizedFromMemoryMixin, Page):
    """What every public page of the portal shares.

    It exists so that listing fields (how a page appears in lists and search results),
    search behaviour and translation rules are decided once. Page types inherit from it
    rather than from `Page` directly.
    """

    # --- Listing ---
    listing_summary = models.CharField(
        _("listing summary"),
        max_length=240,
        blank=True,
        help_text=_("One or two plain sentences shown in lists and search results."),
    )

    promote_panels = [
        *Page.promote_panels,
        FieldPanel("listing_summary"),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("listing_summary"),
    ]

    # Slugs stay the same in every language, so a page's address differs only by its
    # language prefix and links between translations are predictable.
    override_translatable_fields = [SynchronizedField("slug")]

    class Meta:
        abstract = True

    @property
    def summary(self):
        return self.listing_summary or self.search_description
