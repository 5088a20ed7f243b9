"""Every installed micro-service, under /<lang>/services/<slug>/, behind its lifecycle gate.

URL names are namespaced by the service's app label, e.g. `training_finder:search`. The
last pattern answers any other service address: the "closed" page of a retired service
(whose app may have been removed since), else 404. `service_home` reverses to any
service's first page.
"""

from importlib import import_module

from django.http import Http404
from django.urls import include, path

from services_store import registry
from services_store.access import closed, gated_patterns


def service_patterns():
    patterns = []
    for slug, manifest in sorted(registry.manifests().items()):
        module = import_module(manifest.urls)
        gated = gated_patterns(list(module.urlpatterns), slug)
        patterns.append(path(f"{slug}/", include((gated, manifest.app_label))))
    return patterns


def service_home(request, slug):
    """Reached only when no installed service answered the address."""
    from services_store.models import LifecycleState, Service

    service = Service.objects.filter(slug=slug, state=LifecycleState.RETIRED).first()
    if service is None:
        raise Http404
    return closed(request, service)


urlpatterns = [*service_patterns(), path("<slug:slug>/", service_home, name="service_home")]
