"""The webinar chat alone, as an ASGI application, for bench/chat.py.

The same middleware as the portal's WebSocket stack (allowed hosts, session, user) in
front of the chat's routes, without the HTTP side, so a benchmark server process holds
nothing but chat sockets. Served by uvicorn or daphne (see `command`).
"""

import django

django.setup()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from webinars.chat.routing import websocket_urlpatterns  # noqa: E402

application = AllowedHostsOriginValidator(AuthMiddlewareStack(URLRouter(websocket_urlpatterns)))
