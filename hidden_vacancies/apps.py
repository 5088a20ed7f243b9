"""The hidden-vacancy finder: companies likely to hire for an occupation near you, from
their hiring history. A micro-service of the store (services_store/manifest.py):
mounted under /<lang>/services/hidden-vacancies/ and opened by its lifecycle state."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from services_store.manifest import Category, Interaction, ServiceManifest, Team


class HiddenVacanciesConfig(AppConfig):
    """Companies likely to hire for an occupation near you, from their hiring history."""

    name = "hidden_vacancies"
    verbose_name = _("Hidden-vacancy finder")
    manifest = ServiceManifest(
        slug="hidden-vacancies",
        name=_("Hidden-vacancy finder"),
        summary=_(
            "Companies near you that are likely to hire in your occupation, even without "
            "an advert, ranked by their hiring in the last two years."
        ),
        category=Category.FINDING_WORK,
        interaction=Interaction.INFORMATION,
        audiences=("jobseekers", "staff"),
        team=Team("Hidden jobs team", intrapreneur="amelie", coach="jonas", it_lead="mei"),
        data_sources=(
            "Business register: establishments, their sector and size",
            "Hiring declarations: people hired each month, by kind of contract",
            "ISCO-08 occupations (ILO) and the occupations hired by each sector",
            "GeoNames: municipalities and their coordinates",
        ),
        personal_data=(),
        languages=("en", "fr", "sv", "et", "ar", "uk"),
        urls="hidden_vacancies.urls",
        ranks_people_or_companies=True,
    )
