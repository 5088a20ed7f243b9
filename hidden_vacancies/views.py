"""The finder's page: the search form, and under it the results (works without
JavaScript; a small script adds suggestions while typing)."""

from urllib.parse import urlencode

from django.core.cache import cache
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from content.page_cache import remember
from hidden_vacancies import search
from hidden_vacancies.explanations import (
    chance,
    explanation,
    sector_label,
    size_label,
    stars_label,
)
from hidden_vacancies.forms import SearchForm
from hidden_vacancies.occupations import (
    has_hiring_data,
    occupations_with_data,
    related_with_data,
)
from services_store.access import app_is_open_to

GUIDE_SLUG = "the-hidden-job-market"
OPTIONS_CACHE_KEY = "hidden_vacancies:occupation_options"
TRAINING_FINDER_APP = "training_finder"


def search_page(request):
    form = SearchForm(request.GET or None)
    context = {"form": form, "service": request.microservice, "selected": _selected(form)}
    if form.is_bound and form.is_valid():
        context.update(_results(request, form))
    context["occupation_options"] = _occupation_options()
    context["guide_url"] = spontaneous_application_guide_url(request)
    return render(request, "hidden_vacancies/search.html", context)


def _selected(form):
    """The filters' chosen values, as the page's plain <select> elements show them
    (Django's widget templates cost more than the rest of the page)."""
    data = form.data if form.is_bound else {}
    return {name: data.get(name, "") for name in ("size", "sector", "order")}


def _results(request, form):
    occupation, municipality = form.cleaned_data["occupation"], form.cleaned_data["place"]
    query = form.query()
    links = {
        "occupation": occupation,
        "municipality": municipality,
        "other_places": form.other_places,
        "query": query,
        "training_url": (
            training_finder_url(occupation, municipality, query.radius_km)
            if app_is_open_to(request, TRAINING_FINDER_APP)
            else ""
        ),
    }
    if not has_hiring_data(occupation):
        return {**links, "no_data": True, "related": related_with_data(occupation)}
    day = timezone.localdate()
    page = search.search(query, day)
    return {
        **links,
        "page": page,
        "results": LazyResults(page),
        "cache_key": f"{search.latest_fit_id()}:{day}:{get_language()}:{search.query_key(query)}",
    }


class LazyResults:
    """The result cards, worked out only when the template renders them (not when it
    finds them in its fragment cache)."""

    def __init__(self, page):
        self.page = page

    def __bool__(self):
        return bool(self.page.results)

    def __iter__(self):
        return (describe(result) for result in self.page.results)


def describe(result):
    """What a result card shows, worked out once."""
    return {
        "result": result,
        "stars": "★" * result.stars + "☆" * (5 - result.stars),
        "stars_label": stars_label(result.stars),
        "chance": chance(result.stars),
        "explanation": explanation(result),
        "distance": _("%(km)s km") % {"km": number_format(round(result.distance_km, 1), 1)},
        "size": size_label(result.size_band),
        "sector": sector_label(result.section),
    }


def search_url(occupation, municipality, radius):
    """This finder's results for an occupation around a place (the training finder
    links here the same way)."""
    params = {"occupation": occupation.code, "place": municipality.pk, "radius": radius}
    return f"{reverse('hidden_vacancies:search')}?{urlencode(params)}"


def training_finder_url(occupation, municipality, radius):
    """The training finder for the same occupation and place, once it is installed."""
    try:
        base = reverse(f"{TRAINING_FINDER_APP}:search")
    except NoReverseMatch:
        return ""
    params = {"occupation": occupation.code, "place": municipality.pk, "radius": radius}
    return f"{base}?{urlencode(params)}"


def spontaneous_application_guide_url(request):
    """The guide to spontaneous applications in the visitor's language (kept until the
    next publish), or a site search for it when there is no such guide."""

    def find():
        from content.models import GuidancePage
        from portal.templatetags.portal_tags import url_in_current_language

        guide = GuidancePage.objects.live().public().filter(slug=GUIDE_SLUG).first()
        if guide is not None:
            return url_in_current_language({"request": request}, guide)
        return f"{reverse('search')}?{urlencode({'q': _('spontaneous application')})}"

    return remember(f"hidden_vacancies:guide:{get_language()}", find)


def _occupation_options():
    """The plain list under the occupation field: the occupations we have data for
    (kept five minutes: staff may change the mapping)."""
    options = cache.get(OPTIONS_CACHE_KEY)
    if options is None:
        options = list(occupations_with_data().values_list("code", "title"))
        cache.set(OPTIONS_CACHE_KEY, options, 300)
    return options
