"""What publishing a webinar sets in motion: who may see it, places for the waiting list,
and updated invites when its time changed."""

from django.db import transaction
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published

from webinars import registration as rules
from webinars.staff import staff_groups


def sync_staff_restriction(page):
    """The "staff only" flag is kept as Wagtail's own privacy setting (signed-in staff
    groups), so a staff-only webinar is also left out of search, the sitemap and every
    public listing."""
    restrictions = PageViewRestriction.objects.filter(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    if not page.staff_only:
        restrictions.delete()
        return
    restriction = restrictions.first()
    if restriction is None:
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.GROUPS
        )
    restriction.groups.set(staff_groups())


def webinar_published(sender, instance, **kwargs):
    sync_staff_restriction(instance)
    if instance.event.pk != instance.pk:
        return  # a translation: the session itself did not change
    rules.record_schedule(instance)
    transaction.on_commit(lambda: rules.fill_places_and_notify(instance))


def connect_publishing_rules():
    from webinars.models import WebinarPage

    page_published.connect(webinar_published, sender=WebinarPage, dispatch_uid="webinar-published")
