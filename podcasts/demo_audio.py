"""Short, pleasant MP3s for the demo podcast and the tests.

Demo episodes need real audio that apps can play and that passes the same checks as an
upload, without binary files in the repository. Soft bell-like chimes on a pentatonic scale
(any order of its notes sounds consonant) are cheap to make in pure Python: each distinct
note is computed once and the track is assembled by copying those samples, so a minute of
audio takes a fraction of a second including the MP3 encoding.
"""

import functools
import hashlib
import io
import math
import struct
from array import array

import lameenc
from mutagen.id3 import ID3, TIT2

from podcasts.audio import parse_frame_header

SAMPLE_RATE = 44100
BITRATE_KBPS = 64
# C major pentatonic from C4 to E5, in hertz.
SCALE = (261.63, 293.66, 329.63, 392.00, 440.00, 523.25, 587.33, 659.25)
REST = None
_PEAK = 12000  # about -10 dBFS at the loudest: a calm background, far from clipping
_FADE_SECONDS = 1.0
_MOTIF_LENGTH = 8


def generate_demo_mp3(seconds, *, seed=0, title=None):
    """Return the bytes of a mono MP3 (44.1 kHz, 64 kbit/s) lasting `seconds`.

    The same seed always gives the same melody and tempo, and different seeds (an episode
    number or title, say) give different ones. With a title the file gets an ID3 tag, as
    exported episodes do. The file starts with an Info frame holding the frame count, as
    LAME writes it, so players show the exact duration at once.
    """
    if seconds <= 0:
        raise ValueError("An MP3 must last longer than zero seconds.")
    pcm = _melody(round(seconds * SAMPLE_RATE), _seed_bytes(seed))
    mp3 = _with_info_frame(_encode(pcm))
    return _with_title(mp3, title) if title else mp3


def _seed_bytes(seed):
    return hashlib.sha256(str(seed).encode()).digest()


def _melody(total_samples, choices):
    """Motifs A and B, played A A B A over and over, faded in and out."""
    beat = round((0.40 + choices[0] % 5 * 0.05) * SAMPLE_RATE)  # 0.40 to 0.60 s a note
    first, second = _motif(choices[1:]), _motif(choices[1 + _MOTIF_LENGTH :])
    phrase = first + first + second + first
    pcm = array("h")
    index = 0
    while len(pcm) < total_samples:
        pcm.extend(_chime(phrase[index % len(phrase)], beat))
        index += 1
    del pcm[total_samples:]
    _fade(pcm, min(round(_FADE_SECONDS * SAMPLE_RATE), total_samples // 2))
    return pcm


def _motif(choices):
    """Eight notes of the scale, now and then a rest, always starting on a note."""
    notes = [SCALE[value % len(SCALE)] for value in choices[:_MOTIF_LENGTH]]
    return [
        REST if position and choices[position] % 7 == 0 else note
        for position, note in enumerate(notes)
    ]


@functools.lru_cache(maxsize=32)
def _chime(frequency, length):
    """One note: a sine with a softer octave above it, a 5 ms attack (no click) and a
    decay that reaches silence exactly at the end of the beat."""
    if frequency is REST:
        return array("h", bytes(2 * length))
    attack = 0.005 * SAMPLE_RATE
    step = 2 * math.pi * frequency / SAMPLE_RATE
    samples = array("h", bytes(2 * length))
    for n in range(length):
        t = n / length
        envelope = min(1.0, n / attack) * (1 - t) ** 2
        tone = math.sin(step * n) + 0.3 * math.sin(2 * step * n) * (1 - t)
        samples[n] = int(_PEAK * envelope * tone / 1.3)
    return samples


def _fade(pcm, length):
    """Fade the first and last `length` samples in place, so the track starts and ends
    softly rather than in the middle of a note."""
    for n in range(length):
        gain = n / length
        pcm[n] = int(pcm[n] * gain)
        pcm[-1 - n] = int(pcm[-1 - n] * gain)


def _encode(pcm):
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(BITRATE_KBPS)
    encoder.set_in_sample_rate(SAMPLE_RATE)
    encoder.set_out_sample_rate(SAMPLE_RATE)
    encoder.set_channels(1)
    encoder.set_quality(5)
    return bytes(encoder.encode(pcm.tobytes()) + encoder.flush())


def _with_info_frame(mp3):
    """Put an Info frame (a silent frame holding the frame and byte counts) before the
    audio, as LAME does for constant bit rate files when it writes to a file."""
    header = parse_frame_header(mp3[:4])
    first = bytearray(mp3[:4])
    first[2] &= ~0x02  # no padding: the Info frame has the plain frame length
    length = header.length - header.padding
    frame = bytearray(length)
    frame[:4] = first
    counts = struct.pack(">4sIII", b"Info", 0x3, _frame_count(mp3), length + len(mp3))
    frame[header.xing_offset : header.xing_offset + len(counts)] = counts
    return bytes(frame) + mp3


def _frame_count(mp3):
    position = count = 0
    while header := parse_frame_header(mp3[position : position + 4]):
        position += header.length
        count += 1
    if position != len(mp3):
        raise RuntimeError("The encoder's output is not a plain sequence of MPEG frames.")
    return count


def _with_title(mp3, title):
    """Add an ID3v2 tag with the title in front of the audio."""
    buffer = io.BytesIO(mp3)
    tags = ID3()
    tags.add(TIT2(encoding=3, text=title))
    tags.save(buffer)
    return buffer.getvalue()
