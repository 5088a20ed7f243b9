from django.apps import AppConfig


class WebinarsConfig(AppConfig):
    name = "webinars"
    verbose_name = "Webinars"

    def ready(self):
        from webinars import signals

        signals.connect_publishing_rules()
