from podcasts.models.episode import EpisodePerson, PodcastEpisodePage
from podcasts.models.show import MissedSlotWarning, PodcastShowPage
from podcasts.models.stats import DownloadHit, EpisodeDownloadDay, FeedPollDay, FeedPollHit

__all__ = [
    "DownloadHit",
    "EpisodeDownloadDay",
    "EpisodePerson",
    "FeedPollDay",
    "FeedPollHit",
    "MissedSlotWarning",
    "PodcastEpisodePage",
    "PodcastShowPage",
]
