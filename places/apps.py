from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacesConfig(AppConfig):
    """Municipalities and distances: the places the micro-tools search around."""

    name = "places"
    verbose_name = _("Places")
