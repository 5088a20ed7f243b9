"""Registering for a webinar, and the registrant's own page (see, add to a calendar,
cancel, download or erase their data) reached by a signed link without an account."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language, gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from portal.ratelimit import hit
from webinars import privacy, timing
from webinars import registration as rules
from webinars.forms import RegistrationForm
from webinars.ics import build_invite
from webinars.models import Registration, WebinarPage

REGISTRATIONS_PER_HOUR = 20


def _visible_webinar(request, page_id):
    webinar = get_object_or_404(WebinarPage.objects.live(), pk=page_id)
    if not webinar.is_visible_to(request.user):
        raise Http404
    return webinar


@require_http_methods(["GET", "POST"])
def register(request, page_id):
    webinar = _visible_webinar(request, page_id)
    if request.method == "GET":
        return _form(request, webinar, RegistrationForm())
    form = RegistrationForm(request.POST)
    if not hit("webinar-register", request, REGISTRATIONS_PER_HOUR, window_seconds=3600):
        form.add_error(None, gettext("You have sent many registrations. Please try later."))
        return _form(request, webinar, form, status=429)
    if not form.is_valid():
        return _form(request, webinar, form, status=400)
    try:
        registration = rules.register(
            webinar,
            display_name=form.cleaned_data["display_name"],
            email=form.cleaned_data["email"],
            keep_informed=form.cleaned_data["keep_informed"],
            language=get_language(),
        )
    except rules.RegistrationClosed:
        form.add_error(None, gettext("This webinar has ended: registration is closed."))
        return _form(request, webinar, form, status=400)
    except rules.AlreadyRegistered as duplicate:
        rules.send_link_again(duplicate.registration)
        return _form(request, webinar, form, status=409, already_registered=True)
    rules.remember_in_session(request.session, registration)
    return redirect(rules.registration_path(registration))


def _form(request, webinar, form, status=200, already_registered=False):
    context = {
        "webinar": webinar,
        "event": webinar.event,
        "form": form,
        "already_registered": already_registered,
        "session_status": webinar.event.status(),
        "places_left": webinar.places_left(),
    }
    return render(request, "webinars/register.html", context, status=status)


def _registration_or_error_page(request, token):
    """(registration, None), or (None, a clear error page)."""
    try:
        registration = rules.registration_for_token(token)
    except rules.InvalidToken:
        return None, render(request, "webinars/bad_link.html", status=400)
    if registration is None:
        return None, render(request, "webinars/registration_gone.html", status=404)
    return registration, None


def registration_detail(request, token):
    registration, error_page = _registration_or_error_page(request, token)
    if error_page:
        return error_page
    rules.remember_in_session(request.session, registration)
    event = registration.webinar
    status = event.status()
    context = {
        "registration": registration,
        "webinar": event.translation_for(get_language()),
        "event": event,
        "session_status": status,
        "position": registration.waiting_position(),
        "can_join": registration.is_confirmed and status in (timing.STARTING, timing.LIVE),
        "token": token,
    }
    return render(request, "webinars/registration.html", context)


@require_http_methods(["GET", "POST"])
def cancel(request, token):
    registration, error_page = _registration_or_error_page(request, token)
    if error_page:
        return error_page
    webinar = registration.webinar.translation_for(get_language())
    if request.method == "POST":
        rules.cancel(registration)
        return render(request, "webinars/cancelled.html", {"webinar": webinar})
    context = {"registration": registration, "webinar": webinar, "token": token}
    return render(request, "webinars/cancel.html", context)


def invite(request, token):
    registration, error_page = _registration_or_error_page(request, token)
    if error_page:
        return error_page
    if not registration.is_confirmed:
        raise Http404
    content = build_invite(
        registration.webinar, get_language(), link=rules.registration_url(registration)
    )
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="webinar.ics"'
    return response


@never_cache
@require_GET
def my_data(request, token):
    """Everything kept about the registrant, as a JSON file."""
    registration, error_page = _registration_or_error_page(request, token)
    if error_page:
        return error_page
    content = privacy.export_json(Registration.objects.filter(pk=registration.pk))
    response = HttpResponse(content, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="my-webinar-data.json"'
    response["X-Robots-Tag"] = "noindex"
    return response


@require_http_methods(["GET", "POST"])
def erase_my_data(request, token):
    """Asks first (a GET never changes anything, as mail scanners open links)."""
    registration, error_page = _registration_or_error_page(request, token)
    if error_page:
        return error_page
    webinar = registration.webinar.translation_for(get_language())
    if request.method == "POST":
        privacy.erase_person(Registration.objects.filter(pk=registration.pk))
        return render(request, "webinars/privacy/erased.html", {"webinar": webinar})
    context = {
        "registration": registration,
        "webinar": webinar,
        "session_status": registration.webinar.status(),
        "token": token,
    }
    return render(request, "webinars/privacy/erase.html", context)
