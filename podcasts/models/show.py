"""A podcast show: the page listeners land on, and the channel of its feed."""

import datetime
import uuid
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page, Revision
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from content.models import BasePage
from content.models.taxonomy import default_locale_only
from podcasts.artwork import validate_artwork
from podcasts.feed import PODCAST_GUID_NAMESPACE, apple_category_choices

COMING_SLOTS_SHOWN = 8


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class ShowType(models.TextChoices):
    EPISODIC = "episodic", _("Episodic: newest first, episodes stand alone")
    SERIAL = "serial", _("Serial: oldest first, listen in order")


@dataclass(frozen=True)
class Slot:
    """One publishing slot of a show and what fills it."""

    starts_at: datetime.datetime
    episode: Page | None = None
    scheduled: bool = False  # approved to go live (or live), not just a draft

    @property
    def status(self):
        if self.episode is None:
            return "empty"
        return "scheduled" if self.scheduled else "draft"


def validate_artwork_image(image):
    """Wagtail images are uploaded once and chosen later: check the chosen file."""
    with image.open_file() as handle:
        validate_artwork(handle)


class PodcastShowPage(BasePage):
    """A podcast, e.g. "Work Matters" for jobseekers: its episodes are its children, and it
    publishes an RSS feed per language that podcast apps subscribe to."""

    # --- About the show ---
    description = RichTextField(
        _("description"),
        features=["bold", "italic", "link"],
        help_text=_("What the show is about and who it is for. Podcast apps show this."),
    )
    artwork = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("artwork"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("A square JPEG or PNG between 1400 × 1400 and 3000 × 3000 pixels, in RGB."),
    )
    apple_category = models.CharField(
        _("category"),
        max_length=80,
        choices=apple_category_choices(),
        default="Business › Careers",
        help_text=_("Apple Podcasts' category, which most podcast apps use too."),
    )
    audience = models.ForeignKey(
        "content.Audience",
        verbose_name=_("audience"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to=default_locale_only,
    )
    explicit = models.BooleanField(
        _("explicit content"), default=False, help_text=_("Strong language or adult themes.")
    )
    show_type = models.CharField(
        _("show type"), max_length=10, choices=ShowType.choices, default=ShowType.EPISODIC
    )

    # --- People and rights ---
    author = models.CharField(
        _("author"), max_length=120, help_text=_("Shown as the show's maker in podcast apps.")
    )
    owner_name = models.CharField(_("owner name"), max_length=120)
    owner_email = models.EmailField(
        _("owner e-mail"),
        help_text=_("A team address. Podcast directories use it to confirm ownership."),
    )
    copyright = models.CharField(
        _("copyright or licence"), max_length=200, blank=True, help_text=_("E.g. CC BY 4.0.")
    )

    # --- Publishing slot ---
    publishing_weekday = models.PositiveSmallIntegerField(
        _("publishing day"), choices=Weekday.choices, default=Weekday.MONDAY
    )
    publishing_time = models.TimeField(
        _("publishing time"),
        default=datetime.time(6, 0),
        help_text=_("In the portal's time zone. New episodes are scheduled for the next slot."),
    )

    # A permanent key for the feed address and the show's podcast:guid: the address must
    # not change when the slug or title does, or subscribers would be lost.
    feed_key = models.UUIDField(default=uuid.uuid4, editable=False)

    content_panels = [
        *Page.content_panels,
        FieldPanel("description"),
        FieldPanel("artwork"),
        MultiFieldPanel(
            [
                FieldPanel("apple_category"),
                FieldPanel("audience"),
                FieldRowPanel([FieldPanel("explicit"), FieldPanel("show_type")]),
            ],
            heading=_("Category"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("author"),
                FieldRowPanel([FieldPanel("owner_name"), FieldPanel("owner_email")]),
                FieldPanel("copyright"),
            ],
            heading=_("People and rights"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("publishing_weekday"), FieldPanel("publishing_time")])],
            heading=_("Weekly publishing slot"),
        ),
    ]

    search_fields = [*BasePage.search_fields, index.SearchField("description")]

    override_translatable_fields = [
        *BasePage.override_translatable_fields,
        SynchronizedField("artwork"),
        SynchronizedField("owner_email"),
        SynchronizedField("publishing_weekday"),
        SynchronizedField("publishing_time"),
    ]

    parent_page_types = ["content.HomePage", "content.InformationPage"]
    subpage_types = ["podcasts.PodcastEpisodePage"]

    class Meta:
        verbose_name = _("podcast show")

    def clean(self):
        super().clean()
        if self.artwork_id:
            try:
                validate_artwork_image(self.artwork)
            except ValidationError as error:
                raise ValidationError({"artwork": error.messages}) from error
            except OSError as error:
                raise ValidationError(
                    {"artwork": _("The artwork file could not be read. Please upload it again.")}
                ) from error

    # --- Feed ---

    @property
    def feed_path(self):
        return reverse(
            "podcast_feed",
            kwargs={"feed_key": self.feed_key, "language": self.locale.language_code},
        )

    @property
    def podcast_guid(self):
        """podcast:guid, one per language feed, derived from the permanent key (never from
        the address, which may move)."""
        return str(
            uuid.uuid5(PODCAST_GUID_NAMESPACE, f"{self.feed_key}/{self.locale.language_code}")
        )

    def episodes(self):
        from podcasts.models.episode import PodcastEpisodePage

        return PodcastEpisodePage.objects.child_of(self)

    def published_episodes(self):
        return self.episodes().live().public().order_by("-first_published_at")

    # --- Weekly slots ---

    def slot_on(self, day):
        """The publishing slot on `day` (a date), as an aware datetime."""
        naive = datetime.datetime.combine(day, self.publishing_time)
        return timezone.make_aware(naive, timezone.get_current_timezone())

    def slots_after(self, moment, count):
        """The next `count` slots strictly after `moment`."""
        today = timezone.localtime(moment).date()
        days_ahead = (self.publishing_weekday - today.weekday()) % 7
        first = self.slot_on(today + datetime.timedelta(days=days_ahead))
        if first <= moment:
            first = self.slot_on(first.date() + datetime.timedelta(days=7))
        return [self.slot_on(first.date() + datetime.timedelta(weeks=n)) for n in range(count)]

    def episodes_by_slot_day(self):
        """{date: (episode, scheduled)} of episodes that fill a slot: live, approved to go
        live, or drafts already given a go-live date."""
        approved = self._approved_go_live_times()
        filled = {}
        for episode in self.episodes().only("title", "live", "go_live_at", "first_published_at"):
            moment = approved.get(episode.pk) or episode.go_live_at or episode.first_published_at
            if moment is None:
                continue
            day = timezone.localtime(moment).date()
            scheduled = episode.live or episode.pk in approved
            if day not in filled or scheduled:
                filled[day] = (episode, scheduled)
        return filled

    def _approved_go_live_times(self):
        revisions = Revision.page_revisions.filter(
            approved_go_live_at__isnull=False,
            object_id__in=[str(pk) for pk in self.episodes().values_list("pk", flat=True)],
        )
        return {int(r.object_id): r.approved_go_live_at for r in revisions}

    def coming_slots(self, now=None, count=COMING_SLOTS_SHOWN):
        filled = self.episodes_by_slot_day()
        slots = []
        for starts_at in self.slots_after(now or timezone.now(), count):
            episode, scheduled = filled.get(starts_at.date(), (None, False))
            slots.append(Slot(starts_at, episode, scheduled))
        return slots

    def next_free_slot(self, now=None):
        """Where a new episode goes by default: the first coming slot nobody has taken."""
        filled = self.episodes_by_slot_day()
        moment = now or timezone.now()
        while True:
            candidates = self.slots_after(moment, 52)
            for starts_at in candidates:
                if starts_at.date() not in filled:
                    return starts_at
            moment = candidates[-1]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["episodes"] = self.published_episodes()
        context["coming_slots"] = self.coming_slots()
        return context


class MissedSlotWarning(models.Model):
    """A record that Publishers were warned about an empty slot, so they are warned once
    per missed week, never again for the same slot."""

    show = models.ForeignKey(PodcastShowPage, on_delete=models.CASCADE, related_name="+")
    slot_date = models.DateField()
    warned_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["show", "slot_date"], name="one_warning_per_slot")
        ]

    def __str__(self):
        return f"{self.show} {self.slot_date}"
