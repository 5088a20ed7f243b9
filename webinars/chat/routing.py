"""WebSocket routes of the webinar chat, for `portal.routing.websocket_urlpatterns`."""

from django.urls import path

from .consumer import WebinarChatConsumer

websocket_urlpatterns = [
    path("ws/webinars/<int:webinar_id>/", WebinarChatConsumer.as_asgi()),
]
