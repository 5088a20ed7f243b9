"""Registrations are erased a fixed number of days after their webinar
(`WEBINAR_RETENTION_DAYS`, 30 by default), by a job that runs every day.

People who asked to hear about future webinars keep their e-mail address and language,
and nothing else: their display name and the record of e-mails sent are erased with the
rest. The link in every e-mail removes them at any time.

The chat is erased later (`WEBINAR_CHAT_RETENTION_DAYS`, 90 by default), so the Q&A can
be turned into FAQs first: participants (display names, muted flags), comments, votes,
and questions that were hidden or never answered. Answered questions stay, without
their author, as the replay's archived Q&A. Rate-limit keys are never stored: they live
in the chat process's memory and are forgotten seconds after the last message.
"""

import datetime

from django.conf import settings
from django.utils import timezone

from webinars import timing
from webinars.models import (
    ChatMessage,
    ChatParticipant,
    ChatVote,
    MessageKind,
    MessageState,
    Notification,
    Registration,
)


def purge_past_registrations(now=None):
    """Erase what is due; return the number of registrations deleted."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=timing.retention_days())
    expired = Registration.objects.filter(webinar__ends_at__lt=cutoff)
    kept = expired.filter(keep_informed=True).exclude(email="")
    Notification.objects.filter(registration__in=kept).delete()
    kept.exclude(display_name="").update(display_name="")
    _total, per_model = expired.exclude(pk__in=kept.values("pk")).delete()
    return per_model.get(Registration._meta.label, 0)


def chat_retention_days():
    return getattr(settings, "WEBINAR_CHAT_RETENTION_DAYS", 90)


def purge_past_chats(now=None):
    """Erase what is due of the chats of webinars that ended long enough ago; return the
    number of messages deleted."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=chat_retention_days())
    messages = ChatMessage.objects.filter(webinar__ends_at__lt=cutoff)
    ChatVote.objects.filter(message__in=messages).delete()
    kept = messages.filter(kind=MessageKind.QUESTION, answered=True, state=MessageState.VISIBLE)
    _total, per_model = messages.exclude(pk__in=kept.values("pk")).delete()
    kept.exclude(author_name="", participant=None).update(author_name="", participant=None)
    ChatParticipant.objects.filter(webinar__ends_at__lt=cutoff).delete()
    return per_model.get(ChatMessage._meta.label, 0)


def purge_past_data(now=None):
    """The daily job: registrations, then chats."""
    return purge_past_registrations(now), purge_past_chats(now)
