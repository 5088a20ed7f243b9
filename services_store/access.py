"""Who reaches a micro-service's pages: its lifecycle state decides (Service.is_open_to).

Each service's URL patterns are mounted under /<lang>/services/<slug>/ with every view
wrapped by `gate`, so a service cannot forget the check in one of its views.
"""

import functools

from django.http import Http404
from django.shortcuts import render
from django.urls import URLPattern, URLResolver

BETA_SESSION_KEY = "services_store_try_beta"


def tries_beta_services(request):
    """Whether this visitor chose to try services in beta (kept in their session)."""
    session = getattr(request, "session", None)
    return bool(session and session.get(BETA_SESSION_KEY))


def installed_services(request):
    """The store's records of the installed micro-services, by slug, read once per
    request: the gate and the links from one tool to another all need them."""
    found = getattr(request, "_installed_services", None)
    if found is None:
        from services_store import registry
        from services_store.models import Service

        slugs = list(registry.manifests())
        found = {service.slug: service for service in Service.objects.filter(slug__in=slugs)}
        request._installed_services = found
    return found


def app_is_open_to(request, app_label):
    """Whether the micro-service made by the app `app_label` is installed, shown in the
    store and open to this visitor, so that one tool never links another's address
    when it would answer "not found"."""
    from services_store import registry

    for slug, manifest in registry.manifests().items():
        if manifest.app_label == app_label:
            service = installed_services(request).get(slug)
            return bool(service and not service.hidden_for_review and service.is_open_to(request))
    return False


def gate(view, slug):
    @functools.wraps(view)
    def gated(request, *args, **kwargs):
        from services_store.models import LifecycleState
        from services_store.usage import count_visit, counts_as_visit

        service = installed_services(request).get(slug)
        if service is not None and service.state == LifecycleState.RETIRED:
            return closed(request, service)
        if service is None or not service.is_open_to(request):
            raise Http404
        request.microservice = service
        response = view(request, *args, **kwargs)
        if counts_as_visit(request, response):
            count_visit(service, request)
        return response

    return gated


def gated_patterns(patterns, slug):
    """The same URL patterns, every view behind `gate` (resolvers included)."""
    wrapped = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            wrapped.append(
                URLResolver(
                    pattern.pattern,
                    gated_patterns(pattern.url_patterns, slug),
                    pattern.default_kwargs,
                    pattern.app_name,
                    pattern.namespace,
                )
            )
        elif isinstance(pattern, URLPattern):
            wrapped.append(
                URLPattern(
                    pattern.pattern,
                    gate(pattern.callback, slug),
                    pattern.default_args,
                    pattern.name,
                )
            )
    return wrapped


def closed(request, service):
    """A retired service's address: what happened, and where to go instead (410 Gone,
    so search engines drop it, but people are not left at a dead end)."""
    alternatives = [
        other for other in service.alternatives.all() if other.state == "live" and other.manifest
    ]
    context = {"service": service, "alternatives": alternatives}
    return render(request, "services_store/closed.html", context, status=410)
