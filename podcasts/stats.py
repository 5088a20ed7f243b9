"""Counting downloads and feed polls the privacy-preserving way (see models/stats.py).

A download is counted once per listener per episode per 24 hours (the IAB podcast
measurement guideline's rule), and only when the request can start playback: a whole
file, or a range from its first bytes. Players that fetch a file in many small ranges
are therefore counted once, not once per range.
"""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from podcasts.models import DownloadHit, EpisodeDownloadDay, FeedPollDay, FeedPollHit

DEDUPLICATION_WINDOW = datetime.timedelta(hours=24)
RAW_HASH_RETENTION = datetime.timedelta(hours=48)


def starts_playback(method, byte_range):
    """True when a request is a download worth counting: a GET of the whole file or of
    a range that starts at the beginning."""
    return method == "GET" and (byte_range is None or byte_range.start == 0)


def count_download(episode, client_hash, now=None):
    """Count one download unless this client was counted for the episode in the last 24
    hours; return True when counted."""
    now = now or timezone.now()
    recent = DownloadHit.objects.filter(
        episode=episode, client_hash=client_hash, created_at__gt=now - DEDUPLICATION_WINDOW
    )
    if recent.exists():
        return False
    with transaction.atomic():
        DownloadHit.objects.create(episode=episode, client_hash=client_hash, created_at=now)
        _increment(EpisodeDownloadDay, {"episode": episode}, "downloads", timezone.localdate(now))
    return True


def count_feed_poll(show, client_hash, now=None):
    """Count a client polling a feed once per day; return True when counted."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    try:
        with transaction.atomic():
            FeedPollHit.objects.create(
                show=show, client_hash=client_hash, date=today, created_at=now
            )
            _increment(FeedPollDay, {"show": show}, "clients", today)
    except IntegrityError:
        return False
    return True


def _increment(model, owner, field, day):
    counts = model.objects.filter(**owner, date=day)
    if counts.update(**{field: F(field) + 1}):
        return
    try:
        with transaction.atomic():
            model.objects.create(**owner, date=day, **{field: 1})
    except IntegrityError:  # another request created the day's row first
        counts.update(**{field: F(field) + 1})


def purge_raw_hashes(now=None):
    """Delete the anonymous hashes older than 48 hours; the daily counts stay."""
    cutoff = (now or timezone.now()) - RAW_HASH_RETENTION
    downloads, _ = DownloadHit.objects.filter(created_at__lt=cutoff).delete()
    polls, _ = FeedPollHit.objects.filter(created_at__lt=cutoff).delete()
    return downloads + polls
