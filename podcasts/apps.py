from django.apps import AppConfig


class PodcastsConfig(AppConfig):
    name = "podcasts"
    verbose_name = "Podcasts"

    def ready(self):
        from podcasts import signals

        signals.connect_feed_invalidation()
