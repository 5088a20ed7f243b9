"""Site search: published, public pages in the visitor's language, optionally narrowed
to guidance on a topic or for an audience."""

import re

from django.core.paginator import EmptyPage, Paginator
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import mark_safe
from wagtail.models import Locale, Page

from content.models import GuidancePage

RESULTS_PER_PAGE = 10


def search_pages(query, page_number=1, locale=None, topic=None, audience=None):
    """Return a paginator page of results for `query` in `locale` (the active one by default).

    On PostgreSQL Wagtail's database backend uses full-text search; on SQLite, FTS5.
    A topic or audience (default-language term) limits results to guidance tagged with it.
    """
    locale = locale or Locale.get_active()
    pages = Page.objects.live().public().filter(locale=locale)
    if topic or audience:
        pages = pages.filter(pk__in=list(_guidance_ids(locale, topic, audience)))
    with translation.override(locale.language_code):
        results = pages.specific().search(query, operator="and")
    paginator = Paginator(results, RESULTS_PER_PAGE)
    try:
        return paginator.page(page_number)
    except EmptyPage:
        return paginator.page(paginator.num_pages)


def _guidance_ids(locale, topic, audience):
    guides = GuidancePage.objects.filter(locale=locale)
    if topic:
        guides = guides.filter(topics=topic)
    if audience:
        guides = guides.filter(audiences=audience)
    return guides.values_list("pk", flat=True)


def highlight(text, query):
    """`text`, escaped, with each word of `query` (2 letters or more: "CV") in <mark>."""
    words = sorted(set(re.findall(r"\w{2,}", query)), key=len, reverse=True)
    safe = escape(text)
    if not words:
        return mark_safe(safe)  # noqa: S308 - escaped above
    pattern = re.compile("|".join(re.escape(escape(w)) for w in words), re.IGNORECASE)
    return mark_safe(pattern.sub(lambda m: f"<mark>{m.group(0)}</mark>", safe))  # noqa: S308
