"""Reading WebVTT and SRT transcripts of podcast episodes.

Apps show the transcript a feed links with <podcast:transcript>, and the episode page
renders the same file as text. Players silently drop cues they cannot read, so a typo in a
timestamp would reach listeners unnoticed; these checks name the line to fix instead. They
follow the WebVTT rules where players are strict (the header, the shape of timestamps, cues
in time order) and accept what players accept: a byte order mark, Windows line endings,
NOTE, STYLE and REGION blocks, cue settings after the timing, hours left out in WebVTT.
"""

import html
import re
from dataclasses import dataclass
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

TRANSCRIPT_MAX_BYTES = 2 * 1024 * 1024  # about 40 hours of speech
VTT_MIME_TYPE = "text/vtt"
SRT_MIME_TYPE = "application/x-subrip"  # the type the podcast namespace lists for SRT
PARAGRAPH_MAX_CUES = 6
PARAGRAPH_GAP_SECONDS = 2.0

# WebVTT: hours optional (any number of digits), then mm:ss.ttt.
_VTT_TIMESTAMP = re.compile(r"(?:(\d+):)?([0-5]\d):([0-5]\d)\.(\d{3})")
# SRT: hh:mm:ss,ttt; a full stop instead of the comma is common and players accept it.
_SRT_TIMESTAMP = re.compile(r"(\d+):([0-5]\d):([0-5]\d)[,.](\d{3})")
_TIMING = re.compile(r"(?P<start>\S+?)\s*-->\s*(?P<end>\S+)(?:\s+.*)?")
_VTT_SIGNATURE = re.compile(r"WEBVTT(?:[ \t]|$)")
_VTT_SKIPPED_BLOCK = re.compile(r"(?:NOTE|STYLE|REGION)(?:[ \t]|$)")
_VOICE = re.compile(r"<v(?:\.[^\s>]*)?\s+([^>]*)>")
_TAG = re.compile(r"<[^>]*>|\{\\[^}]*\}")  # WebVTT/HTML tags and SRT's {\an8} codes
_SENTENCE_END = re.compile(r"[.!?…。؟]['\"’”»)\]]*$")


@dataclass(frozen=True)
class Cue:
    """One timed piece of text, as plain text (tags removed, entities decoded)."""

    start_seconds: float
    end_seconds: float
    text: str
    speaker: str | None = None


@dataclass(frozen=True)
class Paragraph:
    """Consecutive cues of one speaker, for reading the transcript on the episode page."""

    start_seconds: float
    text: str
    speaker: str | None = None

    @property
    def timestamp(self):
        return format_timestamp(self.start_seconds)


@dataclass(frozen=True)
class Transcript:
    format: str  # "vtt" or "srt"
    mime_type: str
    cues: tuple[Cue, ...]

    @property
    def end_seconds(self):
        """When the last cue ends, to compare with the episode's duration."""
        return max(cue.end_seconds for cue in self.cues)

    def paragraphs(self, *, max_cues=PARAGRAPH_MAX_CUES, gap_seconds=PARAGRAPH_GAP_SECONDS):
        """Group the cues into paragraphs: a new one when the speaker changes, after a
        pause longer than gap_seconds, or at the first sentence end after max_cues cues
        (at the latest after twice as many), since captions split sentences anywhere."""
        groups = []
        for cue in self.cues:
            if not cue.text:
                continue
            if groups and not _starts_paragraph(groups[-1], cue, max_cues, gap_seconds):
                groups[-1].append(cue)
            else:
                groups.append([cue])
        return [_paragraph(group) for group in groups]

    def plain_text(self):
        """The words without timings, one paragraph a line, for search indexing."""
        return "\n".join(paragraph.text for paragraph in self.paragraphs())


def format_timestamp(seconds):
    """Seconds as a player shows them: "2:03", or "1:02:03" from an hour on."""
    if seconds < 0:
        raise ValueError("A timestamp cannot be negative.")
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def parse_transcript(source, filename=None):
    """Parse a WebVTT or SRT transcript given as bytes, text or an open file, and return a
    Transcript, or raise ValidationError naming the line to fix.

    The format is recognised from the content; the file name only makes the messages more
    precise (a .vtt file without its WEBVTT line).
    """
    lines = _lines(_decode(_read(source)))
    if not any(line.strip() for line in lines):
        raise ValidationError(_("The transcript is empty."), code="empty")
    transcript_format = _detect_format(lines, filename)
    cues = _parse_vtt(lines) if transcript_format == "vtt" else _parse_srt(lines)
    if not cues:
        raise ValidationError(
            _("The transcript has no cues: no line gives a time such as “%(example)s”."),
            code="no_cues",
            params={"example": _timing_example(transcript_format)},
        )
    mime_type = VTT_MIME_TYPE if transcript_format == "vtt" else SRT_MIME_TYPE
    return Transcript(format=transcript_format, mime_type=mime_type, cues=tuple(cues))


# Reading and decoding


def _read(source):
    if not hasattr(source, "read"):
        _check_size(len(source.encode()) if isinstance(source, str) else len(source))
        return source
    size = getattr(source, "size", None)
    if size is not None:
        _check_size(size)
    source.seek(0)
    try:
        data = source.read(TRANSCRIPT_MAX_BYTES + 1)
    finally:
        source.seek(0)
    _check_size(len(data.encode()) if isinstance(data, str) else len(data))
    return data


def _check_size(size):
    if size > TRANSCRIPT_MAX_BYTES:
        raise ValidationError(
            _("The transcript is %(size)s; the limit is %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(TRANSCRIPT_MAX_BYTES)},
        )


def _decode(data):
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ValidationError(
            _("The transcript is saved as UTF-16. Save it as UTF-8 and upload it again."),
            code="not_utf8",
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(
            _(
                "Line %(line)s of the transcript is not UTF-8 text. Save the file as UTF-8 "
                "and upload it again."
            ),
            code="not_utf8",
            params={"line": data.count(b"\n", 0, error.start) + 1},
        ) from error


def _lines(text):
    """The text's lines, whatever the line endings (str.splitlines would also split on
    characters such as U+2028 that WebVTT treats as text)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _detect_format(lines, filename):
    if _VTT_SIGNATURE.match(lines[0]):
        return "vtt"
    suffix = PurePath(filename).suffix.lower() if filename else ""
    if suffix == ".vtt":
        raise ValidationError(
            _(
                "Line 1 of a WebVTT transcript must be “WEBVTT”; players ignore the file "
                "without it."
            ),
            code="missing_header",
        )
    if suffix == ".srt" or _looks_like_srt(lines):
        return "srt"
    raise ValidationError(
        _(
            "This is not a WebVTT or SRT transcript: a WebVTT file starts with the line "
            "“WEBVTT”, an SRT file with a cue number and a line such as “%(example)s”."
        ),
        code="unknown_format",
        params={"example": _timing_example("srt")},
    )


def _looks_like_srt(lines):
    content = [line.strip() for line in lines if line.strip()]
    return "-->" in content[0] or (
        content[0].isdigit() and len(content) > 1 and "-->" in content[1]
    )


# Blocks and cues


@dataclass(frozen=True)
class _TimedCue:
    cue: Cue
    line: int
    start: str  # as written, for messages


def _blocks(lines):
    """Yield (number of its first line, lines) for each run of non-blank lines."""
    block, first = [], 0
    for number, line in enumerate(lines, start=1):
        if line.strip():
            if not block:
                first = number
            block.append(line)
        elif block:
            yield first, block
            block = []
    if block:
        yield first, block


def _parse_vtt(lines):
    blocks = _blocks(lines)
    _header_line, header = next(blocks)
    for offset, line in enumerate(header):
        if "-->" in line:
            raise _missing_blank_line(1 + offset)
    cues = []
    for first, block in blocks:
        if not _VTT_SKIPPED_BLOCK.match(block[0]):
            _append_in_order(cues, _parse_cue(first, block, "vtt"))
    return [timed.cue for timed in cues]


def _parse_srt(lines):
    cues = []
    for first, block in _blocks(lines):
        if "-->" not in block[0] and not block[0].strip().isdigit():
            raise ValidationError(
                _("Line %(line)s: expected a cue number, then a line such as “%(example)s”."),
                code="bad_cue",
                params={"line": first, "example": _timing_example("srt")},
            )
        _append_in_order(cues, _parse_cue(first, block, "srt"))
    return [timed.cue for timed in cues]


def _append_in_order(cues, timed):
    """WebVTT requires cues in order of start time, and apps highlighting the current
    cue rely on it in SRT too."""
    if cues and timed.cue.start_seconds < cues[-1].cue.start_seconds:
        raise ValidationError(
            _(
                "Line %(line)s: cue %(number)s starts at %(start)s, before the cue before it "
                "(%(previous)s). Put the cues in time order."
            ),
            code="cue_order",
            params={
                "line": timed.line,
                "number": len(cues) + 1,
                "start": timed.start,
                "previous": cues[-1].start,
            },
        )
    cues.append(timed)


def _parse_cue(first, block, transcript_format):
    """A cue block: an optional identifier, the timing line, then the text."""
    timing_index = 0 if "-->" in block[0] else 1
    if timing_index >= len(block) or "-->" not in block[timing_index]:
        raise ValidationError(
            _("Line %(line)s: expected a cue timing such as “%(example)s”."),
            code="missing_timing",
            params={"line": first + timing_index, "example": _timing_example(transcript_format)},
        )
    line = first + timing_index
    start, end, start_text = _parse_timing(block[timing_index], line, transcript_format)
    text_lines = block[timing_index + 1 :]
    for offset, text_line in enumerate(text_lines, start=line + 1):
        if "-->" in text_line:
            raise _missing_blank_line(offset)
    speaker, text = _plain_text(text_lines)
    return _TimedCue(Cue(start, end, text, speaker), line, start_text)


def _missing_blank_line(line):
    return ValidationError(
        _("Line %(line)s: a cue timing must follow an empty line. Leave an empty line before it."),
        code="missing_blank_line",
        params={"line": line},
    )


def _parse_timing(text, line, transcript_format):
    match = _TIMING.fullmatch(text.strip())
    if not match:
        raise ValidationError(
            _("Line %(line)s: expected a cue timing such as “%(example)s”."),
            code="bad_timing",
            params={"line": line, "example": _timing_example(transcript_format)},
        )
    start = _parse_timestamp(match["start"], line, transcript_format)
    end = _parse_timestamp(match["end"], line, transcript_format)
    if end < start:
        raise ValidationError(
            _("Line %(line)s: the cue ends at %(end)s, before it starts at %(start)s."),
            code="end_before_start",
            params={"line": line, "start": match["start"], "end": match["end"]},
        )
    return start, end, match["start"]


def _parse_timestamp(text, line, transcript_format):
    pattern = _VTT_TIMESTAMP if transcript_format == "vtt" else _SRT_TIMESTAMP
    match = pattern.fullmatch(text)
    if not match:
        raise ValidationError(
            _(
                "Line %(line)s: “%(timestamp)s” is not a valid timestamp. Write hours, "
                "minutes, seconds and milliseconds, for example “%(example)s”."
            ),
            code="bad_timestamp",
            params={"line": line, "timestamp": text, "example": _timestamp_example(pattern)},
        )
    hours, minutes, seconds, millis = (int(part or 0) for part in match.groups())
    return hours * 3600 + minutes * 60 + seconds + millis / 1000


def _timestamp_example(pattern):
    return "00:01:02.500" if pattern is _VTT_TIMESTAMP else "00:01:02,500"


def _timing_example(transcript_format):
    if transcript_format == "vtt":
        return "00:00:01.000 --> 00:00:04.000"
    return "00:00:01,000 --> 00:00:04,000"


def _plain_text(lines):
    """The speaker of a WebVTT voice tag (<v Name>), if any, and the text without tags."""
    raw = "\n".join(lines)
    voice = _VOICE.search(raw)
    speaker = " ".join(html.unescape(voice.group(1)).split()) if voice else ""
    text = " ".join(html.unescape(_TAG.sub("", raw)).split())
    return speaker or None, text


# Paragraphs


def _starts_paragraph(group, cue, max_cues, gap_seconds):
    previous = group[-1]
    if cue.speaker is not None and cue.speaker != group[0].speaker:
        return True
    if cue.start_seconds - previous.end_seconds > gap_seconds or len(group) >= 2 * max_cues:
        return True
    return len(group) >= max_cues and _SENTENCE_END.search(previous.text) is not None


def _paragraph(group):
    text = " ".join(cue.text for cue in group)
    return Paragraph(start_seconds=group[0].start_seconds, text=text, speaker=group[0].speaker)


def read_stored_transcript(field_file):
    """The parsed transcript in a stored file (a FileField's value), or None when there is
    none or it can no longer be read: a page still renders without it."""
    if not field_file:
        return None
    try:
        with field_file.open("rb") as handle:
            return parse_transcript(handle.read(), filename=field_file.name)
    except (OSError, ValidationError):
        return None
