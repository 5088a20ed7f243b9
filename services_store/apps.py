from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ServicesStoreConfig(AppConfig):
    """The intrapreneur service store: catalogue, lifecycle and plug-in registry of
    micro-services."""

    name = "services_store"
    verbose_name = "Service store"

    def ready(self):
        from services_store import registry

        registry.load()
        post_migrate.connect(_record_new_services, sender=self)


def _record_new_services(sender, **kwargs):
    """A newly installed micro-service appears in the store as "being built"."""
    from services_store.models import Service
    from services_store.registry import manifests

    for slug in manifests():
        Service.objects.get_or_create(slug=slug)
