"""Trainings from the providers' catalogue, their start dates, and what became of the
people who took them (the return-to-work follow-up survey).

Trainings are imported (`manage.py import_trainings`), never edited by hand: the
catalogue is the providers'. Each outcome keeps the Wilson lower bound of its 6-month
in-work share (training_finder/ranking.py), so the database can order by it.
"""

from django.db import models
from django.db.models import F, OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _

from places.geo import within
from portal.csv_import.models import ImportRunFields
from training_finder import ranking


class Mode(models.TextChoices):
    IN_PERSON = "in-person", _("In person")
    ONLINE = "online", _("Online")
    BLENDED = "blended", _("Blended (in person and online)")

    @property
    def needs_place(self):
        return self != Mode.ONLINE


class Funding(models.TextChoices):
    PUBLIC = "public", _("Public funding")
    EMPLOYER = "employer", _("Paid by an employer")
    PERSONAL_ACCOUNT = "personal-account", _("Personal training account")


class TrainingQuerySet(models.QuerySet):
    def online(self):
        return self.filter(mode=Mode.ONLINE)

    def held_near(self, municipality, radius_km):
        """Trainings held (in person or blended) within `radius_km` of a municipality,
        annotated with `distance_km`."""
        return within(
            self.exclude(mode=Mode.ONLINE).filter(municipality__isnull=False),
            municipality.latitude,
            municipality.longitude,
            radius_km,
            lat_field="municipality__latitude",
            lon_field="municipality__longitude",
        )

    def leading_to(self, occupation):
        return self.filter(occupations=occupation)

    def free(self):
        return self.filter(cost=0)

    def costing_at_most(self, amount):
        return self.filter(cost__lte=amount)

    def with_next_start(self, today):
        """Annotated with `next_start`: the first start date from `today` on (or None)."""
        upcoming = TrainingStart.objects.filter(training=OuterRef("pk"), starts_on__gte=today)
        return self.annotate(
            next_start=Subquery(upcoming.order_by("starts_on").values("starts_on")[:1])
        )

    def by_return_to_work(self):
        """Best-measured good results first: by the lower confidence bound, so that a
        small group's lucky result does not come before a large group's good one.
        Trainings without figures come last."""
        return self.order_by(F("outcome__rank_score").desc(nulls_last=True), "title", "pk")

    def by_distance(self):
        return self.order_by("distance_km", F("outcome__rank_score").desc(nulls_last=True), "pk")

    def by_next_start(self):
        return self.order_by(
            F("next_start").asc(nulls_last=True),
            F("outcome__rank_score").desc(nulls_last=True),
            "pk",
        )


class Training(models.Model):
    # --- Identity (from the provider's catalogue) ---
    identifier = models.CharField(_("identifier"), max_length=64, unique=True)
    title = models.CharField(_("title"), max_length=200)
    provider = models.CharField(_("provider"), max_length=200)
    url = models.URLField(_("provider's page"), max_length=500, blank=True)
    occupations = models.ManyToManyField(
        "content.Occupation", verbose_name=_("leads to"), related_name="trainings"
    )

    # --- Where and how ---
    mode = models.CharField(_("mode"), max_length=10, choices=Mode.choices)
    municipality = models.ForeignKey(
        "places.Municipality",
        verbose_name=_("place"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="trainings",
        help_text=_("Empty for trainings given online only."),
    )
    duration_hours = models.PositiveIntegerField(_("duration (hours)"))
    duration_weeks = models.PositiveSmallIntegerField(_("duration (weeks)"))

    # --- Cost ---
    cost = models.DecimalField(_("cost (euros)"), max_digits=8, decimal_places=2, default=0)
    funding = models.JSONField(_("funding options"), default=list, blank=True)

    objects = TrainingQuerySet.as_manager()

    class Meta:
        verbose_name = _("training")
        verbose_name_plural = _("trainings")
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(mode="online", municipality__isnull=True)
                | (~Q(mode="online") & Q(municipality__isnull=False)),
                name="training_place_unless_online",
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.provider})"

    @property
    def is_free(self):
        return self.cost == 0

    @property
    def is_online(self):
        return self.mode == Mode.ONLINE

    @property
    def known_outcome(self):
        """Its outcome, or None while nobody has been followed up."""
        try:
            return self.outcome
        except TrainingOutcome.DoesNotExist:
            return None

    def funding_labels(self):
        return [Funding(code).label for code in self.funding if code in Funding.values]


class TrainingStart(models.Model):
    """One date a training starts (a training may start several times a year)."""

    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="starts")
    starts_on = models.DateField(_("starts on"))

    class Meta:
        ordering = ["starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["training", "starts_on"], name="unique_training_start")
        ]

    def __str__(self):
        return f"{self.training_id} on {self.starts_on:%Y-%m-%d}"


class TrainingOutcome(models.Model):
    """Shares of the people who took a training who were in work 6 and 12 months after,
    and how many people that is about."""

    training = models.OneToOneField(
        Training, primary_key=True, on_delete=models.CASCADE, related_name="outcome"
    )
    trainees = models.PositiveIntegerField(_("trainees followed up"))
    in_work_6_months = models.FloatField(_("share in work after 6 months"))
    in_work_12_months = models.FloatField(_("share in work after 12 months"), null=True, blank=True)
    # Wilson lower bound of the 6-month share: what trainings are ranked by.
    rank_score = models.FloatField(db_index=True)

    class Meta:
        verbose_name = _("training outcome")
        verbose_name_plural = _("training outcomes")

    def __str__(self):
        return f"{self.training_id}: {self.in_work_6_months:.0%} of {self.trainees}"

    @property
    def is_uncertain(self):
        return ranking.is_uncertain(self.trainees)

    def six_months_in_words(self):
        return ranking.in_work_in_words(self.in_work_6_months, self.trainees, months=6)

    def twelve_months_in_words(self):
        if self.in_work_12_months is None:
            return ""
        return ranking.in_work_in_words(self.in_work_12_months, self.trainees, months=12)


class ImportKind(models.TextChoices):
    TRAININGS = "trainings", _("Trainings")
    OUTCOMES = "outcomes", _("Training outcomes")


class ImportRun(ImportRunFields):
    kind = models.CharField(max_length=10, choices=ImportKind.choices)

    class Meta(ImportRunFields.Meta):
        pass
