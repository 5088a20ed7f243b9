"""The webinar chat's wire protocol: what a client may send, and the frames it gets back.

Client frames are JSON objects:

- ``{"type": "comment" | "question", "text": "...", "anonymous": false}``
- ``{"type": "vote", "id": 12}``
- ``{"type": "approve" | "hide" | "pin" | "answer" | "mute", "id": 12, "value": true}``
  (moderators only; ``value`` is optional and undoes the action when false; ``answer``
  may carry the typed answer as ``"text"``)
- ``{"type": "resume", "last_id": 11}`` (``null`` for a first visit)

Server frames: ``message``, ``update``, ``viewers``, ``joined``, ``author``,
``moderated`` and ``error``. Everything is plain text: the server never sends HTML, so
clients must insert text as text. Broadcast frames are serialised here, once per
process; clients parse them.
"""

import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime

from django.utils.translation import gettext as _

MAX_FRAME_BYTES = 4096
MAX_TEXT_CHARS = 500
MAX_ANSWER_CHARS = 1000
POST_KINDS = ("comment", "question")
MODERATION_ACTIONS = ("approve", "hide", "pin", "answer", "mute")
MESSAGE_STATES = ("visible", "pending", "hidden")

# One encoder for every frame: compact, and UTF-8 text left as is (smaller than \u escapes).
_dumps = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False).encode
_MESSAGE_FRAME_PREFIX = '{"type":"message","message":{"id":'
# Control characters other than line breaks and tabs have no place in a chat line.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e]")
_BLANK_LINES = re.compile(r"\n{3,}")


class ProtocolError(Exception):
    """A client frame the server refuses; `message` is shown to the visitor as is."""

    def __init__(self, code, message, **details):
        super().__init__(message)
        self.code = code
        self.message = message
        self.details = details


@dataclass(frozen=True)
class Post:
    kind: str
    text: str
    anonymous: bool = False


@dataclass(frozen=True)
class Vote:
    message_id: int


@dataclass(frozen=True)
class Moderate:
    action: str
    message_id: int
    value: bool = True
    text: str = ""


@dataclass(frozen=True)
class Resume:
    last_id: int | None


def parse_command(text=None, data=None):
    """The command in one client frame, or ProtocolError saying what is wrong with it.

    The size is checked before parsing, so an oversized frame costs no JSON work.
    """
    if text is None:
        if data is not None:
            raise ProtocolError("binary", _("Only text frames are accepted."))
        raise ProtocolError("malformed", _("The frame could not be read."))
    if len(text) > MAX_FRAME_BYTES or len(text.encode()) > MAX_FRAME_BYTES:
        raise ProtocolError(
            "too_large",
            _("A frame may be at most %(limit)d bytes.") % {"limit": MAX_FRAME_BYTES},
        )
    try:
        frame = json.loads(text)
    except ValueError:
        raise ProtocolError("malformed", _("The frame is not valid JSON.")) from None
    if not isinstance(frame, dict):
        raise ProtocolError("malformed", _("The frame must be a JSON object."))
    return _command_from(frame)


def _command_from(frame):
    kind = frame.get("type")
    if kind in POST_KINDS:
        return Post(kind, clean_text(frame.get("text")), frame.get("anonymous") is True)
    if kind == "vote":
        return Vote(_message_id(frame.get("id")))
    if kind in MODERATION_ACTIONS:
        value = frame.get("value", True) is not False
        text = ""
        if kind == "answer" and value and frame.get("text") not in (None, ""):
            text = clean_text(frame.get("text"), limit=MAX_ANSWER_CHARS)
        return Moderate(kind, _message_id(frame.get("id")), value, text)
    if kind == "resume":
        last_id = frame.get("last_id")
        return Resume(None if last_id is None else _message_id(last_id))
    raise ProtocolError("unknown_type", _("This kind of frame is not understood."))


def _message_id(value):
    # bool is an int in Python; true is not a message id.
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    raise ProtocolError("malformed", _("A message id must be a whole number."))


def clean_text(text, limit=MAX_TEXT_CHARS):
    """The text of a post as it will be shown: normalised, stripped, within the limit."""
    if not isinstance(text, str):
        raise ProtocolError("malformed", _("The text must be a string."))
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _BLANK_LINES.sub("\n\n", _CONTROL_CHARACTERS.sub("", text)).strip()
    if not text:
        raise ProtocolError("empty", _("Write something before sending."))
    if len(text) > limit:
        raise ProtocolError(
            "too_long",
            _("A message may be at most %(limit)d characters long.") % {"limit": limit},
            limit=limit,
        )
    return text


def message_payload(
    *,
    message_id,
    kind,
    text,
    author,
    created,
    votes=0,
    state="visible",
    pinned=False,
    answered=False,
    answer="",
    anonymous=False,
):
    """A message as clients see it. `author` is a display name, or None when the author
    chose to stay anonymous (clients show their own word for it, in their language);
    `anonymous` says which, and moderators' copies carry the name all the same.

    The id comes first: `message_id_of` reads it from a serialised frame without parsing.
    """
    hidden = state == "hidden"
    return {
        "id": message_id,
        "kind": kind,
        "text": "" if hidden else text,
        "author": None if hidden else author,
        "created": _timestamp(created),
        "votes": votes,
        "state": state,
        "pinned": pinned,
        "answered": answered,
        "answer": "" if hidden else answer,
        "anonymous": anonymous,
    }


def _timestamp(moment):
    if isinstance(moment, datetime):
        return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    return moment


def message_frame(message):
    return {"type": "message", "message": message}


def update_frame(message):
    return {"type": "update", "message": message}


def viewers_frame(count):
    return {"type": "viewers", "count": count}


def joined_frame(*, backlog, moderator, viewers):
    """Sent once the backlog is written: from here on the client is live."""
    return {"type": "joined", "backlog": backlog, "moderator": moderator, "viewers": viewers}


def author_frame(message_id, author):
    """For moderators only: who wrote an anonymous message the room got without a name."""
    return {"type": "author", "id": message_id, "author": author}


def moderated_frame(action, message_id, value):
    return {"type": "moderated", "action": action, "id": message_id, "value": value}


def error_frame(code, message, **details):
    return {"type": "error", "code": code, "message": message, **details}


def serialise(frame):
    """The JSON text of a server frame. Broadcast frames go through here once per process."""
    return _dumps(frame)


def message_id_of(serialised_frame):
    """The message id of a serialised `message` frame, None for any other frame.

    Reads the id from the frame's fixed prefix, so a few held-back frames can be checked
    against a backlog without parsing every frame.
    """
    if not serialised_frame.startswith(_MESSAGE_FRAME_PREFIX):
        return None
    start = len(_MESSAGE_FRAME_PREFIX)
    end = serialised_frame.find(",", start)
    try:
        return int(serialised_frame[start:end])
    except ValueError:
        return None
