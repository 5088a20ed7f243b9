"""The live room's pages: posting and voting without JavaScript, the moderators' page,
the presenter's view of the top questions, and the rating after the session.

Every action goes through the chat's rules (`webinars/chat/store.py`), as the socket's
do, and is then told to the live sockets with `publish_from_sync`, so visitors with and
without JavaScript are in the same room. A refused action is a page in the visitor's
language that says why and keeps what they typed, never an error page.
"""

import logging
import time

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from portal.ratelimit import hit
from portal.templatetags.portal_tags import url_in_current_language
from webinars import timing
from webinars.chat import protocol, store
from webinars.chat.consumer import staff_room
from webinars.chat.hub import publish_from_sync
from webinars.chat.service import Broadcast, ChatDenied, ChatError
from webinars.models import (
    ChatVote,
    MessageKind,
    MessageState,
    SessionRating,
    WebinarPage,
)
from webinars.registration import registration_in_session

logger = logging.getLogger(__name__)

# The socket's own path (webinars/chat/routing.py); Channels routes are not reversible.
CHAT_SOCKET_PATH = "/ws/webinars/{event_id}/?lang={language}"
# Per client (portal/ratelimit.py). The socket allows a post every 2 s; a form posted
# more than this is a script, not a person.
POSTS_PER_MINUTE = 10
VOTES_PER_MINUTE = 30
RATINGS_PER_HOUR = 10
ROOM_QUESTIONS = 100
ROOM_COMMENTS = 30
MODERATION_LIST = 100
PRESENTER_QUESTIONS = 12
RATINGS_SESSION_KEY = "webinar_ratings"

# The HTTP status of each refusal the chat's rules can give.
STATUS_OF_CODE = {
    "register_first": 403,
    "muted": 403,
    "forbidden": 403,
    "not_found": 404,
    "already_voted": 409,
    "already_rated": 409,
    "rate_limited": 429,
}


# --- Forms ---


def _cleaned(text, limit=protocol.MAX_TEXT_CHARS):
    """The text as the socket would store it, or the socket's own message about it."""
    try:
        return protocol.clean_text(text, limit=limit)
    except protocol.ProtocolError as error:
        raise ValidationError(error.message, code=error.code) from None


class ChatPostForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What are you sending?"),
        # Questions first: they are what the room is for.
        choices=[
            (MessageKind.QUESTION, MessageKind.QUESTION.label),
            (MessageKind.COMMENT, MessageKind.COMMENT.label),
        ],
        initial=MessageKind.QUESTION,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose whether you are sending a question or a comment."),
            "invalid_choice": _("Choose whether you are sending a question or a comment."),
        },
    )
    text = forms.CharField(
        label=_("Your message"),
        help_text=_("At most 500 characters. Please do not write your e-mail or phone number."),
        strip=False,
        widget=forms.Textarea,
        error_messages={"required": _("Write something before sending.")},
    )
    anonymous = forms.BooleanField(
        label=_("Ask anonymously"),
        help_text=_("Your name is hidden from other viewers, not from moderators."),
        required=False,
    )

    def clean_text(self):
        return _cleaned(self.cleaned_data["text"])


class VoteForm(forms.Form):
    message = forms.IntegerField(
        min_value=1,
        error_messages={
            "required": _("Choose a question to vote for."),
            "invalid": _("Choose a question to vote for."),
            "min_value": _("Choose a question to vote for."),
        },
    )


class ModerationForm(forms.Form):
    action = forms.ChoiceField(
        choices=[(action, action) for action in protocol.MODERATION_ACTIONS],
        error_messages={
            "required": _("Choose what to do with the message."),
            "invalid_choice": _("Choose what to do with the message."),
        },
    )
    message = forms.IntegerField(
        min_value=1,
        error_messages={
            "required": _("Choose a message."),
            "invalid": _("Choose a message."),
            "min_value": _("Choose a message."),
        },
    )
    # "0" undoes the action, as `value: false` does on the socket.
    value = forms.TypedChoiceField(
        choices=[("1", "1"), ("0", "0")],
        coerce=lambda value: value == "1",
        required=False,
        empty_value=True,
    )
    answer = forms.CharField(label=_("Typed answer (optional)"), required=False, strip=False)

    def clean_answer(self):
        answer = self.cleaned_data["answer"]
        if not answer.strip():
            return ""
        return _cleaned(answer, limit=protocol.MAX_ANSWER_CHARS)


class RatingForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How useful was this session?"),
        choices=[
            ("1", _("1 (not useful)")),
            ("2", "2"),
            ("3", "3"),
            ("4", "4"),
            ("5", _("5 (very useful)")),
        ],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose a number from 1 to 5."),
            "invalid_choice": _("Choose a number from 1 to 5."),
        },
    )


# --- Refusals ---


class Refused(Exception):
    """An action the page refuses, with the message shown and the HTTP status."""

    def __init__(self, status, message="", code=""):
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code


def _refusal(error):
    """Any refusal from the chat's rules or a form, as a `Refused`."""
    if isinstance(error, Refused):
        return error
    if isinstance(error, ChatDenied):
        return Refused(400, str(error), "denied")
    return Refused(STATUS_OF_CODE.get(error.code, 400), error.message, error.code)


def _valid(form):
    if not form.is_valid():
        raise Refused(400)
    return form.cleaned_data


def _within_limit(request, scope, limit, window_seconds=60):
    if not hit(scope, request, limit, window_seconds=window_seconds):
        message = gettext("You have sent a lot in a short time. Please try again later.")
        raise Refused(429, message, "rate_limited")


# --- Where things are ---


def _webinar(request, page_id):
    """The page a form was sent from (any translation), and its session's event page."""
    webinar = get_object_or_404(WebinarPage.objects.live(), pk=page_id)
    if not webinar.is_visible_to(request.user):
        raise Http404
    return webinar, webinar.event


def _page_url(request, webinar, query="", anchor="chat"):
    url = url_in_current_language({"request": request}, webinar) or "/"
    return f"{url}{'?' + query if query else ''}#{anchor}"


def chat_socket_url(event):
    return CHAT_SOCKET_PATH.format(event_id=event.pk, language=get_language())


# --- Telling the live room ---


def _publish(event, broadcast):
    """Tell the live sockets, as the socket's own `_publish` does. Best effort: the
    change is stored either way, and the next page load or resume shows it."""
    room = str(event.pk)
    message = broadcast.message
    if broadcast.kind == "message":
        frame = protocol.message_frame(message)
    else:
        frame = protocol.update_frame(message)
    try:
        publish_from_sync(staff_room(room) if broadcast.staff_only else room, frame)
        if broadcast.hidden_author and not broadcast.staff_only:
            author = protocol.author_frame(message["id"], broadcast.hidden_author)
            publish_from_sync(staff_room(room), author)
    except Exception:  # the chat's transport (Redis) is down: the change is stored
        logger.warning("Webinar chat %s: live viewers were not told", room, exc_info=True)


# --- Posting and voting without JavaScript ---


@require_POST
def post_message(request, page_id):
    webinar, event = _webinar(request, page_id)
    form = ChatPostForm(request.POST)
    try:
        store.chat_webinar(event.pk, request.user)
        _within_limit(request, "webinar-chat-post", POSTS_PER_MINUTE)
        data = _valid(form)
        participant = store.participant_for(event, request.user, request.session)
        moderator = store.can_moderate(request.user, event)
        message, pending = store.post(
            participant, data["kind"], data["text"], data["anonymous"], moderator=moderator
        )
    except (Refused, ChatDenied, ChatError) as error:
        return _post_page(request, webinar, form, _refusal(error))
    _publish(event, store.broadcast("message", message, staff_only=pending))
    return redirect(_page_url(request, webinar, f"chat={'pending' if pending else 'posted'}"))


def _post_page(request, webinar, form, refusal):
    context = {"webinar": webinar, "event": webinar.event, "form": form, "refusal": refusal}
    return render(request, "webinars/chat/post.html", context, status=refusal.status)


@require_POST
def vote(request, page_id):
    webinar, event = _webinar(request, page_id)
    form = VoteForm(request.POST)
    try:
        store.chat_webinar(event.pk, request.user)
        _within_limit(request, "webinar-chat-vote", VOTES_PER_MINUTE)
        message_id = _valid(form)["message"]
        participant = store.participant_for(event, request.user, request.session)
        message = store.vote(participant, message_id)
    except (Refused, ChatDenied, ChatError) as error:
        return _refused_page(request, webinar, _refusal(error), form)
    _publish(event, Broadcast("update", store.payload(message)))
    return redirect(_page_url(request, webinar, "chat=voted", f"chat-message-{message.pk}"))


def _refused_page(request, webinar, refusal, form):
    context = {"webinar": webinar, "event": webinar.event, "refusal": refusal, "form": form}
    return render(request, "webinars/chat/refused.html", context, status=refusal.status)


# --- Moderators: the moderation page and the presenter's view ---


def _moderator_only(request, webinar, event):
    """None for a moderator of this session, else the page that says who may come in."""
    if store.can_moderate(request.user, event):
        return None
    context = {"webinar": webinar, "event": event, "next": request.get_full_path()}
    return render(request, "webinars/chat/forbidden.html", context, status=403)


@require_http_methods(["GET", "POST"])
def moderate(request, page_id):
    """Every action of the socket's moderators, as plain forms. Open before, during and
    after the session, so answers can be typed for the replay's questions and answers."""
    webinar, event = _webinar(request, page_id)
    refused = _moderator_only(request, webinar, event)
    if refused:
        return refused
    if request.method == "GET":
        return _moderation_page(request, webinar, event)
    form = ModerationForm(request.POST)
    try:
        data = _valid(form)
        message, was_public = store.moderate(
            event.pk, request.user, data["action"], data["message"], data["value"], data["answer"]
        )
    except (Refused, ChatError) as error:
        return _moderation_page(request, webinar, event, form, _refusal(error))
    if message is not None:
        _publish(event, store.moderation_broadcast(message, was_public))
    done = f"done={data['action']}"
    return redirect(f"{request.path}?{done}#chat-message-{data['message']}")


def _moderation_page(request, webinar, event, form=None, refusal=None):
    messages = store.visible_messages(event, moderator=True).select_related("participant")
    sections = [
        ("pending", _("Waiting for approval"), messages.filter(state=MessageState.PENDING)),
        ("questions", _("Questions"), messages.visible().questions()),
        ("comments", _("Comments"), messages.visible().filter(kind=MessageKind.COMMENT)),
        ("hidden", _("Hidden"), messages.filter(state=MessageState.HIDDEN)),
    ]
    draft = _answer_draft(form)
    context = {
        "webinar": webinar,
        "event": event,
        "sections": [
            (key, title, _with_drafts(_listed(key, items), draft)) for key, title, items in sections
        ],
        "form": form,
        "refusal": refusal,
        "done": request.GET.get("done") in protocol.MODERATION_ACTIONS,
        "refresh_url": f"{request.path}?at={int(time.time())}",
    }
    status = refusal.status if refusal else 200
    return render(request, "webinars/chat/moderate.html", context, status=status)


def _listed(key, messages):
    """Pending questions oldest first (fair), questions by votes, the newest comments."""
    if key == "pending":
        return list(messages.order_by("pk")[:MODERATION_LIST])
    if key == "questions":
        return list(messages.order_by("answered", "-pinned", "-votes", "pk")[:MODERATION_LIST])
    return list(reversed(messages.order_by("-pk")[:MODERATION_LIST]))


def _answer_draft(form):
    """(message id, typed answer) of a refused answer, to put back where it was typed."""
    if form is None or form.data.get("action") != "answer":
        return None
    return form.data.get("message"), form.data.get("answer", "")


def _with_drafts(messages, draft):
    for message in messages:
        typed = draft and draft[0] == str(message.pk)
        message.answer_draft = draft[1] if typed else message.answer
    return messages


def presenter(request, page_id):
    """The top questions in large type, for the presenter's screen: works on reload, and
    updates itself through the socket where JavaScript runs."""
    webinar, event = _webinar(request, page_id)
    refused = _moderator_only(request, webinar, event)
    if refused:
        return refused
    status = event.status()
    questions = list(event.chat_messages.top_questions()[:PRESENTER_QUESTIONS])
    context = {
        "webinar": webinar,
        "event": event,
        # Public names only: the presenter's screen is often shared in the stream.
        "questions": _for_viewer(questions, moderator=False),
        "chat_url": chat_socket_url(event) if status in store.OPEN_STATUSES else "",
        "chat_strings": chat_strings(),
        "session_status": status,
    }
    return render(request, "webinars/chat/presenter.html", context)


# --- The rating after the session ---


def has_rated(session, event):
    return str(event.pk) in (session.get(RATINGS_SESSION_KEY, []) if session else [])


def _remember_rating(session, event):
    session[RATINGS_SESSION_KEY] = [*session.get(RATINGS_SESSION_KEY, []), str(event.pk)]


@require_POST
def rate(request, page_id):
    """ "How useful was this session?": once per browser session, after the end."""
    webinar, event = _webinar(request, page_id)
    form = RatingForm(request.POST)
    try:
        if event.status() != timing.ENDED:
            raise Refused(400, gettext("You can rate the session once it has ended."))
        if has_rated(request.session, event):
            message = gettext("You have already rated this session. Thank you!")
            raise Refused(409, message, "already_rated")
        _within_limit(request, "webinar-rating", RATINGS_PER_HOUR, window_seconds=3600)
        rating = _valid(form)["rating"]
    except Refused as refusal:
        context = {"webinar": webinar, "event": event, "form": form, "refusal": refusal}
        return render(request, "webinars/chat/rating.html", context, status=refusal.status)
    SessionRating.objects.create(webinar=event, rating=rating)
    _remember_rating(request.session, event)
    return redirect(_page_url(request, webinar, "rating=thanks", "rating"))


# --- What the webinar page shows (WebinarPage.get_context) ---


def chat_context(event, status, request):
    """The live room while the chat is open; the archived questions and the rating form
    once the session has ended."""
    if event.pk is None:  # a preview of a page not saved yet
        return {}
    if status in store.OPEN_STATUSES:
        return _room_context(event, request)
    if status == timing.ENDED:
        return _replay_context(event, request)
    return {}


NOTICES = {
    "posted": _("Your message has been sent."),
    "pending": _("Thank you. Your question will be shown once a moderator has approved it."),
    "voted": _("Thank you for your vote."),
}


def _room_context(event, request):
    user, session = request.user, getattr(request, "session", None)
    moderator = store.can_moderate(user, event)
    # The row the socket would make on joining: it says whether this visitor may write,
    # is muted, and which questions they have voted for.
    participant = store.participant_for(event, user, session)
    registration = registration_in_session(session, event.pk) if session else None
    messages = event.chat_messages.visible()
    questions = messages.questions().order_by("-pinned", "-votes", "pk")[:ROOM_QUESTIONS]
    comments = messages.filter(kind=MessageKind.COMMENT).order_by("-pk")[:ROOM_COMMENTS]
    pending = event.chat_messages.filter(state=MessageState.PENDING).order_by("pk")
    return {
        "chat_url": chat_socket_url(event),
        "chat_moderator": moderator,
        "chat_participant": participant,
        "chat_muted": bool(participant and participant.muted),
        "chat_waiting": participant is None and registration is not None,
        "chat_form": ChatPostForm(),
        "chat_questions": _for_viewer(questions, moderator),
        "chat_comments": _for_viewer(reversed(comments), moderator),
        "chat_pending": _for_viewer(pending, moderator) if moderator else [],
        "chat_voted": _voted(participant),
        "chat_notice": NOTICES.get(request.GET.get("chat"), ""),
        "chat_strings": chat_strings(),
        "chat_refresh": f"at={int(time.time())}",
    }


def _for_viewer(messages, moderator):
    """The messages with the name this viewer may see (moderators see anonymous askers)."""
    messages = list(messages)
    for message in messages:
        message.shown_author = message.author_name if moderator else message.public_author
    return messages


def _voted(participant):
    if participant is None:
        return set()
    return set(ChatVote.objects.filter(participant=participant).values_list("message", flat=True))


def _replay_context(event, request):
    session = getattr(request, "session", None)
    return {
        "archived_questions": list(event.chat_messages.archived_qa()),
        "rating_form": RatingForm(),
        "rated": has_rated(session, event) or request.GET.get("rating") == "thanks",
    }


def chat_strings():
    """The live room's words for chat.js, in the visitor's language."""
    return {
        "anonymous": gettext("Anonymous"),
        "namedAnonymous": gettext("%(name)s, asked anonymously"),
        "connecting": gettext("Connecting to the live chat…"),
        "live": gettext("Live: new messages appear as they are written."),
        "reconnecting": gettext("The connection was lost. Trying again in %(seconds)s s."),
        "closed": gettext("The chat is closed. Reload the page to see the latest messages."),
        "empty": gettext("Write something before sending."),
        "sent": gettext("Your message has been sent."),
        "pendingSent": str(NOTICES["pending"]),
        "voted": gettext("Voted"),
        "vote": gettext("Vote for this question"),
        "newQuestion": gettext("New question:"),
        "newComment": gettext("New comment:"),
        "pin": gettext("Pin"),
        "unpin": gettext("Unpin"),
        "hide": gettext("Hide"),
        "show": gettext("Show again"),
        "mute": gettext("Mute the author"),
        "unmute": gettext("Let the author write again"),
        "done": gettext("Done."),
    }
