from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language, gettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from wagtail.models import Locale, Page

from content.forms import FeedbackForm, SearchForm
from content.listings import guides_tagged
from content.models import Audience, PageFeedback, Topic
from content.search import search_pages
from portal.ratelimit import hit

FEEDBACK_PER_HOUR = 10


def search(request):
    form = SearchForm(request.GET)
    results = None
    query = ""
    if form.is_valid():
        query = form.cleaned_data["q"] or ""
        if query:
            results = search_pages(
                query,
                form.cleaned_data["page"] or 1,
                topic=form.cleaned_data["topic"],
                audience=form.cleaned_data["audience"],
            )
    return render(
        request,
        "content/search.html",
        {"form": form, "query": query, "results": results},
        status=200,
    )


# No CSRF token: the form sits on pages that are cached for anonymous visitors, it acts
# on no account or session, and a per-client rate limit stops floods.
@csrf_exempt
@require_POST
def page_feedback(request, page_id):
    page = get_object_or_404(Page.objects.live().public(), pk=page_id)
    form = FeedbackForm(request.POST)
    if not hit("feedback", request, limit=FEEDBACK_PER_HOUR, window_seconds=3600):
        form.add_error(None, _too_many())
        return _feedback_form(request, page, form, status=429)
    if not form.is_valid():
        return _feedback_form(request, page, form, status=400)
    PageFeedback.objects.create(
        page=page,
        useful=form.cleaned_data["useful"],
        comment=form.cleaned_data["comment"],
        language=get_language(),
    )
    return redirect(f"{page.specific.url}?feedback=thanks#feedback")


def _too_many():
    return gettext("You have sent a lot of answers in a short time. Please try again later.")


def _feedback_form(request, page, form, status):
    return render(
        request, "content/feedback.html", {"feedback_page": page, "form": form}, status=status
    )


def term_listing(request, kind, slug):
    """All guides on a topic, or for an audience, e.g. /fr/topics/cv/."""
    model, field = {"topic": (Topic, "topics"), "audience": (Audience, "audiences")}[kind]
    term = get_object_or_404(model.objects.in_default_locale(), slug=slug)
    localized = term.localized
    context = {
        "kind": kind,
        "term_name": localized.name,
        "term_description": localized.description,
        "guides": guides_tagged(field, term, Locale.get_active()),
    }
    return render(request, "content/term_listing.html", context)
