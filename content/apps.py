from django.apps import AppConfig


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = "Content"

    def ready(self):
        from content import signals

        signals.connect_page_cache_invalidation()
