"""ASGI entry point: HTTP through Django, WebSocket through Channels.

WebSocket routes (the webinar chat) are collected in `portal.routing`; they are checked
against the allowed hosts and run with the visitor's session and user. On PostgreSQL the
server takes its connections from a pool (DATABASE_POOL=false to open one per request).
"""

import os

from django.conf import settings
from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
if not settings.configured:
    # The server's own process: its connections to PostgreSQL come from a pool shared by
    # the request threads (settings: Data). A process that loaded the settings first
    # (the development server, the tests) keeps its own choice.
    os.environ.setdefault("DATABASE_POOL", "true")

# Django must be set up before Channels imports models through the routing module.
django_asgi_app = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from portal.routing import websocket_urlpatterns  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": AllowedHostsOriginValidator(
            AuthMiddlewareStack(URLRouter(websocket_urlpatterns))
        ),
    }
)
