"""Establishments, their monthly hiring, which occupations each sector hires, and the
hiring potential worked out from them (hidden_vacancies/scoring.py).

Sector codes are ISIC Rev.4 / NACE Rev.2 (identical at section and division level): a
section letter (A–U) and a two-digit division, e.g. G / 47 "Retail trade".
"""

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from hidden_vacancies.sectors import SECTIONS
from portal.csv_import.models import ImportRunFields


class SizeBand(models.TextChoices):
    """Head-count bands, as business registers publish them."""

    MICRO = "micro", _("1 to 9 employees")
    SMALL = "small", _("10 to 49 employees")
    MEDIUM = "medium", _("50 to 249 employees")
    LARGE = "large", _("250 employees or more")


division_code = RegexValidator(r"^\d{2}$", _("Two digits, e.g. 47."))


class Establishment(models.Model):
    """One workplace of a company (a SIRET in France), where people are hired."""

    # --- Identity ---
    identifier = models.CharField(_("identifier"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=200)
    # --- Sector ---
    section = models.CharField(_("sector section"), max_length=1, choices=SECTIONS)
    division = models.CharField(_("sector division"), max_length=2, validators=[division_code])
    size_band = models.CharField(_("size"), max_length=6, choices=SizeBand.choices)
    # --- Place ---
    address = models.CharField(_("address"), max_length=250, blank=True)
    municipality = models.ForeignKey(
        "places.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    latitude = models.FloatField()
    longitude = models.FloatField()

    class Meta:
        verbose_name = _("establishment")
        verbose_name_plural = _("establishments")

    def __str__(self):
        return f"{self.name} ({self.identifier})"


class MonthlyHiring(models.Model):
    """People hired by one establishment in one month, by kind of contract. A month
    without a record is a month without hires."""

    establishment = models.ForeignKey(Establishment, on_delete=models.CASCADE, related_name="+")
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    permanent = models.PositiveIntegerField(_("permanent contracts"), default=0)
    fixed_term = models.PositiveIntegerField(_("fixed-term contracts"), default=0)
    temporary = models.PositiveIntegerField(_("temporary work and apprenticeships"), default=0)

    class Meta:
        verbose_name = _("monthly hiring")
        verbose_name_plural = _("monthly hiring")
        constraints = [
            models.UniqueConstraint(
                fields=["establishment", "month"], name="unique_hiring_establishment_month"
            )
        ]

    def __str__(self):
        return f"{self.establishment_id} {self.month:%Y-%m}"

    @property
    def total(self):
        return self.permanent + self.fixed_term + self.temporary


class OccupationSectorQuerySet(models.QuerySet):
    def for_occupation(self, occupation):
        return self.filter(occupation=occupation)


class OccupationSector(models.Model):
    """How much of a sector division's hiring goes to one occupation (ISCO-08 unit
    group): weight 0.3 means about three in ten of the division's hires are in it.
    Staff edit these in the admin (Snippets › Hiring by sector)."""

    occupation = models.ForeignKey(
        "content.Occupation",
        verbose_name=_("occupation"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    division = models.CharField(
        _("sector division"),
        max_length=2,
        validators=[division_code],
        help_text=_("ISIC Rev.4 / NACE division, two digits (e.g. 47 for retail trade)."),
    )
    weight = models.FloatField(
        _("weight"),
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text=_("Share of the division's hires in this occupation, from 0 to 1."),
    )

    objects = OccupationSectorQuerySet.as_manager()

    panels = [FieldPanel("occupation"), FieldPanel("division"), FieldPanel("weight")]

    class Meta:
        verbose_name = _("occupation in a sector")
        verbose_name_plural = _("occupations by sector")
        ordering = ["occupation__code", "division"]
        constraints = [
            models.UniqueConstraint(
                fields=["occupation", "division"], name="unique_occupation_division"
            )
        ]

    def __str__(self):
        return f"{self.occupation} ← {self.division} ({self.weight:.2f})"


class HiringForecast(models.Model):
    """The fitted model's output for one establishment: internal, never shown or exposed
    (people see the scores and stars of HiringPotential, and facts about the past)."""

    establishment = models.OneToOneField(
        Establishment, primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    level = models.FloatField(help_text="Smoothed, deseasonalised hires per month.")
    hires_last_24_months = models.PositiveIntegerField()
    hires_last_12_months = models.PositiveIntegerField()

    def __str__(self):
        return f"forecast for {self.establishment_id}"


class HiringPotential(models.Model):
    """An establishment's chance of hiring in one occupation in the next six months, as
    a score (0–100) and stars (1–5). Place, sector and size are copied from the
    establishment so a search reads one index (occupation, latitude, longitude)."""

    # No index of its own: the unique constraint and the search index start with it.
    occupation = models.ForeignKey(
        "content.Occupation", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    establishment = models.ForeignKey(Establishment, on_delete=models.CASCADE, related_name="+")
    score = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    stars = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    # What the explanation says: a fact about the past, not the prediction.
    similar_hires_last_12_months = models.PositiveIntegerField()
    hires_last_12_months = models.PositiveIntegerField()
    # --- Copied from the establishment, for the search ---
    latitude = models.FloatField()
    longitude = models.FloatField()
    section = models.CharField(max_length=1)
    size_band = models.CharField(max_length=6)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["occupation", "establishment"], name="unique_potential_occupation_place"
            )
        ]
        indexes = [
            models.Index(
                fields=["occupation", "latitude", "longitude"], name="potential_search_idx"
            )
        ]

    def __str__(self):
        return f"{self.establishment_id} × {self.occupation_id}: {self.stars}★"


class ImportRun(ImportRunFields):
    """One import of one file (portal/csv_import): how far it got, so an interrupted
    import of the same file resumes after its last committed batch."""

    class Kind(models.TextChoices):
        ESTABLISHMENTS = "establishments", _("establishments")
        HIRINGS = "hirings", _("monthly hiring")

    kind = models.CharField(max_length=20, choices=Kind.choices)

    class Meta(ImportRunFields.Meta):
        pass


class FitRun(models.Model):
    """One fit of the hiring-potential model; the search caches results per fit."""

    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    establishments = models.PositiveIntegerField(default=0)
    potentials = models.PositiveBigIntegerField(default=0)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self):
        return f"fit {self.pk} ({self.potentials} scores)"
