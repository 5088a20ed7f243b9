"""The weekly rhythm: warn Publishers when next week's slot is still empty on Thursday.

Run every hour by django-q2. A warning is recorded per show and slot, so Publishers get
one e-mail per missed week, never a second one for the same slot.
"""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from podcasts.models import MissedSlotWarning, PodcastShowPage
from portal.roles import PUBLISHERS

# Monday's slot is checked from Thursday (four days before) onwards.
WARN_DAYS_BEFORE_SLOT = 4


def next_slot_status(show, now):
    """(next slot, whether an episode is scheduled for it or already live)."""
    slot = show.coming_slots(now=now, count=1)[0]
    return slot, slot.scheduled


def in_warning_window(slot_start, now):
    warn_from = timezone.localtime(slot_start).date() - datetime.timedelta(
        days=WARN_DAYS_BEFORE_SLOT
    )
    return timezone.localdate(now) >= warn_from


def empty_slots_to_warn_about(now=None):
    """[(show, slot start)] for live shows whose next slot is empty and close."""
    now = now or timezone.now()
    found = []
    for show in PodcastShowPage.objects.live().filter(locale__language_code=settings.LANGUAGE_CODE):
        slot, scheduled = next_slot_status(show, now)
        if not scheduled and in_warning_window(slot.starts_at, now):
            found.append((show, slot.starts_at))
    return found


def warn_about_empty_slots(now=None):
    """Record and e-mail a warning for each empty slot not warned about yet; return the
    number of new warnings."""
    warned = 0
    for show, slot_start in empty_slots_to_warn_about(now):
        if _record_warning(show, timezone.localtime(slot_start).date()):
            _email_publishers(show, slot_start)
            warned += 1
    return warned


def _record_warning(show, slot_date):
    try:
        with transaction.atomic():
            MissedSlotWarning.objects.create(show=show, slot_date=slot_date)
    except IntegrityError:
        return False
    return True


def _publishers():
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name=PUBLISHERS, email__gt="")
        .distinct()
    )


def _email_publishers(show, slot_start):
    messages = []
    for user in _publishers():
        with translation.override(_user_language(user)):
            subject = _("No episode scheduled yet for %(show)s on %(date)s") % {
                "show": show.title,
                "date": timezone.localtime(slot_start).strftime("%Y-%m-%d %H:%M"),
            }
            body = _(
                "Nothing is scheduled yet for the next publishing slot of %(show)s "
                "(%(date)s). Please schedule an episode, with its transcript, in the admin: "
                "%(url)s"
            ) % {
                "show": show.title,
                "date": timezone.localtime(slot_start).strftime("%Y-%m-%d %H:%M"),
                "url": show.full_url or show.url_path,
            }
        messages.append((subject, body, settings.DEFAULT_FROM_EMAIL, [user.email]))
    send_mass_mail(messages, fail_silently=False)


def _user_language(user):
    profile = getattr(user, "wagtail_userprofile", None)
    return (profile and profile.preferred_language) or settings.LANGUAGE_CODE
