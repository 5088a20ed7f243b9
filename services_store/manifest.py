"""The plug-in contract: what a micro-service app declares about itself.

A micro-service is a Django app whose AppConfig carries a `manifest`::

    class TrainingFinderConfig(AppConfig):
        name = "training_finder"
        manifest = ServiceManifest(
            slug="training-finder",
            name=_("Training finder"),
            summary=_("Trainings ranked by how often they lead back to work."),
            category=Category.TRAINING,
            interaction=Interaction.INTERACTION,
            audiences=("jobseekers",),
            team=Team("Training team", intrapreneur="amelie", coach="jonas", it_lead="mei"),
            data_sources=("Training providers' catalogue", "Return-to-work survey"),
            personal_data=(),
            languages=("en", "fr"),
            urls="training_finder.urls",
            ranks_people_or_companies=True,
        )

The registry (services_store/registry.py) reads every installed app's manifest at
start-up and refuses to start on a bad one, naming the app and the field.
"""

import re
from dataclasses import dataclass, field, fields

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
AUDIENCES = ("jobseekers", "employers", "staff")


class Category(models.TextChoices):
    FINDING_WORK = "finding-work", _("Finding work")
    TRAINING = "training", _("Training and skills")
    BENEFITS = "benefits", _("Benefits and rights")
    EMPLOYERS = "employers", _("Hiring and employers")
    STAFF = "staff", _("Tools for staff")


class Interaction(models.TextChoices):
    """How far a service goes: informs, lets a person do something, or changes a file."""

    INFORMATION = "information", _("Information")
    INTERACTION = "interaction", _("Interaction")
    TRANSACTION = "transaction", _("Transaction")


@dataclass(frozen=True)
class Team:
    """The people behind a service, by user name (they are staff accounts)."""

    name: str
    intrapreneur: str
    coach: str
    it_lead: str


@dataclass(frozen=True)
class PersonalData:
    """One kind of personal data a service processes, why, and for how long."""

    what: str
    purpose: str
    retention_days: int


@dataclass(frozen=True)
class ServiceManifest:
    slug: str
    name: str
    summary: str
    category: str
    interaction: str
    audiences: tuple
    team: Team
    data_sources: tuple
    languages: tuple
    urls: str
    personal_data: tuple = ()
    ranks_people_or_companies: bool = False
    # Filled in by the registry: the app that declared the manifest.
    app_label: str = field(default="", compare=False)


class ManifestError(Exception):
    """A manifest that does not hold; `field` names the culprit."""

    def __init__(self, field_name, problem):
        super().__init__(f"{field_name}: {problem}")
        self.field = field_name
        self.problem = problem


def validate(manifest):
    """Raise ManifestError for the first field that does not hold."""
    if not isinstance(manifest, ServiceManifest):
        raise ManifestError("manifest", "must be a services_store.manifest.ServiceManifest")
    for check in _CHECKS:
        check(manifest)


def _slug(manifest):
    if not isinstance(manifest.slug, str) or not SLUG.match(manifest.slug):
        raise ManifestError("slug", "lower-case letters, digits and single hyphens only")


def _texts(manifest):
    for name in ("name", "summary"):
        value = getattr(manifest, name)
        if not str(value or "").strip():
            raise ManifestError(name, "must not be empty")
    if len(str(manifest.summary)) > 300:
        raise ManifestError("summary", "at most 300 characters")


def _choices(manifest):
    if manifest.category not in Category.values:
        raise ManifestError("category", f"one of {', '.join(Category.values)}")
    if manifest.interaction not in Interaction.values:
        raise ManifestError("interaction", f"one of {', '.join(Interaction.values)}")
    audiences = _tuple_of_str(manifest, "audiences")
    if not audiences or set(audiences) - set(AUDIENCES):
        raise ManifestError("audiences", f"one or more of {', '.join(AUDIENCES)}")


def _languages(manifest):
    known = {code for code, _name in settings.LANGUAGES}
    languages = _tuple_of_str(manifest, "languages")
    if not languages or set(languages) - known:
        raise ManifestError("languages", f"one or more of {', '.join(sorted(known))}")


def _team(manifest):
    team = manifest.team
    if not isinstance(team, Team):
        raise ManifestError("team", "must be a services_store.manifest.Team")
    for role in (f.name for f in fields(Team)):
        if not str(getattr(team, role) or "").strip():
            raise ManifestError(f"team.{role}", "must not be empty")


def _data(manifest):
    if not _tuple_of_str(manifest, "data_sources"):
        raise ManifestError("data_sources", "name at least one data source")
    if not isinstance(manifest.personal_data, tuple | list):
        raise ManifestError("personal_data", "a list of PersonalData (empty for none)")
    for number, item in enumerate(manifest.personal_data):
        if not isinstance(item, PersonalData):
            raise ManifestError(f"personal_data[{number}]", "must be a PersonalData")
        if not (item.what and item.purpose):
            raise ManifestError(f"personal_data[{number}]", "say what and why")
        if not isinstance(item.retention_days, int) or item.retention_days < 1:
            raise ManifestError(f"personal_data[{number}].retention_days", "a number of days")


def _urls(manifest):
    if not isinstance(manifest.urls, str) or not manifest.urls:
        raise ManifestError("urls", "the dotted path of the service's URLs module")
    if not isinstance(manifest.ranks_people_or_companies, bool):
        raise ManifestError("ranks_people_or_companies", "True or False")


def _tuple_of_str(manifest, name):
    value = getattr(manifest, name)
    if not isinstance(value, tuple | list) or not all(isinstance(v, str) for v in value):
        raise ManifestError(name, "a list of strings")
    return tuple(value)


_CHECKS = (_slug, _texts, _choices, _languages, _team, _data, _urls)
