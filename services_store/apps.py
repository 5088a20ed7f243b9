from django.apps import AppConfig


class ServicesStoreConfig(AppConfig):
    """The intrapreneur service store: catalogue, lifecycle and plug-in registry of
    micro-services."""

    name = "services_store"
    verbose_name = "Service store"
