from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from services_store.manifest import Category, Interaction, ServiceManifest, Team


class TrainingFinderConfig(AppConfig):
    """Trainings ranked by how often they lead back to work."""

    name = "training_finder"
    verbose_name = _("Training finder")
    manifest = ServiceManifest(
        slug="training-finder",
        name=_("Training finder"),
        summary=_(
            "Trainings near you or online for the job you want, ranked by how often they "
            "led the people who took them back to work."
        ),
        category=Category.TRAINING,
        interaction=Interaction.INFORMATION,
        audiences=("jobseekers", "staff"),
        team=Team("Training finder team", intrapreneur="amelie", coach="jonas", it_lead="mei"),
        data_sources=(
            "Training providers' catalogue",
            "Return-to-work follow-up survey of former trainees",
            "ISCO-08 occupations (ILO)",
            "GeoNames: municipalities and their coordinates",
        ),
        # Visitors' searches are not stored; nothing personal is processed.
        personal_data=(),
        languages=("en", "fr", "sv", "et", "ar", "uk"),
        urls="training_finder.urls",
        # It ranks trainings, not people or companies.
        ranks_people_or_companies=False,
    )
