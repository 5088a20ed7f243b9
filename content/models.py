from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from content.blocks import BaseStreamBlock


class BasePage(Page):
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


class HomePage(BasePage):
    """The front door of the portal in one language: entry points to guidance, the
    podcast, webinars and the service store."""

    # --- Hero ---
    heading = models.CharField(_("heading"), max_length=120)
    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"])

    # --- Body ---
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([FieldPanel("heading"), FieldPanel("intro")], heading=_("Hero")),
        InlinePanel("entry_points", label=_("Entry points"), min_num=1, max_num=8),
        FieldPanel("body"),
    ]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("heading"),
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["content.InformationPage"]

    class Meta:
        verbose_name = _("home page")


class HomeEntryPoint(TranslatableMixin, Orderable):
    """One of the home page's big doors ("Guidance", "Podcast", …).

    Translatable, so wagtail-localize translates its title and summary with the page
    (inline objects that are not translatable are copied as they are)."""

    page = ParentalKey(HomePage, related_name="entry_points", on_delete=models.CASCADE)
    title = models.CharField(_("title"), max_length=80)
    summary = models.CharField(_("summary"), max_length=200)
    link_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("links to"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("title"), FieldPanel("summary"), FieldPanel("link_page")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("entry point")


class InformationPage(BasePage):
    """A plain page of information, e.g. "About the portal" or a section introduction."""

    # --- Content ---
    intro = models.TextField(_("introduction"), max_length=500)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["content.HomePage", "content.InformationPage"]
    subpage_types = ["content.InformationPage"]

    class Meta:
        verbose_name = _("information page")
