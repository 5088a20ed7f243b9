from django.apps import AppConfig


class PortalConfig(AppConfig):
    """Project-wide pieces that belong to no single domain: roles and groups, the task
    runner bridge, media delivery, the base templates and the demo users."""

    name = "portal"
    verbose_name = "Portal"
