"""Episode chapters: typed by editors as lines, published as Podcasting 2.0 JSON chapters.

Editors write chapters the way show notes and video descriptions do, a time and a title on
each line ("12:30 Writing your CV"); apps read the JSON chapters format that the feed links
with <podcast:chapters>. Apps expect chapters in ascending order and inside the episode, and
some stop reading the list at the first one that is not, so those rules are checked here.
"""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from podcasts.transcripts import format_timestamp

JSON_CHAPTERS_VERSION = "1.2.0"
JSON_CHAPTERS_MIME_TYPE = "application/json+chapters"

_LINE = re.compile(r"(?P<time>\d+(?::\d+){1,2}(?:\.\d+)?)(?P<title>.*)")
_SEPARATOR = re.compile(r"\s*(?:[-–—|:]\s*)?")


@dataclass(frozen=True)
class Chapter:
    start_seconds: float
    title: str

    @property
    def timestamp(self):
        return format_timestamp(self.start_seconds)


def parse_chapter_lines(text, *, duration_seconds=None):
    """Parse one chapter a line ("12:30 Writing your CV", "1:02:03 - Questions"), blank
    lines ignored, and return the Chapters, or raise ValidationError with one message for
    each line to fix."""
    chapters, errors, previous = [], [], None
    for number, line in enumerate(_lines(text), start=1):
        if not line.strip():
            continue
        where = _("Line %(number)s") % {"number": number}
        try:
            chapter = _parse_line(line.strip(), where)
        except ValidationError as error:
            errors.append(error)
            continue
        try:
            _check_chapter(chapter, previous, duration_seconds, where)
        except ValidationError as error:
            errors.append(error)
        chapters.append(chapter)
        previous = chapter
    if errors:
        raise ValidationError(errors)
    return chapters


def validate_chapters(chapters, duration_seconds=None):
    """Check Chapters or (start_seconds, title) pairs and return them as Chapters, or raise
    ValidationError with one message for each chapter to fix."""
    checked, errors, previous = [], [], None
    for number, item in enumerate(chapters, start=1):
        chapter = item if isinstance(item, Chapter) else Chapter(*item)
        where = _("Chapter %(number)s") % {"number": number}
        try:
            _check_chapter(chapter, previous, duration_seconds, where)
        except ValidationError as error:
            errors.append(error)
        previous = chapter
        checked.append(chapter)
    if errors:
        raise ValidationError(errors)
    return checked


def chapters_json(chapters, *, title=None):
    """The Podcasting 2.0 JSON chapters document (version 1.2.0) for these chapters."""
    document = {"version": JSON_CHAPTERS_VERSION}
    if title:
        document["title"] = title
    document["chapters"] = [
        {"startTime": _json_number(chapter.start_seconds), "title": chapter.title}
        for chapter in chapters
    ]
    return document


def chapter_lines(chapters):
    """The chapters as an editor types them, to fill the form field; whole seconds only."""
    return "\n".join(f"{chapter.timestamp} {chapter.title}" for chapter in chapters)


def _lines(text):
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _parse_line(line, where):
    match = _LINE.match(line)
    if not match:
        raise ValidationError(
            _(
                "%(where)s does not start with a time. Write each chapter on its own line, "
                "a time and then a title, for example “12:30 Writing your CV”."
            ),
            code="missing_time",
            params={"where": where},
        )
    start = _parse_time(match["time"], where)
    title = _SEPARATOR.sub("", match["title"], count=1).strip()
    return Chapter(start, title)


def _parse_time(text, where):
    """Seconds from minutes:seconds or hours:minutes:seconds (seconds may have a fraction)."""
    *larger, seconds = text.split(":")
    parts = [int(part) for part in larger]
    two_digits = all(len(part) == 2 for part in [*larger[1:], seconds.split(".")[0]])
    valid = two_digits and float(seconds) < 60 and (len(parts) == 1 or parts[1] < 60)
    if not valid:
        raise ValidationError(
            _(
                "%(where)s: “%(time)s” is not a valid time. Write minutes:seconds or "
                "hours:minutes:seconds, for example 12:30 or 1:02:03."
            ),
            code="bad_time",
            params={"where": where, "time": text},
        )
    whole = sum(part * 60 ** (len(parts) - index) for index, part in enumerate(parts))
    return whole + _number(seconds)


def _number(text):
    value = float(text)
    return int(value) if value.is_integer() else value


def _json_number(value):
    return int(value) if float(value).is_integer() else value


def _check_chapter(chapter, previous, duration_seconds, where):
    params = {"where": where, "time": _time_for_message(chapter.start_seconds)}
    if not chapter.title.strip():
        raise ValidationError(
            _("%(where)s: add a title for the chapter at %(time)s."),
            code="missing_title",
            params=params,
        )
    if chapter.start_seconds < 0:
        raise ValidationError(
            _("%(where)s: a chapter cannot start before 0:00."),
            code="negative_time",
            params=params,
        )
    if previous is not None and chapter.start_seconds <= previous.start_seconds:
        raise ValidationError(
            _(
                "%(where)s: %(time)s is not later than the chapter before it (%(previous)s). "
                "List the chapters in time order."
            ),
            code="chapter_order",
            params={**params, "previous": _time_for_message(previous.start_seconds)},
        )
    if duration_seconds is not None and chapter.start_seconds >= duration_seconds:
        raise ValidationError(
            _("%(where)s: %(time)s is not before the end of the episode (%(duration)s)."),
            code="after_end",
            params={**params, "duration": format_timestamp(duration_seconds)},
        )


def _time_for_message(seconds):
    return format_timestamp(seconds) if seconds >= 0 else str(seconds)
