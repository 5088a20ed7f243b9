"""Every installed micro-service, under /<lang>/services/<slug>/, behind its lifecycle gate.

URL names are namespaced by the service's app label, e.g. `training_finder:search`.
"""

from importlib import import_module

from django.urls import include, path

from services_store import registry
from services_store.access import gated_patterns


def service_patterns():
    patterns = []
    for slug, manifest in sorted(registry.manifests().items()):
        module = import_module(manifest.urls)
        gated = gated_patterns(list(module.urlpatterns), slug)
        patterns.append(path(f"{slug}/", include((gated, manifest.app_label))))
    return patterns


urlpatterns = service_patterns()
