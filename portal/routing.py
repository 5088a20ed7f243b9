"""WebSocket routes. Each feature that speaks over a socket adds its patterns here."""

websocket_urlpatterns = []
