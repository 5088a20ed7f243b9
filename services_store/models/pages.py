"""The public store: a catalogue page and one detail page per micro-service.

What a service *is* (name, category, audiences, languages, personal data) comes from its
manifest; where it stands (live, beta, hidden for review, retired) from its `Service`
record; these pages add what editors write about it, in every language. Both are
left out of the anonymous whole-page cache (content/page_cache.py): they show lifecycle
states and figures that change without anything being published.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Sum
from django.urls import Resolver404, resolve
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Locale, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from content.models import BasePage
from services_store.manifest import Category, Interaction
from services_store.models.services import LifecycleState, Service
from services_store.models.usage import ServiceVisitDay
from services_store.similarity import matches_query

SERVICES_PER_PAGE = 12
USAGE_DAYS = 90
RICH_TEXT = ["bold", "italic", "link", "ul", "ol"]

AUDIENCE_LABELS = {
    "jobseekers": _("Jobseekers"),
    "employers": _("Employers"),
    "staff": _("Employment service staff"),
}


class UncachedPageMixin:
    """Never kept in the anonymous whole-page cache (content/page_cache.py)."""

    def serve(self, request, *args, **kwargs):
        request.serving_page = None
        return super().serve(request, *args, **kwargs)


def _answered_by_a_view(path):
    """Whether a portal view, rather than Wagtail's page serving, answers `path`."""
    try:
        return resolve(path).url_name != "wagtail_serve"
    except Resolver404:
        return False


def _public_path(parent_url_path, rest):
    """The public address of `rest` under a page whose Wagtail url_path is given, e.g.
    ("/home/", "store/x") → "/en/store/x/" (the site root's own segment dropped)."""
    segments = parent_url_path.strip("/").split("/")[1:]
    return "/" + "/".join([settings.LANGUAGE_CODE, *segments, rest]) + "/"


class StorePageForm(WagtailAdminPageForm):
    """Refuses a slug whose address the portal's own views answer: under /services/ are
    the micro-services themselves and /store/suggest/ is the suggestion form, so a page
    there would never be seen. `addresses` are the paths to check under the slug."""

    addresses = ("",)

    def clean(self):
        cleaned = super().clean()
        slug = cleaned.get("slug")
        parent = self.parent_page if self.instance.pk is None else self.instance.get_parent()
        if slug and parent is not None:
            with translation.override(settings.LANGUAGE_CODE):
                paths = [_public_path(parent.url_path, slug + rest) for rest in self.addresses]
                taken = [path for path in paths if _answered_by_a_view(path)]
            if taken:
                self.add_error(
                    "slug",
                    _("The portal itself uses the address %(address)s. Choose another slug.")
                    % {"address": taken[0]},
                )
        return cleaned


class CataloguePageForm(StorePageForm):
    # The catalogue's own address, and its detail pages' addresses.
    addresses = ("", "/any-service")


class ServiceDetailPageForm(StorePageForm):
    """Also: one page (and its translations) per service."""

    def clean(self):
        cleaned = super().clean()
        service = cleaned.get("service")
        if service is not None:
            others = ServiceDetailPage.objects.filter(service=service)
            if self.instance.translation_key:
                others = others.exclude(translation_key=self.instance.translation_key)
            if others.exists():
                self.add_error("service", _("Another page already describes this service."))
        return cleaned


class ServiceStorePage(UncachedPageMixin, BasePage):
    """The catalogue of online services: those live or in beta, filtered by category,
    audience and language, with a search box; all plain GET, so it works without
    JavaScript and a filtered list can be bookmarked."""

    # --- Content ---
    intro = models.TextField(_("introduction"), max_length=500)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    parent_page_types = ["content.HomePage"]
    subpage_types = ["services_store.ServiceDetailPage"]
    max_count_per_parent = 1

    base_form_class = CataloguePageForm

    class Meta:
        verbose_name = _("service store")

    def get_context(self, request, *args, **kwargs):
        # Imported here: the forms module imports the models package this module is in.
        from services_store.forms_public import StoreFilterForm

        context = super().get_context(request, *args, **kwargs)
        form = StoreFilterForm(request.GET)
        entries = self.entries(form.filters())
        context["filter_form"] = form
        context["services"] = Paginator(entries, SERVICES_PER_PAGE).get_page(form.page_number())
        return context

    def detail_pages(self):
        """The detail pages of this catalogue in its language, plus those only written in
        the default language so far (the template marks them)."""
        in_store = Service.objects.in_store().values("pk")
        pages = ServiceDetailPage.objects.live().public().filter(service__in=in_store)
        own = list(pages.child_of(self).select_related("service", "locale"))
        default = self.get_translations().filter(locale=Locale.get_default()).first()
        if default is not None:
            translated = {page.translation_key for page in own}
            own += [
                page
                for page in pages.child_of(default).select_related("service", "locale")
                if page.translation_key not in translated
            ]
        return own

    def entries(self, filters):
        """The catalogue's entries that pass `filters` (from StoreFilterForm.filters),
        sorted by title."""
        found = [
            entry
            for entry in (CatalogueEntry(page) for page in self.detail_pages())
            if entry.manifest is not None and entry.passes(**filters)
        ]
        return sorted(found, key=lambda entry: entry.page.title.casefold())


@dataclass(frozen=True)
class CatalogueEntry:
    """One service in the catalogue: its page, its record and its manifest."""

    page: "ServiceDetailPage"

    @property
    def service(self):
        return self.page.service

    @property
    def manifest(self):
        return self.page.service.manifest

    @property
    def is_beta(self):
        return self.service.state == LifecycleState.BETA

    def passes(self, category="", audience="", language="", query=""):
        manifest = self.manifest
        return (
            (not category or manifest.category == category)
            and (not audience or audience in manifest.audiences)
            and (not language or language in manifest.languages)
            and (not query or matches_query(query, self.searchable_text()))
        )

    def searchable_text(self):
        page, manifest = self.page, self.manifest
        return " ".join(
            [
                page.title,
                page.listing_summary,
                strip_tags(page.what_it_does),
                strip_tags(page.for_whom),
                str(manifest.name),
                str(manifest.summary),
            ]
        )


class ServiceDetailPage(UncachedPageMixin, BasePage):
    """One micro-service explained to the people it is for: what it does, for whom, how
    to use it, who built it, how it is doing, and what it does with personal data, with
    the link that opens it."""

    # --- Service ---
    service = models.ForeignKey(
        "services_store.Service",
        verbose_name=_("micro-service"),
        on_delete=models.PROTECT,
        related_name="detail_pages",
        help_text=_("The service this page describes. The same in every language."),
    )

    # --- What editors write ---
    what_it_does = RichTextField(
        _("what it does"),
        features=RICH_TEXT,
        help_text=_("In two or three plain sentences: what a person gets from it."),
    )
    for_whom = RichTextField(
        _("who it is for"),
        features=RICH_TEXT,
        help_text=_("Who will find it useful, and who should rather talk to a counsellor."),
    )
    how_to_use = RichTextField(
        _("how to use it"),
        features=RICH_TEXT,
        blank=True,
        help_text=_("The steps, and what to have at hand (a numbered list works well)."),
    )
    contact_email = models.EmailField(
        _("team mailbox"),
        blank=True,
        help_text=_("A shared mailbox of the team for questions, never a person's own."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("service"),
        MultiFieldPanel(
            [FieldPanel("what_it_does"), FieldPanel("for_whom"), FieldPanel("how_to_use")],
            heading=_("About the service"),
        ),
        FieldPanel("contact_email"),
    ]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("what_it_does", boost=2),
        index.SearchField("for_whom"),
        index.SearchField("how_to_use"),
        index.FilterField("service"),
    ]

    override_translatable_fields = [
        *BasePage.override_translatable_fields,
        SynchronizedField("service"),
        SynchronizedField("contact_email"),
    ]

    parent_page_types = ["services_store.ServiceStorePage"]
    subpage_types = []

    base_form_class = ServiceDetailPageForm

    class Meta:
        verbose_name = _("service description")
        verbose_name_plural = _("service descriptions")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        service, availability = self.service, self.availability()
        context.update(
            service=service,
            manifest=service.manifest,
            availability=availability,
            # A service hidden for an overdue review still answers at its address (its
            # gate looks at the lifecycle state only), but the store no longer offers it.
            can_open=availability in ("open", "beta") and service.is_open_to(request),
            review=service.reviews.first(),
            useful_share=self.useful_share(),
            visits=self.recent_visits(),
            usage_days=USAGE_DAYS,
            team=self.team(),
        )
        return context

    # --- What the page says about the service ---

    def availability(self):
        """ "open", "beta", "hidden" (review overdue), "closed" (retired) or "not-yet"."""
        service = self.service
        if service.state == LifecycleState.RETIRED or service.manifest is None:
            return "closed"
        if service.state not in (LifecycleState.LIVE, LifecycleState.BETA):
            return "not-yet"
        if service.hidden_for_review:
            return "hidden"
        return "beta" if service.state == LifecycleState.BETA else "open"

    def useful_share(self):
        from services_store.usage import useful_share

        return useful_share(self.service)

    def recent_visits(self, today=None):
        since = (today or timezone.localdate()) - datetime.timedelta(days=USAGE_DAYS)
        days = ServiceVisitDay.objects.filter(service=self.service, date__gt=since)
        return days.aggregate(total=Sum("visits"))["total"] or 0

    def team(self):
        """[(role, full name)] of the people behind the service who have a name in their
        account (a user name is a login, not something to publish)."""
        service = self.service
        people = [
            (_("Intrapreneur"), service.intrapreneur),
            (_("Coach"), service.coach),
            (_("IT lead"), service.it_lead),
        ]
        return [
            (role, user.get_full_name()) for role, user in people if user and user.get_full_name()
        ]

    def category_label(self):
        manifest = self.service.manifest
        return Category(manifest.category).label if manifest else ""

    def interaction_label(self):
        manifest = self.service.manifest
        return Interaction(manifest.interaction).label if manifest else ""

    def languages(self):
        """[(code, name in that language, right to left?)] the service speaks."""
        manifest = self.service.manifest
        names = dict(settings.LANGUAGES)
        codes = manifest.languages if manifest else ()
        return [(code, names[code], get_language_info(code)["bidi"]) for code in codes]

    def audience_labels(self):
        manifest = self.service.manifest
        return [AUDIENCE_LABELS[code] for code in manifest.audiences] if manifest else []

    @classmethod
    def describing(cls, service):
        """The live page about `service` in the visitor's language, else in the default
        language, else None."""
        pages = cls.objects.live().public().filter(service=service).select_related("locale")
        by_language = {page.locale.language_code: page for page in pages}
        return by_language.get(translation.get_language()) or by_language.get(
            settings.LANGUAGE_CODE
        )
