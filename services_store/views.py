"""The store's public views: "Was this useful?", "Suggest a service" and the beta
opt-in. Each is a plain form that works without JavaScript, is rate limited per
anonymous client (portal/ratelimit.py), and answers bad input with a message in the
visitor's language, the input kept."""

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language, gettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from portal.ratelimit import hit
from services_store.access import BETA_SESSION_KEY, tries_beta_services
from services_store.forms_public import BetaForm, SuggestionForm, UsefulnessForm
from services_store.models import (
    Service,
    ServiceDetailPage,
    ServiceStorePage,
    ServiceSuggestion,
)
from services_store.similarity import similar_services, similar_suggestions
from services_store.usage import record_usefulness

USEFUL_PER_HOUR = 20
SUGGESTION_POSTS_PER_HOUR = 10


def _too_many():
    return gettext("You have sent a lot of answers in a short time. Please try again later.")


def safe_next(request, target, default):
    """`target` if it is an address on this site, else `default`."""
    if (
        target
        and target.startswith("/")
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return target
    return default


def with_query(url, query, fragment=""):
    """`url` with `query` ("name=value") added to its query string, and `fragment`."""
    parts = urlsplit(url)
    joined = f"{parts.query}&{query}" if parts.query else query
    return urlunsplit((parts.scheme, parts.netloc, parts.path, joined, fragment))


def is_frontline_staff(user):
    """Signed in with a staff account: the portal's roles, or the admin's staff flag."""
    return bool(
        user.is_authenticated
        and user.is_active
        and (user.is_staff or user.has_perm("wagtailadmin.access_admin"))
    )


# --- Was this useful? ---


def _service_page_url(service):
    page = ServiceDetailPage.describing(service)
    return page.url if page is not None else reverse("service_home", args=[service.slug])


# No CSRF token: the form is also offered on micro-services' own pages, it acts on no
# account or session, and a per-client rate limit stops floods (as for page feedback).
@csrf_exempt
@require_http_methods(["GET", "POST"])
def usefulness(request, slug):
    service = Service.objects.in_store().filter(slug=slug).first()
    # Answers come from those who can use the service (a beta: its pilots and testers).
    if service is None or service.manifest is None or not service.is_open_to(request):
        raise Http404
    back = _service_page_url(service)
    if request.method == "GET":
        return _usefulness_form(request, service, UsefulnessForm(initial={"next": back}))
    form = UsefulnessForm(request.POST)
    if not hit("service_useful", request, limit=USEFUL_PER_HOUR, window_seconds=3600):
        form.add_error(None, _too_many())
        return _usefulness_form(request, service, form, status=429)
    if not form.is_valid():
        return _usefulness_form(request, service, form, status=400)
    record_usefulness(service, form.cleaned_data["useful"])
    target = safe_next(request, form.cleaned_data["next"], back)
    return redirect(with_query(target, "useful=thanks", "was-this-useful"))


def _usefulness_form(request, service, form, status=200):
    context = {"service": service, "form": form, "back": _service_page_url(service)}
    return render(request, "services_store/usefulness.html", context, status=status)


# --- Suggest a service ---


@require_http_methods(["GET", "POST"])
def suggest(request):
    """The form; on sending, similar services and open suggestions first, if there
    are any, with "my idea is different: send it"; then the suggestion is saved."""
    if request.method == "GET":
        return _suggestion_form(request, SuggestionForm())
    if "edit" in request.POST:
        return _suggestion_form(request, SuggestionForm(initial=request.POST.dict()))
    form = SuggestionForm(request.POST)
    if not hit("service_suggest", request, limit=SUGGESTION_POSTS_PER_HOUR, window_seconds=3600):
        form.add_error(None, _too_many())
        return _suggestion_form(request, form, status=429)
    if not form.is_valid():
        return _suggestion_form(request, form, status=400)
    if "send" not in request.POST:
        services = similar_services(form.text())
        suggestions = similar_suggestions(form.text())
        if services or suggestions:
            return _similar_ideas(request, form, services, suggestions)
    ServiceSuggestion.objects.create(
        title=form.cleaned_data["title"],
        need=form.cleaned_data["need"],
        email=form.cleaned_data["email"],
        language=get_language(),
        from_staff=is_frontline_staff(request.user),
    )
    return redirect("service_suggestion_sent")


def _suggestion_form(request, form, status=200):
    context = {"form": form, "from_staff": is_frontline_staff(request.user)}
    return render(request, "services_store/suggest.html", context, status=status)


def _similar_ideas(request, form, services, suggestions):
    context = {
        "form": form,
        "services": [(service, _service_page_url(service)) for service in services],
        "suggestions": suggestions,
    }
    return render(request, "services_store/suggest_similar.html", context)


def suggestion_sent(request):
    return render(request, "services_store/suggestion_sent.html", {"store_url": _store_url()})


def _store_url():
    """The catalogue in the visitor's language, else in the default one, else None."""
    stores = ServiceStorePage.objects.live().public().select_related("locale")
    by_language = {store.locale.language_code: store for store in stores}
    store = by_language.get(get_language()) or by_language.get(settings.LANGUAGE_CODE)
    return store.url if store is not None else None


# --- Trying services in beta ---


@require_http_methods(["GET", "POST"])
def beta_services(request):
    """Turn "try services in beta" on or off for this browser (its session)."""
    if request.method == "GET":
        form = BetaForm(initial={"next": safe_next(request, request.GET.get("next"), "")})
        return _beta_page(request, form)
    form = BetaForm(request.POST)
    if not form.is_valid():
        return _beta_page(request, form, status=400)
    if form.cleaned_data["try_beta"]:
        request.session[BETA_SESSION_KEY] = True
    else:
        request.session.pop(BETA_SESSION_KEY, None)
    target = safe_next(request, form.cleaned_data["next"], reverse("service_beta"))
    state = "on" if form.cleaned_data["try_beta"] else "off"
    return redirect(with_query(target, f"beta={state}"))


def _beta_page(request, form, status=200):
    context = {
        "form": form,
        "trying_beta": tries_beta_services(request),
        "saved": request.GET.get("beta") if request.method == "GET" else None,
        "session_days": settings.SESSION_COOKIE_AGE // 86400,
        "next": form["next"].value() or "",
    }
    return render(request, "services_store/beta.html", context, status=status)
