"""Settings of the chat benchmark's server: production settings with the in-memory room
service. The benchmark measures fan-out, the part that grows with the audience; the
database service adds one INSERT per post, whatever the number of viewers."""

from portal.settings.production import *  # noqa: F403

WEBINAR_CHAT = {"SERVICE": "webinars.chat.service.InMemoryChatService"}
