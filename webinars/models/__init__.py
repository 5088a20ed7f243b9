"""Webinar models, one module per concept, re-exported here by name."""

from webinars.models.chat import (
    ChatMessage,
    ChatMessageQuerySet,
    ChatParticipant,
    ChatRoom,
    ChatVote,
    MessageKind,
    MessageState,
    SessionRating,
)
from webinars.models.pages import (
    ModerationMode,
    WebinarIndexPage,
    WebinarPage,
    WebinarPageForm,
    WebinarPageQuerySet,
)
from webinars.models.registrations import (
    CalendarInvite,
    Notification,
    NotificationKind,
    Registration,
    RegistrationStatus,
)
from webinars.models.subjects import Subject, SubjectCategory

__all__ = [
    "ChatMessage",
    "ChatMessageQuerySet",
    "ChatParticipant",
    "ChatRoom",
    "ChatVote",
    "MessageKind",
    "MessageState",
    "SessionRating",
    "CalendarInvite",
    "ModerationMode",
    "Notification",
    "NotificationKind",
    "Registration",
    "RegistrationStatus",
    "Subject",
    "SubjectCategory",
    "WebinarIndexPage",
    "WebinarPage",
    "WebinarPageForm",
    "WebinarPageQuerySet",
]
