"""The training finder's pages: one search page (form and results, no JavaScript
needed) and the suggestions a small script offers while typing."""

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone

from places.models import Municipality
from portal import ratelimit
from training_finder.forms import TrainingSearchForm, is_search
from training_finder.links import vacancies_for, vacancy_finder_address
from training_finder.occupations import matching_occupations
from training_finder.ranking import FEW_TRAINEES
from training_finder.search import PER_PAGE, find_trainings, online_alternatives

SUGGESTIONS = 10
SUGGESTIONS_PER_MINUTE = 120


def search(request):
    if not is_search(request.GET):
        return _page(request, TrainingSearchForm())
    form = TrainingSearchForm(request.GET)
    if not form.is_valid():
        return _page(request, form, status=400)
    if form.needs_choice:
        return _page(request, form)
    criteria = form.criteria()
    today = timezone.localdate()
    trainings = Paginator(find_trainings(criteria, today), PER_PAGE).get_page(
        request.GET.get("page")
    )
    address = vacancy_finder_address(request)
    for training in trainings:
        training.vacancies = vacancies_for(address, training, criteria)
    context = {
        "criteria": criteria,
        "trainings": trainings,
        "online_count": online_alternatives(criteria),
        "few_trainees": FEW_TRAINEES,
    }
    return _page(request, form, **context)


def _page(request, form, status=200, **context):
    context = {"form": form, "service": request.microservice, **context}
    return render(request, "training_finder/search.html", context, status=status)


def suggest_occupations(request):
    """Up to 10 occupations matching `q`, for the search form's list of suggestions."""
    if not ratelimit.hit("training-finder-suggest", request, SUGGESTIONS_PER_MINUTE, 60):
        return JsonResponse({"error": "too many requests"}, status=429)
    text = request.GET.get("q", "")[:120]
    found = matching_occupations(text, limit=SUGGESTIONS)
    return JsonResponse({"results": [{"code": o.code, "title": o.title} for o in found]})


def suggest_places(request):
    """Up to 10 municipalities whose name starts with `q`, biggest first."""
    if not ratelimit.hit("training-finder-suggest", request, SUGGESTIONS_PER_MINUTE, 60):
        return JsonResponse({"error": "too many requests"}, status=429)
    found = Municipality.objects.matching(request.GET.get("q", "")[:100])[:SUGGESTIONS]
    return JsonResponse({"results": [{"id": m.geonameid, "name": m.name} for m in found]})
