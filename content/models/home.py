from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Orderable, Page, TranslatableMixin
from wagtail.search import index

from content.blocks import BaseStreamBlock
from content.models.base import BasePage


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
    subpage_types = [
        "content.InformationPage",
        "content.GuidanceIndexPage",
        "podcasts.PodcastShowPage",
        "webinars.WebinarIndexPage",
        "services_store.ServiceStorePage",
    ]

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        """Serve the default-language page when this language has no translation yet.

        `/ar/finding-work/cv/` shows the English guide (with a notice, in Arabic, that
        it is not yet translated) rather than a 404, so a visitor who switches language
        never lands on "not found". Slugs are synchronised, so the path is the same.
        """
        try:
            return self._route_by_path(request, path_components)
        except Http404:
            default_home = self._default_language_home()
            if default_home is None:
                raise
            return default_home.route(request, path_components)

    def _route_by_path(self, request, path_components):
        """Wagtail's routing, with a shortcut: a page whose address is exactly the path is
        found in one query instead of one per level. Sub-page routes (a guide's poster)
        and unknown paths take Wagtail's usual way."""
        if not path_components:
            return super().route(request, path_components)
        url_path = self.url_path + "/".join(path_components) + "/"
        page = Page.objects.filter(url_path=url_path, path__startswith=self.path).first()
        if page is None:
            return super().route(request, path_components)
        return page.specific.route(request, [])

    def _default_language_home(self):
        if self.locale_id == Locale.get_default().pk:
            return None
        home = self.get_translations().filter(locale=Locale.get_default()).live().first()
        return home.specific if home else None


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
    subpage_types = [
        "content.InformationPage",
        "content.GuidanceIndexPage",
        "podcasts.PodcastShowPage",
        "webinars.WebinarIndexPage",
    ]

    class Meta:
        verbose_name = _("information page")
