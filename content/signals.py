"""What clears the anonymous page cache: anything that can change what a page shows."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from content import page_cache
from content.models import Audience, FAQSnippet, Topic
from portal.models import CounsellorContact

# Snippets pages show, and the sites (a page's home link depends on its site's root).
SNIPPETS_SHOWN_ON_PAGES = [CounsellorContact, FAQSnippet, Topic, Audience, Site]


def connect_page_cache_invalidation():
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(page_cache.clear_all, dispatch_uid=f"pagecache-{id(signal)}")
    post_delete.connect(_page_deleted, dispatch_uid="pagecache-page-deleted")
    for model in SNIPPETS_SHOWN_ON_PAGES:
        for signal in (post_save, post_delete):
            signal.connect(
                page_cache.clear_all,
                sender=model,
                dispatch_uid=f"pagecache-{model.__name__}-{id(signal)}",
            )


def _page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        page_cache.clear_all()
