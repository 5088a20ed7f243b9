"""Periodic review with teeth: reminders before the date, a flag when it has passed, and
the service hidden from the store after a grace period, until a review is recorded.

`run_review_job` runs every day (portal/scheduling.py). Each e-mail is claimed by a
unique `ReviewNotice` row before it is sent, so it goes out once even when the job runs
twice or is retried.
"""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from portal.roles import MANAGERS
from services_store import lifecycle, usage
from services_store.models import (
    Decision,
    ReviewNotice,
    ReviewNoticeKind,
    Service,
    ServiceReview,
)
from services_store.models.services import grace_days

REVIEW_LOG_ACTION = "services_store.review"
HIDDEN_LOG_ACTION = "services_store.hidden"


def notices_due(service, today):
    """The notice kinds due today for a live service. Each reminder is due from its lead
    time until the next one's, so a job that was down sends the nearer one only."""
    review = service.next_review
    if review is None:
        return []
    days_left = (review - today).days
    due = []
    if 7 < days_left <= 30:
        due.append(ReviewNoticeKind.DUE_IN_30_DAYS)
    elif 0 <= days_left <= 7:
        due.append(ReviewNoticeKind.DUE_IN_7_DAYS)
    elif days_left < 0:
        due.append(ReviewNoticeKind.OVERDUE)
    if today >= review + datetime.timedelta(days=grace_days()):
        due.append(ReviewNoticeKind.HIDDEN)
    return due


def run_review_job(today=None):
    """Send what is due and hide services past their grace period; returns the notices
    sent, as (slug, kind) pairs."""
    today = today or timezone.localdate()
    sent = []
    for service in Service.objects.live().exclude(next_review=None):
        for kind in notices_due(service, today):
            if kind == ReviewNoticeKind.HIDDEN:
                _hide(service)
            if _claim(service, kind):
                _send(service, kind)
                sent.append((service.slug, kind))
    return sent


def _hide(service):
    if not service.hidden_for_review:
        Service.objects.filter(pk=service.pk).update(hidden_for_review=True)
        service.hidden_for_review = True
        log(instance=service, action=HIDDEN_LOG_ACTION, user=None, data={})


def _claim(service, kind):
    try:
        with transaction.atomic():
            ReviewNotice.objects.create(service=service, kind=kind, review_date=service.next_review)
    except IntegrityError:
        return False
    return True


def recipients(service, kind):
    """Owners always; Managers too, except for the notice that the service is hidden
    (they are the ones who hid it, by policy)."""
    people = {user.pk: user for user in service.owners() if user.is_active and user.email}
    if kind != ReviewNoticeKind.HIDDEN:
        managers = get_user_model().objects.filter(
            is_active=True, groups__name=MANAGERS, email__gt=""
        )
        people.update({user.pk: user for user in managers})
    return list(people.values())


def _send(service, kind):
    messages = []
    for user in recipients(service, kind):
        with translation.override(_user_language(user)):
            subject, body = _message(service, kind)
        messages.append((subject, body, settings.DEFAULT_FROM_EMAIL, [user.email]))
    send_mass_mail(messages, fail_silently=False)
    ReviewNotice.objects.filter(service=service, kind=kind, review_date=service.next_review).update(
        sent_at=timezone.now()
    )


def _message(service, kind):
    values = {
        "service": str(service),
        "date": service.next_review.isoformat(),
        "hide_date": service.hide_after().isoformat(),
    }
    texts = {
        ReviewNoticeKind.DUE_IN_30_DAYS: (
            _("Review of %(service)s due on %(date)s"),
            _("The periodic review of %(service)s is due on %(date)s, in 30 days."),
        ),
        ReviewNoticeKind.DUE_IN_7_DAYS: (
            _("Review of %(service)s due in 7 days"),
            _("The periodic review of %(service)s is due on %(date)s, in 7 days."),
        ),
        ReviewNoticeKind.OVERDUE: (
            _("Review of %(service)s is overdue"),
            _(
                "The review of %(service)s was due on %(date)s. Unless a review is "
                "recorded, the service leaves the store on %(hide_date)s."
            ),
        ),
        ReviewNoticeKind.HIDDEN: (
            _("%(service)s is hidden from the store"),
            _(
                "The review of %(service)s was due on %(date)s and has not been recorded, "
                "so the service is no longer listed in the store. It comes back once a "
                "Manager records its review."
            ),
        ),
    }
    subject, body = texts[kind]
    return subject % values, body % values


def _user_language(user):
    profile = getattr(user, "wagtail_userprofile", None)
    return (profile and profile.preferred_language) or settings.LANGUAGE_CODE


# --- Recording a review ---


@transaction.atomic
def record_review(service, by, ratings, decision, actions="", lessons_learnt="", today=None):
    """Record a review and carry out its decision: keep (next review in the service's
    interval, back in the store), adjust (back to beta) or retire."""
    if not lifecycle.is_manager(by):
        raise lifecycle.TransitionRefused(_("Only Managers can record a review."))
    if service.state != "live":
        raise lifecycle.TransitionRefused(_("Only live services are reviewed."))
    today = today or timezone.localdate()
    figures = usage.snapshot(service, today)
    review = ServiceReview.objects.create(
        service=service,
        reviewed_on=today,
        reviewed_by=by,
        decision=decision,
        actions=actions,
        lessons_learnt=lessons_learnt,
        **figures,
        **{point: ratings[point] for point in ServiceReview.RATED_POINTS},
    )
    log(instance=service, action=REVIEW_LOG_ACTION, user=by, data={"decision": decision})
    if decision == Decision.KEEP:
        service.next_review = service.review_due_after(today)
        service.hidden_for_review = False
        service.save(update_fields=["next_review", "hidden_for_review"])
    elif decision == Decision.ADJUST:
        lifecycle.back_to_beta(service, by, actions or _("Review: adjust"))
    else:
        lifecycle.retire(service, by, lessons_learnt or actions or _("Review: retire"))
    return review
