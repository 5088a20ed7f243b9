"""What the live chat keeps: one room per session, its participants, their messages and
votes. The socket protocol is in docs/chat-protocol.md; the rules that write these rows
are in webinars/chat/store.py.

Only what the room needs is stored: a display name (from the registration or the staff
account), whether a moderator muted the person, and what they wrote. No IP address. A
daily job (webinars/retention.py) erases display names, comments and votes
`WEBINAR_CHAT_RETENTION_DAYS` (90) days after the session, keeping answered questions
without their author, as the replay's archived Q&A.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from webinars.models.registrations import DISPLAY_NAME_MAX_LENGTH


class ChatRoom(models.Model):
    """A session's chat. Its row is locked while a message is added, so message ids
    increase in the order messages are committed and a viewer resuming from an id
    never skips one that was committed later with a lower id."""

    webinar = models.OneToOneField(
        "webinars.WebinarPage", on_delete=models.CASCADE, related_name="chat_room"
    )
    peak_viewers = models.PositiveIntegerField(_("most viewers at once"), default=0)
    opened_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("chat room")

    def __str__(self):
        return f"chat {self.webinar_id}"


class ChatParticipant(models.Model):
    """One person in one session's chat, across reconnections.

    `key` says who they are without storing more than needed: "user:<id>" for staff,
    "registration:<key>" for someone who registered."""

    webinar = models.ForeignKey(
        "webinars.WebinarPage", on_delete=models.CASCADE, related_name="chat_participants"
    )
    key = models.CharField(max_length=80)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    registration = models.ForeignKey(
        "webinars.Registration",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="chat_participants",
    )
    display_name = models.CharField(_("display name"), max_length=DISPLAY_NAME_MAX_LENGTH)
    muted = models.BooleanField(_("muted"), default=False)
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("chat participant")
        constraints = [
            models.UniqueConstraint(fields=["webinar", "key"], name="one_participant_per_key")
        ]

    def __str__(self):
        return self.display_name or self.key


class MessageKind(models.TextChoices):
    COMMENT = "comment", _("Comment")
    QUESTION = "question", _("Question")


class MessageState(models.TextChoices):
    VISIBLE = "visible", _("Shown")
    PENDING = "pending", _("Waiting for approval")
    HIDDEN = "hidden", _("Hidden by a moderator")


class ChatMessageQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(state=MessageState.VISIBLE)

    def questions(self):
        return self.filter(kind=MessageKind.QUESTION)

    def answered(self):
        return self.questions().filter(answered=True)

    def archived_qa(self):
        """The replay's questions and answers: approved questions, answered ones first,
        then by votes."""
        return (
            self.questions()
            .visible()
            .order_by("-answered", "-pinned", "-votes", "pk")
            .select_related(None)
        )

    def top_questions(self):
        """The presenter's view: open questions with the most votes first."""
        return self.questions().visible().order_by("answered", "-pinned", "-votes", "pk")


class ChatMessage(models.Model):
    """A comment or a question. The id is what clients resume from."""

    webinar = models.ForeignKey(
        "webinars.WebinarPage", on_delete=models.CASCADE, related_name="chat_messages"
    )
    participant = models.ForeignKey(
        ChatParticipant,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="messages",
    )
    kind = models.CharField(_("kind"), max_length=8, choices=MessageKind.choices)
    text = models.TextField(_("text"))
    # The author's name as shown when it was written; empty once erased.
    author_name = models.CharField(_("author"), max_length=DISPLAY_NAME_MAX_LENGTH, blank=True)
    anonymous = models.BooleanField(
        _("asked anonymously"),
        default=False,
        help_text=_("The name is hidden from other viewers, not from moderators."),
    )
    state = models.CharField(
        _("state"), max_length=8, choices=MessageState.choices, default=MessageState.VISIBLE
    )
    pinned = models.BooleanField(_("pinned"), default=False)
    answered = models.BooleanField(_("answered"), default=False)
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    votes = models.PositiveIntegerField(_("votes"), default=0)
    created_at = models.DateTimeField(_("written at"), default=timezone.now)
    # The draft FAQ an editor made of this answered question, if any.
    faq = models.ForeignKey(
        "content.FAQSnippet",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ChatMessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("chat message")
        verbose_name_plural = _("chat messages")
        indexes = [models.Index(fields=["webinar", "id"])]

    def __str__(self):
        return self.text[:60]

    @property
    def public_author(self):
        """The name other viewers see: None when anonymous or erased."""
        if self.anonymous or not self.author_name:
            return None
        return self.author_name


class ChatVote(models.Model):
    """One participant's vote for one question: the unique row is the "once"."""

    message = models.ForeignKey(ChatMessage, on_delete=models.CASCADE, related_name="+")
    participant = models.ForeignKey(ChatParticipant, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["message", "participant"], name="one_vote_each")
        ]

    def __str__(self):
        return f"{self.participant_id} → {self.message_id}"


class SessionRating(models.Model):
    """A viewer's answer to "How useful was this session?" after it ended: a number
    from 1 to 5 and nothing else, not even who gave it."""

    webinar = models.ForeignKey(
        "webinars.WebinarPage", on_delete=models.CASCADE, related_name="ratings"
    )
    rating = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("session rating")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=5), name="rating_from_1_to_5"
            )
        ]

    def __str__(self):
        return str(self.rating)
