"""Site search: published, public pages in the visitor's language."""

from django.core.paginator import EmptyPage, Paginator
from wagtail.models import Locale, Page

RESULTS_PER_PAGE = 10


def search_pages(query, page_number=1, locale=None):
    """Return a paginator page of results for `query` in `locale` (the active one by default).

    On PostgreSQL Wagtail's database backend uses full-text search; on SQLite, FTS5.
    """
    locale = locale or Locale.get_active()
    results = (
        Page.objects.live().public().filter(locale=locale).specific().search(query, operator="and")
    )
    paginator = Paginator(results, RESULTS_PER_PAGE)
    try:
        return paginator.page(page_number)
    except EmptyPage:
        return paginator.page(paginator.num_pages)
