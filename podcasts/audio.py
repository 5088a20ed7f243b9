"""Checks on episode audio before it is published in a podcast feed.

Podcast apps play MP3 and AAC in an M4A container; Apple Podcasts and Spotify refuse or
skip anything else. The type is decided from the file's content with mutagen, never from
its name or the browser's claim, since a renamed file is the commonest upload mistake.

An upload cut short (a dropped connection, a copy interrupted half-way) is the other
common mistake, and mutagen does not notice it: it estimates an MP3's duration from the
first frame and the file size, or trusts the Xing/VBRI header, so a half file looks whole.
The MP3 checks therefore walk every frame header to the end of the file and compare what
they find with what the header promises; the M4A checks compare the container's boxes
with the file size. Both run in seconds even for a long episode: only headers are read.
"""

import functools
import io
import os
import struct
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from mutagen import MutagenError
from mutagen.aac import AAC
from mutagen.ac3 import AC3
from mutagen.aiff import AIFF
from mutagen.asf import ASF
from mutagen.dsdiff import DSDIFF
from mutagen.dsf import DSF
from mutagen.flac import FLAC
from mutagen.monkeysaudio import MonkeysAudio
from mutagen.mp3 import MPEGInfo
from mutagen.mp4 import MP4
from mutagen.musepack import Musepack
from mutagen.oggflac import OggFLAC
from mutagen.oggopus import OggOpus
from mutagen.oggspeex import OggSpeex
from mutagen.oggtheora import OggTheora
from mutagen.oggvorbis import OggVorbis
from mutagen.optimfrog import OptimFROG
from mutagen.smf import SMF
from mutagen.tak import TAK
from mutagen.trueaudio import TrueAudio
from mutagen.wave import WAVE
from mutagen.wavpack import WavPack

from podcasts.transcripts import format_timestamp

AUDIO_MAX_BYTES_DEFAULT = 500 * 1024 * 1024
MIN_DURATION_SECONDS = 1
MAX_DURATION_SECONDS = 24 * 60 * 60
# Below this an episode is unintelligible; a lower average means the length is wrong.
MIN_PLAUSIBLE_BITRATE = 8000

MP3_MIME_TYPE = "audio/mpeg"
M4A_MIME_TYPE = "audio/mp4"

# mutagen also looks this far for the first MPEG frame (encoders may leave junk first).
_FIRST_FRAME_WINDOW = 1024 * 1024
# How far past a damaged spot in the middle of a file players find the next frame.
_RESYNC_WINDOW = 64 * 1024
# Bytes that are not frames: a few damaged spots are tolerated, more means damage.
_MAX_JUNK_RATIO = 0.01
_NOT_AUDIO_JUNK_RATIO = 0.5

# Formats mutagen recognises by their first bytes, named as people know them.
_OTHER_FORMATS = {
    AAC: "AAC (ADIF)",
    AC3: "AC-3",
    AIFF: "AIFF",
    ASF: "WMA",
    DSDIFF: "DSDIFF",
    DSF: "DSF",
    FLAC: "FLAC",
    MonkeysAudio: "Monkey's Audio",
    Musepack: "Musepack",
    OggFLAC: "Ogg FLAC",
    OggOpus: "Opus",
    OggSpeex: "Speex",
    OggTheora: "Ogg Theora",
    OggVorbis: "Ogg Vorbis",
    OptimFROG: "OptimFROG",
    SMF: "MIDI",
    TAK: "TAK",
    TrueAudio: "TrueAudio",
    WAVE: "WAV",
    WavPack: "WavPack",
}
_MPEG_LAYER_NAMES = {1: "MPEG Layer I (MP1)", 2: "MPEG Layer II (MP2)"}


@dataclass(frozen=True)
class AudioInfo:
    """What a feed's enclosure and the episode page need to know about the audio."""

    duration_seconds: int
    size_bytes: int
    mime_type: str
    format: str
    bitrate: int | None = None
    sample_rate: int | None = None
    channels: int | None = None


def audio_max_bytes():
    """The upload limit: PODCAST_MAX_AUDIO_BYTES, or 500 MB (over ten hours of speech)."""
    return getattr(settings, "PODCAST_MAX_AUDIO_BYTES", AUDIO_MAX_BYTES_DEFAULT)


def inspect_audio(fileobj, *, max_bytes):
    """Return the AudioInfo of an MP3 or M4A file, or raise ValidationError saying why
    podcast apps could not play it. The file is left at position 0."""
    _check_size(_declared_size(fileobj), max_bytes)
    try:
        info = _inspect(fileobj, _actual_size(fileobj))
    finally:
        fileobj.seek(0)
    _check_duration(info)
    return info


# Size and duration


def _declared_size(fileobj):
    """The size an upload reports, so a file over the limit is refused without reading it."""
    size = getattr(fileobj, "size", None)
    return _actual_size(fileobj) if size is None else size


def _actual_size(fileobj):
    fileobj.seek(0, os.SEEK_END)
    size = fileobj.tell()
    fileobj.seek(0)
    return size


def _check_size(size, max_bytes):
    if size == 0:
        raise ValidationError(_("The audio file is empty."), code="empty")
    if size > max_bytes:
        raise ValidationError(
            _("The audio file is %(size)s; the limit is %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(max_bytes)},
        )


def _check_duration(info):
    duration = format_timestamp(info.duration_seconds)
    if info.duration_seconds < MIN_DURATION_SECONDS:
        raise ValidationError(
            _("The audio lasts less than a second. Check that you chose the finished episode."),
            code="too_short",
        )
    if info.duration_seconds > MAX_DURATION_SECONDS:
        raise ValidationError(
            _(
                "The file says the audio lasts %(duration)s, longer than %(hours)s hours; "
                "the file is probably damaged. Export the episode again."
            ),
            code="too_long",
            params={"duration": duration, "hours": MAX_DURATION_SECONDS // 3600},
        )
    if info.size_bytes * 8 < info.duration_seconds * MIN_PLAUSIBLE_BITRATE:
        raise ValidationError(
            _(
                "The file says the audio lasts %(duration)s, but at %(size)s it is far too "
                "small for that; the file is probably damaged. Export the episode again."
            ),
            code="implausible_duration",
            params={"duration": duration, "size": filesizeformat(info.size_bytes)},
        )


# Telling the formats apart


def _inspect(fileobj, size):
    if _starts_like_mp4(fileobj):
        return _inspect_m4a(fileobj, size)
    other = _other_audio_format(fileobj)
    if other:
        raise _unsupported_format(other)
    return _inspect_mp3(fileobj, size)


def _not_audio():
    return ValidationError(
        _("This file is not an MP3 or M4A audio file. Upload the episode as MP3 or M4A (AAC)."),
        code="not_audio",
    )


def _unsupported_format(name):
    return ValidationError(
        _(
            "This file's format is %(format)s. Podcast apps need MP3 or M4A (AAC): export "
            "the episode in one of those formats and upload it again."
        ),
        code="unsupported_format",
        params={"format": name},
    )


def _starts_like_mp4(fileobj):
    fileobj.seek(0)
    return fileobj.read(8)[4:8] == b"ftyp"


def _other_audio_format(fileobj):
    """The name of another audio format mutagen recognises from the first bytes, if any.

    Only those bytes are scored, after any ID3v2 tag (which some formats also carry), not
    the file name; the format is only named, never loaded, since the file is refused.
    """
    reader = _ByteReader(fileobj)
    header = reader.read_at(_skip_id3v2(reader, 0), 128)
    scores = [
        (kind.score("", io.BytesIO(header), header), name) for kind, name in _OTHER_FORMATS.items()
    ]
    score, name = max(scores)
    return name if score > 0 else None


# M4A


def _inspect_m4a(fileobj, size):
    boxes = _mp4_top_level_boxes(fileobj, size)
    if _mp4_has_video(fileobj, boxes):
        raise ValidationError(
            _("This file contains video. Upload the audio only, as an MP3 or M4A (AAC) file."),
            code="video",
        )
    info = _mp4_stream_info(fileobj)
    if not info.codec:
        raise _not_audio()
    if not info.codec.startswith("mp4a"):
        raise _unsupported_format(f"M4A ({info.codec_description or info.codec})")
    return AudioInfo(
        duration_seconds=round(info.length),
        size_bytes=size,
        mime_type=M4A_MIME_TYPE,
        format="m4a",
        bitrate=info.bitrate or None,
        sample_rate=info.sample_rate or None,
        channels=info.channels or None,
    )


def _mp4_stream_info(fileobj):
    fileobj.seek(0)
    try:
        return MP4(fileobj).info
    except MutagenError as error:
        raise _not_audio() from error


def _mp4_top_level_boxes(fileobj, size):
    """The file's top-level boxes; refused if the last one runs past the end of the file,
    which is what a cut-short upload looks like."""
    try:
        boxes = list(_iter_boxes(fileobj, 0, size))
    except _MalformedBox as error:
        raise _not_audio() from error
    if boxes and boxes[-1][2] > size:
        raise ValidationError(
            _(
                "The M4A file is incomplete: it ends before its audio data does. "
                "Upload the whole file again."
            ),
            code="truncated",
        )
    return boxes


class _MalformedBox(Exception):
    """A box header that cannot be right (smaller than the header itself)."""


def _iter_boxes(fileobj, start, end):
    """Yield (type, content start, box end) for the ISO BMFF boxes between start and end."""
    position = start
    while position + 8 <= end:
        fileobj.seek(position)
        header = fileobj.read(16)
        box_size, box_type = struct.unpack(">I4s", header[:8])
        header_size = 8
        if box_size == 1 and len(header) == 16:
            (box_size,) = struct.unpack(">Q", header[8:16])
            header_size = 16
        elif box_size == 0:  # the last box, running to the end of the file
            box_size = end - position
        if box_size < header_size:
            raise _MalformedBox(box_type)
        yield box_type, position + header_size, position + box_size
        position += box_size


def _child_boxes(fileobj, parent, box_type):
    _name, start, end = parent
    return [box for box in _iter_boxes(fileobj, start, end) if box[0] == box_type]


def _mp4_has_video(fileobj, boxes):
    """Whether a track's handler is 'vide': an MP4 video with sound is not a podcast file."""
    try:
        return any(
            _handler_type(fileobj, hdlr) == b"vide"
            for moov in (box for box in boxes if box[0] == b"moov")
            for trak in _child_boxes(fileobj, moov, b"trak")
            for mdia in _child_boxes(fileobj, trak, b"mdia")
            for hdlr in _child_boxes(fileobj, mdia, b"hdlr")
        )
    except _MalformedBox as error:
        raise _not_audio() from error


def _handler_type(fileobj, hdlr):
    fileobj.seek(hdlr[1])
    return fileobj.read(12)[8:12]  # after version, flags and pre_defined


# MP3


@dataclass(frozen=True)
class FrameHeader:
    """The four-byte header that starts every MPEG audio Layer III frame."""

    version: float  # 1, 2 or 2.5
    bitrate: int  # bits per second
    sample_rate: int
    padding: bool
    channels: int

    @property
    def samples(self):
        return 1152 if self.version == 1 else 576

    @property
    def length(self):
        """The frame's size in bytes, header included."""
        return self.samples // 8 * self.bitrate // self.sample_rate + self.padding

    @property
    def xing_offset(self):
        """Where a Xing or Info header would start: after the header and the side info."""
        if self.version == 1:
            return 4 + (17 if self.channels == 1 else 32)
        return 4 + (9 if self.channels == 1 else 17)


_MPEG_VERSIONS = {0: 2.5, 2: 2, 3: 1}
_SAMPLE_RATES = {1: (44100, 48000, 32000), 2: (22050, 24000, 16000), 2.5: (11025, 12000, 8000)}
_LAYER3_BITRATES = {
    1: (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
    2: (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
}


@functools.lru_cache(maxsize=512)
def parse_frame_header(data):
    """Return the FrameHeader at the start of data (bytes), or None if there is no valid
    Layer III header there. Free-format and reserved values count as invalid, as in mutagen."""
    if len(data) < 4 or data[0] != 0xFF or data[1] & 0xE0 != 0xE0:
        return None
    version = _MPEG_VERSIONS.get((data[1] >> 3) & 3)
    is_layer3 = (data[1] >> 1) & 3 == 1
    bitrate_index, rate_index = data[2] >> 4, (data[2] >> 2) & 3
    if version is None or not is_layer3 or bitrate_index in (0, 15) or rate_index == 3:
        return None
    return FrameHeader(
        version=version,
        bitrate=_LAYER3_BITRATES[1 if version == 1 else 2][bitrate_index] * 1000,
        sample_rate=_SAMPLE_RATES[version][rate_index],
        padding=bool(data[2] & 2),
        channels=1 if data[3] >> 6 == 3 else 2,
    )


def _inspect_mp3(fileobj, size):
    mpeg = _mpeg_stream_info(fileobj)
    if mpeg.layer != 3:
        raise _unsupported_format(_MPEG_LAYER_NAMES[mpeg.layer])
    stream = _MpegWalk(_ByteReader(fileobj), size).run()
    return AudioInfo(
        duration_seconds=round(stream.seconds),
        size_bytes=size,
        mime_type=MP3_MIME_TYPE,
        format="mp3",
        bitrate=mpeg.bitrate or None,
        sample_rate=mpeg.sample_rate,
        channels=mpeg.channels,
    )


def _mpeg_stream_info(fileobj):
    """mutagen's reading of the stream (the MP3 class's info, without parsing the tags, so
    a damaged title tag does not get a playable file refused)."""
    fileobj.seek(0)
    try:
        return MPEGInfo(fileobj)
    except MutagenError as error:
        raise _not_audio() from error


class _ByteReader:
    """Random access through a read-ahead buffer: an hour of MP3 has over 100,000 frame
    headers, too many to seek and read one at a time."""

    CHUNK = 256 * 1024

    def __init__(self, fileobj):
        self._file = fileobj
        self._start = 0
        self._data = b""

    def read_at(self, position, count):
        offset = position - self._start
        if offset < 0 or offset + count > len(self._data):
            self._file.seek(position)
            self._data = self._file.read(max(count, self.CHUNK))
            self._start, offset = position, 0
        return bytes(self._data[offset : offset + count])

    def find(self, needle, start, stop):
        """The position of the first needle byte in [start, stop), or -1."""
        while start < stop:
            chunk = self.read_at(start, min(self.CHUNK, stop - start))
            index = chunk.find(needle)
            if index >= 0:
                return start + index
            if not chunk:
                break
            start += len(chunk)
        return -1


@dataclass(frozen=True)
class _VbrHeader:
    """The frame and byte counts an encoder wrote in the first frame (Xing, Info, VBRI)."""

    frames: int | None
    bytes: int | None


class _MpegWalk:
    """Follow the MPEG frames from the first to the last, as a player does, counting the
    audio they hold and stopping at the first sign that the file was cut short."""

    def __init__(self, reader, size):
        self.reader = reader
        self.size = size
        self.start = _skip_id3v2(reader, 0)
        self.end = _audio_end(reader, size)
        self.first_offset = None
        self.first_header = None  # later frames must match its MPEG version and sample rate
        self.frames = 0
        self.seconds = 0.0
        self.junk = 0
        self.damaged_at = None  # seconds of audio before the first damaged spot

    def run(self):
        position = self._first_frame()
        while position < self.end:
            position = self._step(position)
        self._check_junk()
        self._compare_with_vbr_header()
        return self

    def _first_frame(self):
        position = _find_frame(self.reader, self.start, self.end, None, _FIRST_FRAME_WINDOW)
        if position < 0:
            raise _not_audio()
        self.first_offset = position
        self.first_header = parse_frame_header(self.reader.read_at(position, 4))
        self.junk = position - self.start
        if self.junk:
            self.damaged_at = 0.0
        return position

    def _step(self, position):
        """Count the frame at position and return where the next one starts."""
        header = parse_frame_header(self.reader.read_at(position, 4))
        if header is None or not _same_stream(header, self.first_header):
            return self._skip_non_frame(position)
        if position + header.length > self.end:
            raise self._truncated()
        self.frames += 1
        self.seconds += header.samples / header.sample_rate
        return position + header.length

    def _skip_non_frame(self, position):
        """Skip a tag left in the middle (joined files) or a damaged spot, as players do."""
        if self.reader.read_at(position, 3) == b"ID3":
            return _skip_id3v2(self.reader, position)
        if self.end - position < 4 and self.reader.read_at(position, 1) == b"\xff":
            raise self._truncated()  # a frame header cut after its first bytes
        found = _find_frame(self.reader, position + 1, self.end, self.first_header, _RESYNC_WINDOW)
        if found < 0 and self.end - position > self.first_header.length:
            raise self._damaged()
        found = self.end if found < 0 else found
        if self.damaged_at is None:
            self.damaged_at = self.seconds
        self.junk += found - position
        return found

    def _check_junk(self):
        span = max(self.end - self.start, 1)
        if self.junk > span * _NOT_AUDIO_JUNK_RATIO:
            raise _not_audio()
        if self.junk > span * _MAX_JUNK_RATIO:
            raise self._damaged()

    def _compare_with_vbr_header(self):
        """Compare the walk with the counts in the Xing, Info or VBRI header, which also
        catches a file cut exactly between two frames."""
        header = self.first_header
        declared = _vbr_header(self.reader, self.first_offset, header)
        if declared is None:
            return
        # The header frame is silent: it holds the counts, not audio.
        self.frames -= 1
        self.seconds -= header.samples / header.sample_rate
        # Damaged spots skipped on the way account for some missing frames.
        tolerance = 1 + self.junk // header.length
        promised_frames = declared.frames is not None and declared.frames - self.frames > tolerance
        promised_bytes = declared.frames is None and (declared.bytes or 0) > self.size
        if promised_frames or promised_bytes:
            raise self._truncated(declared.frames)

    def _truncated(self, declared_frames=None):
        heard = format_timestamp(self.seconds)
        if declared_frames:
            header = self.first_header
            promised = declared_frames * header.samples / header.sample_rate
            return ValidationError(
                _(
                    "The MP3 file is incomplete: its header says the audio lasts "
                    "%(promised)s, but the file stops at %(heard)s. Upload the whole file "
                    "again."
                ),
                code="truncated",
                params={"promised": format_timestamp(promised), "heard": heard},
            )
        return ValidationError(
            _(
                "The MP3 file is incomplete: it stops in the middle of the audio, at "
                "%(heard)s. Upload the whole file again."
            ),
            code="truncated",
            params={"heard": heard},
        )

    def _damaged(self):
        return ValidationError(
            _(
                "The MP3 file is damaged at about %(position)s: the audio data stops "
                "making sense there. Export the episode again."
            ),
            code="damaged",
            params={
                "position": format_timestamp(
                    self.seconds if self.damaged_at is None else self.damaged_at
                )
            },
        )


def _same_stream(header, reference):
    return reference is None or (
        header.version == reference.version and header.sample_rate == reference.sample_rate
    )


def _find_frame(reader, start, end, reference, window):
    """The position of the first frame in [start, start + window) that is followed by
    another frame of the same stream (or by the end), or -1. One valid-looking header
    alone is often a coincidence in the middle of other data."""
    stop = min(end, start + window)
    position = reader.find(b"\xff", start, stop)
    while position >= 0:
        header = parse_frame_header(reader.read_at(position, 4))
        if header and _same_stream(header, reference):
            following = position + header.length
            after = parse_frame_header(reader.read_at(following, 4))
            if following == end or (after and _same_stream(after, header)):
                return position
        position = reader.find(b"\xff", position + 1, stop)
    return -1


def _skip_id3v2(reader, position):
    """The position after the ID3v2 tags at position (some programs write several)."""
    while True:
        header = reader.read_at(position, 10)
        if len(header) < 10 or header[:3] != b"ID3" or any(b & 0x80 for b in header[6:10]):
            return position
        size = (header[6] << 21) | (header[7] << 14) | (header[8] << 7) | header[9]
        footer = 10 if header[5] & 0x10 else 0
        position += 10 + size + footer


def _audio_end(reader, size):
    """Where the frames end: before an ID3v1, Lyrics3 or APE tag at the end of the file."""
    end = size
    while True:
        before = end
        if end >= 128 and reader.read_at(end - 128, 3) == b"TAG":
            end -= 128
        end = _before_ape_tag(reader, end)
        end = _before_lyrics3_tag(reader, end)
        if end == before:
            return end


def _before_ape_tag(reader, end):
    footer = reader.read_at(end - 32, 32) if end >= 32 else b""
    if footer[:8] != b"APETAGEX":
        return end
    tag_size, flags = struct.unpack("<I4xI", footer[12:24])
    has_header = flags & 0x80000000
    return max(end - tag_size - (32 if has_header else 0), 0)


def _before_lyrics3_tag(reader, end):
    if end < 15 or reader.read_at(end - 9, 9) != b"LYRICS200":
        return end
    digits = reader.read_at(end - 15, 6)
    return max(end - 15 - int(digits), 0) if digits.isdigit() else end


def _vbr_header(reader, position, header):
    data = reader.read_at(position + header.xing_offset, 16)
    if data[:4] in (b"Xing", b"Info"):
        return _xing_counts(data)
    data = reader.read_at(position + 36, 18)  # VBRI sits after 32 bytes of side info
    if data[:4] == b"VBRI" and len(data) == 18:
        byte_count, frame_count = struct.unpack(">II", data[10:18])
        return _VbrHeader(frames=frame_count or None, bytes=byte_count or None)
    return None


def _xing_counts(data):
    (flags,) = struct.unpack(">I", data[4:8])
    fields = iter(struct.unpack(">II", data[8:16]) if len(data) == 16 else ())
    frames = next(fields, None) if flags & 1 else None
    byte_count = next(fields, None) if flags & 2 else None
    return _VbrHeader(frames=frames or None, bytes=byte_count or None)
