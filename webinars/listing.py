"""The webinar calendar: coming sessions and past ones, filtered, with subjects named in
the visitor's language in a few queries however many there are."""

from collections import defaultdict
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.utils import timezone
from wagtail.models import Page

from portal.locales import active_locale
from webinars import timing
from webinars.forms import WebinarFilterForm
from webinars.models import Subject

UPCOMING_SHOWN = 50
PAST_PER_PAGE = 12


@dataclass(frozen=True)
class CalendarEntry:
    page: Page
    status: str
    full: bool

    @property
    def is_live(self):
        return self.status == timing.LIVE


def localized_names(terms):
    """{pk: name in the visitor's language} for default-language terms."""
    terms = list(terms)
    if not terms:
        return {}
    model = type(terms[0])
    translated = dict(
        model.objects.filter(
            locale=active_locale(), translation_key__in=[term.translation_key for term in terms]
        ).values_list("translation_key", "name")
    )
    return {term.pk: translated.get(term.translation_key, term.name) for term in terms}


def subject_choices(subjects):
    """[(category name, [(slug, subject name), …]), …], both sorted by name, for a
    <select> with one <optgroup> per category."""
    subjects = list(subjects.select_related("category"))
    names = localized_names(subjects)
    category_names = localized_names({subject.category for subject in subjects})
    groups = defaultdict(list)
    for subject in subjects:
        groups[subject.category_id].append((subject.slug, names[subject.pk]))
    return sorted(
        (
            (category_names[category_id], sorted(items, key=lambda item: item[1].casefold()))
            for category_id, items in groups.items()
        ),
        key=lambda group: group[0].casefold(),
    )


def filtered(webinars, form):
    """Apply the filters that are valid; an invalid one is reported and ignored."""
    form.is_valid()
    data = form.cleaned_data
    if data.get("subject"):
        webinars = webinars.filter(subject__slug=data["subject"])
    if data.get("audience"):
        webinars = webinars.filter(audiences=data["audience"])
    if data.get("language"):
        webinars = webinars.filter(session_language=data["language"])
    return webinars


def entries(pages, now):
    return [
        CalendarEntry(
            page=page,
            status=timing.session_status(page.starts_at, page.ends_at, now),
            full=not timing.has_place(page.capacity, page.confirmed_count),
        )
        for page in pages
    ]


def calendar_context(index, request, now=None):
    now = now or timezone.now()
    webinars = index.webinars(request.user)
    subjects = Subject.objects.filter(pk__in=webinars.values("subject_id"))
    form = WebinarFilterForm(request.GET, subject_choices=subject_choices(subjects))
    chosen = filtered(webinars, form).with_confirmed_counts().select_related("locale")
    upcoming = entries(chosen.upcoming(now)[:UPCOMING_SHOWN], now)
    past = Paginator(chosen.past(now), PAST_PER_PAGE).get_page(form.cleaned_data.get("page"))
    past.object_list = entries(past.object_list, now)
    return {"filter_form": form, "upcoming": upcoming, "past": past}
