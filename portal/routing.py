"""WebSocket routes. Each feature that speaks over a socket adds its patterns here."""

from webinars.chat.routing import websocket_urlpatterns as webinar_chat_patterns

websocket_urlpatterns = [*webinar_chat_patterns]
