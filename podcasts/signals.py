"""What makes a feed stale: its show or one of its episodes changing on the live site."""

from django.db.models.signals import post_delete
from wagtail.signals import page_published, page_unpublished, post_page_move

from podcasts import feeds


def show_of(page):
    """The show whose feed `page` appears in, or None. Safe while a whole branch is being
    deleted (the show may be gone already: then its own deletion clears its feed)."""
    from podcasts.models import PodcastShowPage

    if isinstance(page, PodcastShowPage):
        return page
    if page.depth is None or page.depth <= 1:
        return None
    parent_path = page.path[: -page.steplen]
    return PodcastShowPage.objects.filter(path=parent_path).first()


def forget_feed(sender, instance, **kwargs):
    show = show_of(instance)
    if show is not None:
        feeds.forget(show)


def forget_feeds_after_move(sender, instance, parent_page_before=None, **kwargs):
    forget_feed(sender, instance)
    if parent_page_before is not None:
        forget_feed(sender, parent_page_before)


def connect_feed_invalidation():
    from podcasts.models import PodcastEpisodePage, PodcastShowPage

    for signal in (page_published, page_unpublished):
        signal.connect(forget_feed, dispatch_uid=f"podcastfeed-{id(signal)}")
    post_page_move.connect(forget_feeds_after_move, dispatch_uid="podcastfeed-move")
    for model in (PodcastEpisodePage, PodcastShowPage):
        post_delete.connect(forget_feed, sender=model, dispatch_uid=f"podcastfeed-{model}")
