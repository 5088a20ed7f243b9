"""Listening figures without personal data.

A download or feed poll is recognised by a hash of the client's IP address and user
agent salted with a secret that changes every day (`portal.ratelimit.client_key`): it
identifies nobody, cannot be linked across days, and is deleted after 48 hours. What is
kept is a count per episode (or show) per day.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DownloadHit(models.Model):
    """A raw, anonymous download, kept 48 hours to count each listener once per 24 hours."""

    episode = models.ForeignKey(
        "podcasts.PodcastEpisodePage", on_delete=models.CASCADE, related_name="+"
    )
    client_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        indexes = [models.Index(fields=["episode", "client_hash", "created_at"])]

    def __str__(self):
        return f"{self.episode_id} {self.created_at:%Y-%m-%d %H:%M}"


class EpisodeDownloadDay(models.Model):
    episode = models.ForeignKey(
        "podcasts.PodcastEpisodePage", on_delete=models.CASCADE, related_name="download_days"
    )
    date = models.DateField(_("date"))
    downloads = models.PositiveIntegerField(_("downloads"), default=0)

    class Meta:
        verbose_name = _("episode downloads per day")
        constraints = [
            models.UniqueConstraint(fields=["episode", "date"], name="one_count_per_episode_day")
        ]

    def __str__(self):
        return f"{self.episode_id} {self.date}: {self.downloads}"


class FeedPollHit(models.Model):
    """A raw, anonymous feed request, kept 48 hours to count each client once a day."""

    show = models.ForeignKey("podcasts.PodcastShowPage", on_delete=models.CASCADE, related_name="+")
    client_hash = models.CharField(max_length=64)
    date = models.DateField()
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["show", "client_hash", "date"], name="one_poll_per_client_day"
            )
        ]

    def __str__(self):
        return f"{self.show_id} {self.date}"


class FeedPollDay(models.Model):
    """Distinct clients polling a show's feed in a day: an estimate of its subscribers."""

    show = models.ForeignKey(
        "podcasts.PodcastShowPage", on_delete=models.CASCADE, related_name="poll_days"
    )
    date = models.DateField(_("date"))
    clients = models.PositiveIntegerField(_("distinct clients"), default=0)

    class Meta:
        verbose_name = _("feed clients per day")
        constraints = [
            models.UniqueConstraint(fields=["show", "date"], name="one_count_per_show_day")
        ]

    def __str__(self):
        return f"{self.show_id} {self.date}: {self.clients}"
