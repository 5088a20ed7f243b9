"""The registry of micro-services: the installed apps that declare a manifest.

Read once at start-up (`ServicesStoreConfig.ready`). A bad manifest stops the portal
with an error naming the app and the field, rather than a store page that breaks later.
"""

from importlib import import_module

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured

from services_store.manifest import ManifestError, ServiceManifest, validate

_manifests = {}


def manifest_of(app_config):
    """The manifest an app declares: `manifest` on its AppConfig, or MANIFEST in its
    `manifest` module; None for an app that is not a micro-service."""
    declared = getattr(app_config, "manifest", None)
    if declared is None:
        try:
            module = import_module(f"{app_config.name}.manifest")
        except ModuleNotFoundError as error:
            if error.name != f"{app_config.name}.manifest":
                raise
            return None
        declared = getattr(module, "MANIFEST", None)
    return declared


def checked(app_config, manifest):
    """The manifest, validated and tagged with its app; ImproperlyConfigured if bad."""
    try:
        validate(manifest)
        _check_urls(manifest)
    except ManifestError as error:
        raise ImproperlyConfigured(
            f"Micro-service app '{app_config.label}': manifest field '{error.field}': "
            f"{error.problem}."
        ) from None
    return ServiceManifest(**{**manifest.__dict__, "app_label": app_config.label})


def _check_urls(manifest):
    try:
        module = import_module(manifest.urls)
    except ImportError as error:
        raise ManifestError("urls", f"cannot import {manifest.urls!r} ({error})") from None
    if not isinstance(getattr(module, "urlpatterns", None), list | tuple):
        raise ManifestError("urls", f"{manifest.urls!r} has no urlpatterns")


def discover(app_configs=None):
    """Every micro-service's manifest, by slug. Raises ImproperlyConfigured."""
    found = {}
    for app_config in app_configs if app_configs is not None else apps.get_app_configs():
        declared = manifest_of(app_config)
        if declared is None:
            continue
        manifest = checked(app_config, declared)
        if manifest.slug in found:
            other = found[manifest.slug].app_label
            raise ImproperlyConfigured(
                f"Micro-service app '{app_config.label}': manifest field 'slug': "
                f"{manifest.slug!r} is already used by '{other}'."
            )
        found[manifest.slug] = manifest
    return found


def load():
    """Discover the installed micro-services (at start-up)."""
    _manifests.clear()
    _manifests.update(discover())


def manifests():
    """The installed micro-services' manifests, by slug."""
    return dict(_manifests)


def get(slug):
    return _manifests.get(slug)
