"""Webinar pages: the calendar of sessions, and one page per session."""

from functools import cached_property
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import FileExtensionValidator, MinValueValidator
from django.db import models
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Locale, Page, PageManager, PageQuerySet
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from content.blocks import BaseStreamBlock
from content.models import BasePage
from content.models.taxonomy import default_locale_only
from podcasts.transcripts import parse_transcript, read_stored_transcript
from webinars import streams, timing
from webinars.blocks import RelatedLinksBlock
from webinars.staff import is_staff_member, staff_users

RECORDING_EXTENSIONS = {"mp4", "webm"}


class ModerationMode(models.TextChoices):
    PRE = "pre", _("Pre-moderated: a moderator approves each question before others see it")
    POST = "post", _("Post-moderated: messages appear at once and moderators can remove them")


class UncachedPageMixin:
    """Never kept in the anonymous whole-page cache (content/page_cache.py).

    What these pages show changes with the clock and with registrations ("live now",
    places left), not only when something is published, and they carry a form."""

    def serve(self, request, *args, **kwargs):
        request.serving_page = None
        return super().serve(request, *args, **kwargs)


def _confirmed_count_subquery():
    from webinars.models.registrations import Registration, RegistrationStatus

    counts = (
        Registration.objects.filter(
            webinar__translation_key=OuterRef("translation_key"),
            status=RegistrationStatus.CONFIRMED,
        )
        .order_by()
        .values("webinar__translation_key")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), 0)


class WebinarPageQuerySet(PageQuerySet):
    def visible_to(self, user):
        """Live webinars this visitor may see: staff-only ones for staff only."""
        live = self.live()
        if is_staff_member(user):
            return live
        return live.public().filter(staff_only=False)

    def upcoming(self, now):
        return self.filter(ends_at__gt=now).order_by("starts_at", "pk")

    def past(self, now):
        return self.filter(ends_at__lte=now).order_by("-starts_at", "pk")

    def with_confirmed_counts(self):
        return self.annotate(confirmed_count=_confirmed_count_subquery())


class WebinarIndexPage(UncachedPageMixin, BasePage):
    """The calendar of webinars: coming sessions first, then past ones with replays,
    filtered by subject, audience and language with a plain GET form."""

    # --- Content ---
    intro = models.TextField(_("introduction"), max_length=500)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    parent_page_types = ["content.HomePage", "content.InformationPage"]
    subpage_types = ["webinars.WebinarPage"]

    class Meta:
        verbose_name = _("webinar calendar")

    def webinars(self, user):
        """The webinars of this calendar in this language, plus those only available in
        the default language so far; staff-only ones for staff only."""
        pages = WebinarPage.objects.child_of(self)
        default = self.get_translations().filter(locale=Locale.get_default()).first()
        if default is not None:
            translated = WebinarPage.objects.child_of(self).values("translation_key")
            pages = pages | WebinarPage.objects.child_of(default).exclude(
                translation_key__in=translated
            )
        return pages.visible_to(user)

    def get_context(self, request, *args, **kwargs):
        from webinars.listing import calendar_context

        context = super().get_context(request, *args, **kwargs)
        context.update(calendar_context(self, request))
        return context


class WebinarPageForm(WagtailAdminPageForm):
    """Presenters and moderators are chosen among staff; a captions file is read, so a
    typo in a timestamp is named here rather than silently dropped by players."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("presenters", "moderators"):
            if name in self.fields:
                self.fields[name].queryset = staff_users()

    def clean_captions_file(self):
        upload = self.cleaned_data.get("captions_file")
        if isinstance(upload, UploadedFile):
            captions = parse_transcript(upload, filename=upload.name)
            if captions.format != "vtt":
                raise ValidationError(_("Captions must be a WebVTT (.vtt) file."))
            upload.seek(0)
        return upload


class WebinarPage(UncachedPageMixin, BasePage):
    """One live online session, e.g. "Writing a CV that gets read".

    Its translations are the same session described in other languages: registrations,
    places and reminders belong to the session (`event`), whichever language a visitor
    registers in."""

    # --- Session ---
    subject = models.ForeignKey(
        "webinars.Subject",
        verbose_name=_("subject"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to=default_locale_only,
    )
    intro = models.TextField(
        _("summary"),
        max_length=500,
        help_text=_("What the session covers and who it is for, in two or three sentences."),
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("more about the session"), blank=True)
    # The language spoken in the session, not the language of this page: a session held
    # in Arabic can be described on pages in every language.
    session_language = models.CharField(
        _("language of the session"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    audiences = ParentalManyToManyField(
        "content.Audience",
        verbose_name=_("audiences"),
        blank=True,
        limit_choices_to=default_locale_only,
    )

    # --- Time and place ---
    starts_at = models.DateTimeField(
        _("starts at"), help_text=_("In your own time zone, as set in your admin account.")
    )
    ends_at = models.DateTimeField(_("ends at"))
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leave empty for no limit. When full, people join a waiting list."),
    )
    stream_url = models.URLField(
        _("stream or meeting room"),
        max_length=500,
        blank=True,
        validators=[streams.validate_stream_url],
        help_text=_(
            "A PeerTube or YouTube link (shown on the page) or a BigBlueButton or Jitsi "
            "room (given to registrants only)."
        ),
    )

    # --- People ---
    presenters = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("presenters"),
        blank=True,
        related_name="presented_webinars",
    )
    moderators = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("chat moderators"),
        blank=True,
        related_name="moderated_webinars",
    )
    moderation_mode = models.CharField(
        _("chat moderation"),
        max_length=4,
        choices=ModerationMode.choices,
        default=ModerationMode.PRE,
    )
    staff_only = models.BooleanField(
        _("staff only"),
        default=False,
        help_text=_("Only signed-in staff can see and join this webinar."),
    )

    # --- Materials and replay ---
    slides = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("slides"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recording_url = models.URLField(
        _("recording link"),
        max_length=500,
        blank=True,
        validators=[streams.validate_recording_url],
        help_text=_("A PeerTube or YouTube video of the session, shown once it has ended."),
    )
    recording_file = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("or an uploaded recording"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("An MP4 or WebM video file."),
    )
    captions_file = models.FileField(
        _("captions"),
        upload_to="webinars/captions/%Y/",
        blank=True,
        validators=[FileExtensionValidator(["vtt"])],
        help_text=_("A WebVTT (.vtt) file for the recording."),
    )

    # --- Links ---
    topics = ParentalManyToManyField(
        "content.Topic", verbose_name=_("topics"), blank=True, limit_choices_to=default_locale_only
    )
    occupations = ParentalManyToManyField(
        "content.Occupation", verbose_name=_("occupations (ISCO-08)"), blank=True
    )
    related_links = StreamField(
        RelatedLinksBlock(), verbose_name=_("related guidance and online services"), blank=True
    )

    base_form_class = WebinarPageForm

    content_panels = [
        *Page.content_panels,
        FieldPanel("subject"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                FieldRowPanel([FieldPanel("session_language"), FieldPanel("capacity")]),
                FieldPanel("stream_url"),
                FieldPanel("staff_only"),
            ],
            heading=_("Time and place"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("presenters", widget=forms.SelectMultiple(attrs={"size": 6})),
                FieldPanel("moderators", widget=forms.SelectMultiple(attrs={"size": 6})),
                FieldPanel("moderation_mode", widget=forms.RadioSelect),
            ],
            heading=_("Presenters and chat"),
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("slides"),
                FieldPanel("recording_url"),
                FieldPanel("recording_file"),
                FieldPanel("captions_file"),
            ],
            heading=_("Slides and replay"),
        ),
        FieldPanel("related_links"),
    ]
    promote_panels = [
        *BasePage.promote_panels,
        MultiFieldPanel(
            [
                FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
                FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
                FieldPanel("occupations", widget=forms.SelectMultiple(attrs={"size": 8})),
            ],
            heading=_("Audiences, topics and occupations"),
        ),
    ]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro", boost=2),
        index.SearchField("body"),
        index.FilterField("starts_at"),
        index.FilterField("session_language"),
    ]

    override_translatable_fields = [
        *BasePage.override_translatable_fields,
        SynchronizedField("subject"),
        SynchronizedField("session_language", overridable=False),
        SynchronizedField("starts_at", overridable=False),
        SynchronizedField("ends_at", overridable=False),
        SynchronizedField("capacity", overridable=False),
        SynchronizedField("stream_url", overridable=False),
        SynchronizedField("moderation_mode", overridable=False),
        SynchronizedField("staff_only", overridable=False),
        SynchronizedField("recording_url"),
    ]

    parent_page_types = ["webinars.WebinarIndexPage"]
    subpage_types = []

    objects = PageManager.from_queryset(WebinarPageQuerySet)()

    class Meta:
        verbose_name = _("webinar")

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_at and self.ends_at:
            if self.ends_at <= self.starts_at:
                errors["ends_at"] = _("The end must come after the start.")
            elif self.ends_at - self.starts_at > timing.LONGEST_SESSION:
                errors["ends_at"] = _("A webinar lasts at most 8 hours. Please check the dates.")
        if self.recording_file and self.recording_file.file_extension.lower() not in (
            RECORDING_EXTENSIONS
        ):
            errors["recording_file"] = _("Choose an MP4 or WebM video file.")
        if errors:
            raise ValidationError(errors)

    # --- The session ---

    @cached_property
    def event(self):
        """The page that holds the session's registrations: the first-created of its
        translations (the original). Translations show the same session."""
        if self.pk is None:
            return self
        original = (
            WebinarPage.objects.filter(translation_key=self.translation_key).order_by("pk").first()
        )
        return self if original is None or original.pk == self.pk else original

    def status(self, now=None):
        return timing.session_status(self.starts_at, self.ends_at, now or timezone.now())

    def is_visible_to(self, user):
        return self.live and (not self.staff_only or is_staff_member(user))

    @property
    def summary(self):
        return self.listing_summary or self.intro

    @property
    def stream(self):
        return streams.recognise(self.stream_url)

    @property
    def recording_stream(self):
        return streams.recognise(self.recording_url)

    @property
    def has_replay(self):
        return bool(self.recording_url or self.recording_file_id)

    @cached_property
    def captions(self):
        """The parsed captions, or None when there are none or they cannot be read."""
        return read_stored_transcript(self.captions_file)

    @property
    def calendar_uid(self):
        """The invite's UID: one per session (all translations share it) and never
        changing, so a calendar replaces the event on an update instead of adding one."""
        domain = urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "localhost"
        return f"webinar-{self.translation_key}@{domain}"

    def translation_for(self, language_code):
        """This session's live page in `language_code`, or the event page."""
        translation = (
            WebinarPage.objects.live()
            .filter(translation_key=self.translation_key, locale__language_code=language_code)
            .first()
        )
        return translation or self.event

    # --- Places ---

    def confirmed_count(self):
        event = self.event
        return event.registrations.confirmed().count() if event.pk else 0  # 0 in a preview

    def waiting_count(self):
        event = self.event
        return event.registrations.waiting().count() if event.pk else 0

    def places_left(self):
        return timing.places_left(self.capacity, self.confirmed_count())

    def get_context(self, request, *args, **kwargs):
        from webinars.forms import RegistrationForm
        from webinars.views_chat import chat_context

        context = super().get_context(request, *args, **kwargs)
        event = self.event
        status = event.status()
        context.update(
            event=event,
            session_status=status,
            places_left=timing.places_left(event.capacity, event.confirmed_count()),
            registration_form=RegistrationForm(),
        )
        # The live room while the chat is open, the archived Q&A and rating once ended.
        context.update(chat_context(event, status, request))
        return context
