"""Guidance: topic areas of step-by-step pages for jobseekers and employers, and the
shared FAQ library."""

import datetime

from dateutil.relativedelta import relativedelta
from django import forms
from django.db import models
from django.utils import timezone
from django.utils.html import linebreaks
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from rest_framework import serializers
from wagtail.actions.create import CreateAction
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import (
    DraftStateMixin,
    Locale,
    LockableMixin,
    Page,
    PageManager,
    PageQuerySet,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from content import page_cache
from content.blocks import GuidanceStreamBlock
from content.models.base import BasePage
from content.models.taxonomy import default_locale_only
from content.qr import qr_code_svg
from portal.locales import LocalizedFromMemoryMixin


class SlugListSerializer(serializers.Field):
    """Terms as their stable slugs (the same in every language)."""

    def to_representation(self, terms):
        return [term.slug for term in terms.all()]


class OccupationCodesSerializer(serializers.Field):
    def to_representation(self, occupations):
        return [{"code": o.code, "title": o.title} for o in occupations.all()]


class FAQSnippet(
    LocalizedFromMemoryMixin,
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    TranslatableMixin,
    index.Indexed,
    models.Model,
):
    """A question and its answer, written once and reused on any guidance page.

    Drafts, revisions and the "Publishers approval" workflow work as for pages (Wagtail's
    snippet mixins: https://docs.wagtail.org/en/stable/topics/snippets/features.html), so
    an Editor's draft, e.g. one made from a webinar's answered question, shows on no page
    until a Publisher approves it. Locked while in the workflow, as pages are."""

    question = models.CharField(_("question"), max_length=200)
    answer = RichTextField(_("answer"), features=["bold", "italic", "link", "ul", "ol"])

    panels = [FieldPanel("question"), FieldPanel("answer")]
    search_fields = [index.SearchField("question"), index.SearchField("answer")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("FAQ")
        verbose_name_plural = _("FAQs")

    def __str__(self):
        return self.question

    @classmethod
    def create_draft(cls, *, question, answer, locale, user):
        """A new draft FAQ from plain text, e.g. a webinar question and its typed answer:
        escaped, paragraphs and line breaks kept, a question too long cut with "…". Saved
        as the snippet editor saves a draft (not live, a first revision, "Created" in its
        history); raises PermissionDenied when `user` may not add FAQs."""
        limit = cls._meta.get_field("question").max_length
        faq = cls(
            question=Truncator(question.strip()).chars(limit),
            answer=linebreaks(answer.strip(), autoescape=True),
            locale=locale,
        )
        return CreateAction(faq, user=user).execute()


class GuidanceIndexPage(BasePage):
    """A topic area, e.g. "Finding work", listing its guidance pages."""

    # --- Content ---
    intro = models.TextField(_("introduction"), max_length=500)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    parent_page_types = ["content.HomePage", "content.InformationPage"]
    subpage_types = ["content.GuidancePage"]

    class Meta:
        verbose_name = _("guidance topic area")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["guides"] = self.guides()
        return context

    def guides(self):
        """The guides of this area in this language, plus those only available in the
        default language so far (the template marks them as such)."""
        guides = list(GuidancePage.objects.child_of(self).live().public().specific())
        default = self.get_translations().filter(locale=Locale.get_default()).first()
        if default is not None:
            translated = {guide.translation_key for guide in guides}
            guides += [
                guide
                for guide in GuidancePage.objects.child_of(default).live().public().specific()
                if guide.translation_key not in translated
            ]
        return sorted(guides, key=lambda guide: guide.title.casefold())


class GuidancePageQuerySet(PageQuerySet):
    def due_for_review(self, today):
        """Pages whose review date has come (today included)."""
        due = [
            page.pk
            for page in self.only("last_reviewed", "review_interval_months")
            if page.next_review <= today
        ]
        return self.filter(pk__in=due)


class GuidancePage(RoutablePageMixin, BasePage):
    """One task explained from start to finish, e.g. "Registering as a jobseeker"."""

    # --- Content ---
    intro = models.TextField(_("introduction"), max_length=500)
    body = StreamField(GuidanceStreamBlock(), verbose_name=_("body"))
    easy_read_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("easy-read version"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A simpler version of this page, in short sentences and everyday words."),
    )

    # --- Taxonomy ---
    topics = ParentalManyToManyField(
        "content.Topic", verbose_name=_("topics"), blank=True, limit_choices_to=default_locale_only
    )
    audiences = ParentalManyToManyField(
        "content.Audience",
        verbose_name=_("audiences"),
        blank=True,
        limit_choices_to=default_locale_only,
    )
    occupations = ParentalManyToManyField(
        "content.Occupation", verbose_name=_("occupations (ISCO-08)"), blank=True
    )

    # --- Ownership and review ---
    content_owner = models.CharField(
        _("content owner"),
        max_length=120,
        help_text=_("The team or role responsible for this page, never a named person."),
    )
    last_reviewed = models.DateField(_("last reviewed"), default=datetime.date.today)
    review_interval_months = models.PositiveSmallIntegerField(
        _("review every (months)"), default=12
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("easy_read_page"),
    ]
    promote_panels = [
        *BasePage.promote_panels,
        MultiFieldPanel(
            [
                FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
                FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
                FieldPanel("occupations", widget=forms.SelectMultiple(attrs={"size": 8})),
            ],
            heading=_("Topics, audiences and occupations"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("content_owner"),
                FieldRowPanel([FieldPanel("last_reviewed"), FieldPanel("review_interval_months")]),
            ],
            heading=_("Ownership and review"),
        ),
    ]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro", boost=2),
        index.SearchField("body"),
        index.RelatedFields("topics", [index.FilterField("slug")]),
        index.RelatedFields("audiences", [index.FilterField("slug")]),
    ]

    override_translatable_fields = [
        *BasePage.override_translatable_fields,
        SynchronizedField("content_owner"),
        SynchronizedField("last_reviewed"),
        SynchronizedField("review_interval_months"),
    ]

    api_fields = [
        APIField("intro"),
        APIField("body"),
        APIField("listing_summary"),
        APIField("topics", serializer=SlugListSerializer()),
        APIField("audiences", serializer=SlugListSerializer()),
        APIField("occupations", serializer=OccupationCodesSerializer()),
        APIField("content_owner"),
        APIField("last_reviewed"),
        APIField("easy_read_page"),
    ]

    parent_page_types = ["content.GuidanceIndexPage"]
    subpage_types = []

    objects = PageManager.from_queryset(GuidancePageQuerySet)()

    class Meta:
        verbose_name = _("guidance page")

    @path("poster/")
    def poster(self, request):
        """A printable A4 poster with a QR code, so an office can put the page on a wall."""
        return self.render(
            request,
            template="content/guidance_page_poster.html",
            context_overrides={"qr_code": qr_code_svg(self.get_full_url(request))},
        )

    @property
    def next_review(self):
        return self.last_reviewed + relativedelta(months=self.review_interval_months)

    def is_due_for_review(self, today=None):
        return self.next_review <= (today or timezone.localdate())

    def related_guidance(self, limit=3):
        """Other guidance in this language sharing the most topics or occupations, kept
        until the next publish (only publishing changes tags or what is live)."""
        return page_cache.remember(
            f"related-guidance:{self.pk}:{limit}", lambda: self._query_related_guidance(limit)
        )

    def _query_related_guidance(self, limit):
        topic_ids = list(self.topics.values_list("pk", flat=True))
        occupation_ids = list(self.occupations.values_list("pk", flat=True))
        candidates = (
            GuidancePage.objects.live()
            .public()
            .filter(locale=self.locale)
            .exclude(translation_key=self.translation_key)
            .filter(models.Q(topics__in=topic_ids) | models.Q(occupations__in=occupation_ids))
            .annotate(shared=models.Count("pk"))
            .order_by("-shared", "title")
        )
        return list(candidates[:limit])
