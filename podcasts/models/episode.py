"""A podcast episode: audio, show notes, chapters, transcript and the people heard."""

import uuid
from functools import cache, cached_property

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import FileExtensionValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from content.blocks import RelatedToolBlock
from content.models import BasePage
from content.models.taxonomy import default_locale_only
from podcasts.audio import audio_max_bytes, inspect_audio
from podcasts.chapters import parse_chapter_lines
from podcasts.transcripts import parse_transcript, read_stored_transcript

_PLACEHOLDER_GUID = "00000000-0000-0000-0000-000000000000"


@cache
def _audio_path_template(extension):
    """URL reversing is slow for a feed of hundreds of episodes: reverse once, fill in."""
    return reverse("podcast_audio", kwargs={"guid": _PLACEHOLDER_GUID, "extension": extension})


@cache
def _chapters_path_template(language):
    return reverse("podcast_chapters", kwargs={"guid": _PLACEHOLDER_GUID, "language": language})


def audio_path_for(guid, extension):
    return _audio_path_template(extension).replace(_PLACEHOLDER_GUID, str(guid))


def chapters_path_for(guid, language):
    return _chapters_path_template(language).replace(_PLACEHOLDER_GUID, str(guid))


def role_group(role):
    """The Podcast Taxonomy group podcast:person expects with a role."""
    return {"producer": "creative direction"}.get(role, "cast")


class EpisodeType(models.TextChoices):
    FULL = "full", _("Full episode")
    TRAILER = "trailer", _("Trailer")
    BONUS = "bonus", _("Bonus")


class PersonRole(models.TextChoices):
    HOST = "host", _("Host")
    CO_HOST = "co-host", _("Co-host")
    GUEST = "guest", _("Guest")
    INTERVIEWER = "interviewer", _("Interviewer")
    PRODUCER = "producer", _("Producer")


class RelatedLinksBlock(blocks.StreamBlock):
    guidance = blocks.PageChooserBlock(
        page_type="content.GuidancePage",
        label=_("Related guidance"),
        icon="doc-full",
    )
    tool = RelatedToolBlock()


class EpisodeForm(WagtailAdminPageForm):
    """Checks what editors upload by reading it, fills in what the audio file says about
    itself, and proposes the show's next free slot as the go-live date."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        parent = getattr(self, "parent_page", None)
        is_new = self.instance.pk is None
        if is_new and parent is not None and "go_live_at" in self.fields:
            show = parent.specific
            if hasattr(show, "next_free_slot") and not self.initial.get("go_live_at"):
                self.initial["go_live_at"] = show.next_free_slot()
        self.audio_info = None

    def clean_audio_file(self):
        upload = self.cleaned_data.get("audio_file")
        if isinstance(upload, UploadedFile):
            self.audio_info = inspect_audio(upload, max_bytes=audio_max_bytes())
        return upload

    def clean_transcript_file(self):
        upload = self.cleaned_data.get("transcript_file")
        if isinstance(upload, UploadedFile):
            parse_transcript(upload, filename=upload.name)
            upload.seek(0)
        return upload

    def clean(self):
        cleaned = super().clean()
        duration = (
            self.audio_info.duration_seconds if self.audio_info else self.instance.duration_seconds
        )
        chapters = cleaned.get("chapters") or ""
        try:
            parse_chapter_lines(chapters, duration_seconds=duration or None)
        except ValidationError as error:
            self.add_error("chapters", error)
        if self._wants_to_publish() and not cleaned.get("transcript_file"):
            self.add_error(
                "transcript_file",
                _(
                    "Add a transcript before publishing: listeners who are deaf or hard of "
                    "hearing, and anyone who prefers to read, depend on it. You can save "
                    "this episode as a draft in the meantime."
                ),
            )
        return cleaned

    def _wants_to_publish(self):
        return any(
            action in self.data for action in ("action-publish", "action-submit")
        ) and not any(action in self.data for action in ("action-unpublish",))

    def save(self, commit=True):
        episode = super().save(commit=False)
        if self.audio_info is not None:
            episode.set_audio_details(self.audio_info)
        if commit:
            episode.save()
            self.save_m2m()
        return episode


class PodcastEpisodePage(BasePage):
    """One episode of a show. Its GUID is given once, at creation, and never changes: podcast
    apps use it to know an episode they have already downloaded, whatever else changes."""

    # --- Audio ---
    audio_file = models.FileField(
        _("audio file"),
        upload_to="podcasts/audio/%Y/",
        validators=[FileExtensionValidator(["mp3", "m4a"])],
        help_text=_("An MP3 or M4A (AAC) file. Length, size and type are read from the file."),
    )
    duration_seconds = models.PositiveIntegerField(_("duration (seconds)"), default=0)
    size_bytes = models.PositiveBigIntegerField(_("file size (bytes)"), default=0)
    mime_type = models.CharField(_("file type"), max_length=20, blank=True)

    # --- Numbering ---
    episode_number = models.PositiveIntegerField(_("episode number"), null=True, blank=True)
    season_number = models.PositiveIntegerField(_("season number"), null=True, blank=True)
    episode_type = models.CharField(
        _("episode type"), max_length=10, choices=EpisodeType.choices, default=EpisodeType.FULL
    )
    explicit = models.BooleanField(_("explicit content"), default=False)

    # --- Show notes, chapters, transcript ---
    show_notes = RichTextField(
        _("show notes"), features=["h3", "bold", "italic", "ol", "ul", "link"]
    )
    chapters = models.TextField(
        _("chapters"),
        blank=True,
        help_text=_('One chapter per line: the start time, then the title, e.g. "12:30 Your CV".'),
    )
    transcript_file = models.FileField(
        _("transcript"),
        upload_to="podcasts/transcripts/%Y/",
        blank=True,
        validators=[FileExtensionValidator(["vtt", "srt"])],
        help_text=_("A WebVTT (.vtt) or SubRip (.srt) file. Required before publishing."),
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

    guid = models.UUIDField(_("GUID"), default=uuid.uuid4, editable=False)

    base_form_class = EpisodeForm

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("audio_file"),
                FieldRowPanel(
                    [
                        FieldPanel("episode_number"),
                        FieldPanel("season_number"),
                        FieldPanel("episode_type"),
                    ]
                ),
                FieldPanel("explicit"),
            ],
            heading=_("Audio"),
        ),
        FieldPanel("show_notes"),
        FieldPanel("chapters"),
        FieldPanel("transcript_file"),
        InlinePanel("people", label=_("Hosts and guests")),
        FieldPanel("related_links"),
    ]
    promote_panels = [
        *BasePage.promote_panels,
        MultiFieldPanel(
            [
                FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
                FieldPanel("occupations", widget=forms.SelectMultiple(attrs={"size": 8})),
            ],
            heading=_("Topics and occupations"),
        ),
    ]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("show_notes"),
        index.SearchField("chapters"),
    ]

    override_translatable_fields = [
        *BasePage.override_translatable_fields,
        SynchronizedField("audio_file"),
        SynchronizedField("duration_seconds"),
        SynchronizedField("size_bytes"),
        SynchronizedField("mime_type"),
        SynchronizedField("episode_number"),
        SynchronizedField("season_number"),
        SynchronizedField("episode_type"),
        SynchronizedField("explicit"),
    ]

    parent_page_types = ["podcasts.PodcastShowPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("podcast episode")

    # --- Audio details ---

    def set_audio_details(self, info):
        self.duration_seconds = info.duration_seconds
        self.size_bytes = info.size_bytes
        self.mime_type = info.mime_type

    def set_audio(self, django_file):
        """Attach an audio file after checking it (what the admin form does on upload)."""
        self.set_audio_details(inspect_audio(django_file, max_bytes=audio_max_bytes()))
        self.audio_file.save(django_file.name, django_file, save=False)

    @property
    def audio_extension(self):
        return "m4a" if self.mime_type == "audio/mp4" else "mp3"

    @property
    def audio_path(self):
        """The counted, Range-capable address podcast apps download the audio from."""
        return self.audio_path_for(self.guid)

    def audio_path_for(self, guid):
        return audio_path_for(guid, self.audio_extension)

    @property
    def chapters_path(self):
        return chapters_path_for(self.guid, self.locale.language_code)

    # --- Chapters and transcript ---

    @cached_property
    def chapter_list(self):
        try:
            return parse_chapter_lines(self.chapters or "")
        except ValidationError:
            return []

    @cached_property
    def transcript(self):
        """The parsed transcript, or None when there is none or it cannot be read."""
        return read_stored_transcript(self.transcript_file)

    @property
    def transcript_mime_type(self):
        return self.transcript.mime_type if self.transcript else None

    @property
    def show(self):
        return self.get_parent().specific

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["show"] = self.show
        context["people"] = self.people.all()
        return context


class EpisodePerson(TranslatableMixin, Orderable):
    """A host or guest of an episode (podcast:person). Translatable so that a role
    description can be translated with the episode; the name stays as it is."""

    page = ParentalKey(PodcastEpisodePage, related_name="people", on_delete=models.CASCADE)
    name = models.CharField(_("name"), max_length=128)
    role = models.CharField(_("role"), max_length=20, choices=PersonRole.choices)
    organisation = models.CharField(_("organisation"), max_length=120, blank=True)
    link = models.URLField(_("link"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("role")]),
        FieldRowPanel([FieldPanel("organisation"), FieldPanel("link")]),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("person")

    def __str__(self):
        return self.name

    @property
    def role_group(self):
        return role_group(self.role)
