"""Episode audio is accepted only when podcast apps can play all of it.

The files are real: MP3s from the demo generator (encoded by LAME), tags written by
mutagen, a WAV from the standard library, and MP4 containers built box by box below.
"""

import io
import random
import struct
import wave

import mutagen.flac
import mutagen.mp3
import mutagen.mp4
import mutagen.oggopus
import pytest
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.uploadedfile import (
    InMemoryUploadedFile,
    SimpleUploadedFile,
    TemporaryUploadedFile,
)
from mutagen.apev2 import APEv2
from mutagen.ogg import OggPage

from podcasts.audio import (
    AUDIO_MAX_BYTES_DEFAULT,
    AudioInfo,
    audio_max_bytes,
    inspect_audio,
    parse_frame_header,
)
from podcasts.demo_audio import generate_demo_mp3
from podcasts.transcripts import format_timestamp

NO_LIMIT = 10**9
MIB = 1024 * 1024


@pytest.fixture(scope="module")
def mp3():
    return generate_demo_mp3(30, seed="tests")


@pytest.fixture(scope="module")
def raw_mp3(mp3):
    """The same audio without the Info frame: what encoders that write no header give."""
    return mp3[frame_offsets(mp3)[1] :]


def upload(data, name="episode.mp3", content_type="audio/mpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def inspect(data, max_bytes=NO_LIMIT):
    return inspect_audio(upload(data), max_bytes=max_bytes)


def refusal(data, max_bytes=NO_LIMIT):
    with pytest.raises(ValidationError) as caught:
        inspect(data, max_bytes)
    return caught.value


def message(error):
    [text] = error.messages
    return text


def frame_offsets(mp3):
    """Where each MPEG frame starts, read independently of the module under test's walk."""
    offsets, position = [], 0
    while header := parse_frame_header(mp3[position : position + 4]):
        offsets.append(position)
        position += header.length
    assert position == len(mp3)
    return offsets


def mutagen_length(data):
    return mutagen.mp3.MP3(io.BytesIO(data)).info.length


class TestAcceptedMp3:
    def test_reports_what_the_feed_needs(self, mp3):
        info = inspect(mp3)
        assert info == AudioInfo(
            duration_seconds=30,
            size_bytes=len(mp3),
            mime_type="audio/mpeg",
            format="mp3",
            bitrate=64000,
            sample_rate=44100,
            channels=1,
        )

    @pytest.mark.parametrize("seconds", [3, 47.2, 61])
    def test_duration_matches_the_requested_length_and_mutagen(self, seconds):
        data = generate_demo_mp3(seconds, seed=seconds)
        duration = inspect(data).duration_seconds
        assert duration == round(seconds)
        assert duration == round(mutagen_length(data))

    def test_without_a_vbr_header_the_duration_comes_from_the_frames(self, raw_mp3):
        assert b"Info" not in raw_mp3[:64]
        assert inspect(raw_mp3).duration_seconds == 30

    def test_id3v2_tag_in_front_is_skipped(self, mp3):
        tagged = generate_demo_mp3(30, seed="tests", title="Writing your CV")
        assert tagged.startswith(b"ID3")
        assert mutagen.mp3.MP3(io.BytesIO(tagged))["TIT2"].text == ["Writing your CV"]
        info = inspect(tagged)
        assert info.duration_seconds == 30
        assert info.size_bytes == len(tagged)

    def test_ape_and_id3v1_tags_at_the_end_are_not_taken_for_a_cut_frame(self, mp3):
        buffer = io.BytesIO(mp3)
        ape = APEv2()
        ape["Title"] = "Writing your CV"
        ape.save(buffer)
        id3v1 = b"TAG" + b"Writing your CV".ljust(30, b"\0") + bytes(94) + b"\xff"
        data = buffer.getvalue() + id3v1
        assert len(data) > len(mp3) + 128
        assert inspect(data).duration_seconds == 30

    def test_a_damaged_frame_header_is_skipped_as_players_do(self, mp3):
        offsets = frame_offsets(mp3)
        damaged = bytearray(mp3)
        damaged[offsets[500] : offsets[500] + 4] = bytes(4)
        assert inspect(bytes(damaged)).duration_seconds == 30

    def test_joined_files_with_a_tag_between_them_count_in_full(self, raw_mp3):
        second_part = generate_demo_mp3(30, seed="tests", title="Part two")
        assert inspect(raw_mp3 + second_part).duration_seconds == 60

    def test_a_little_junk_before_the_first_frame_is_tolerated(self, mp3):
        assert inspect(bytes(100) + mp3).duration_seconds == 30

    def test_much_junk_before_the_first_frame_is_damage(self, mp3):
        error = refusal(bytes(20_000) + mp3)
        assert error.code == "damaged"
        assert "0:00" in message(error)

    def test_the_size_limit_is_inclusive(self, mp3):
        assert inspect(mp3, max_bytes=len(mp3)).size_bytes == len(mp3)
        error = refusal(mp3, max_bytes=len(mp3) - 1)
        assert error.code == "too_large"


class TestDjangoFiles:
    def test_in_memory_upload(self, mp3):
        uploaded = InMemoryUploadedFile(
            io.BytesIO(mp3), "audio", "episode.mp3", "audio/mpeg", len(mp3), None
        )
        assert inspect_audio(uploaded, max_bytes=NO_LIMIT).duration_seconds == 30
        assert uploaded.tell() == 0

    def test_temporary_upload(self, mp3):
        with TemporaryUploadedFile("episode.mp3", "audio/mpeg", len(mp3), None) as uploaded:
            uploaded.write(mp3)
            uploaded.seek(0)
            assert inspect_audio(uploaded, max_bytes=NO_LIMIT).duration_seconds == 30
            assert uploaded.tell() == 0

    def test_file_opened_from_storage(self, mp3, tmp_path):
        path = tmp_path / "episode.mp3"
        path.write_bytes(mp3)
        with path.open("rb") as handle:
            stored = File(handle, name="podcasts/episode.mp3")
            assert inspect_audio(stored, max_bytes=NO_LIMIT).size_bytes == len(mp3)
            assert stored.tell() == 0

    def test_position_is_reset_after_a_refusal(self, mp3):
        uploaded = upload(mp3[: len(mp3) // 2])
        with pytest.raises(ValidationError):
            inspect_audio(uploaded, max_bytes=NO_LIMIT)
        assert uploaded.tell() == 0


class TestTruncatedMp3:
    def test_half_a_file_is_refused_though_mutagen_reports_the_full_length(self, mp3):
        half = mp3[: len(mp3) // 2]
        assert round(mutagen_length(half)) == 30
        error = refusal(half)
        assert error.code == "truncated"
        assert "incomplete" in message(error)

    def test_cut_between_two_frames_is_caught_by_the_info_frame(self, mp3):
        offsets = frame_offsets(mp3)
        # Frames before the cut: the Info frame and 593 audio frames of 1152 samples (15.5 s).
        cut = mp3[: offsets[594]]
        error = refusal(cut)
        assert error.code == "truncated"
        assert "0:30" in message(error)
        assert format_timestamp(593 * 1152 / 44100) == "0:15"
        assert "0:15" in message(error)

    def test_cut_inside_a_frame_without_vbr_header_is_refused(self, raw_mp3):
        # 600 whole frames of 1152 samples (15.7 s), then part of the next one.
        cut = raw_mp3[: frame_offsets(raw_mp3)[600] + 100]
        assert mutagen_length(cut) > 10  # mutagen estimates a length from the size
        error = refusal(cut)
        assert error.code == "truncated"
        assert "0:15" in message(error)

    def test_cut_inside_the_last_frame_header_is_refused(self, raw_mp3):
        offsets = frame_offsets(raw_mp3)
        error = refusal(raw_mp3[: offsets[-1] + 2])
        assert error.code == "truncated"

    def test_without_a_header_a_cut_between_frames_is_a_shorter_valid_file(self, raw_mp3):
        offsets = frame_offsets(raw_mp3)
        info = inspect(raw_mp3[: offsets[600]])
        assert info.duration_seconds == round(600 * 1152 / 44100)

    def test_a_long_damaged_stretch_is_refused(self, mp3):
        # From the end of 594 frames (15.5 s), 20 kB of zeros where audio was.
        start = frame_offsets(mp3)[594]
        damaged = mp3[:start] + bytes(20_000) + mp3[start + 20_000 :]
        error = refusal(damaged)
        assert error.code == "damaged"
        assert "0:15" in message(error)


class TestRefusedFiles:
    def test_empty_file(self):
        error = refusal(b"")
        assert error.code == "empty"
        assert "empty" in message(error)

    def test_size_over_the_limit_is_refused_before_reading(self):
        class Unreadable(io.BytesIO):
            def read(self, *args):
                raise AssertionError("the file was read")

        uploaded = InMemoryUploadedFile(
            Unreadable(), "audio", "episode.mp3", "audio/mpeg", 600 * MIB, None
        )
        with pytest.raises(ValidationError) as caught:
            inspect_audio(uploaded, max_bytes=AUDIO_MAX_BYTES_DEFAULT)
        assert caught.value.code == "too_large"
        assert "600.0\xa0MB" in message(caught.value)
        assert "500.0\xa0MB" in message(caught.value)

    def test_text_renamed_mp3(self):
        error = refusal(b"Episode 1: notes for the recording.\n" * 200)
        assert error.code == "not_audio"
        assert "not an MP3 or M4A" in message(error)

    def test_pdf_renamed_mp3(self):
        rng = random.Random(7)
        stream = bytes(rng.getrandbits(8) for _ in range(50_000))
        pdf = (
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 50000 /Filter /FlateDecode >>\n"
            b"stream\n" + stream + b"\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
        )
        error = refusal(pdf)
        assert error.code == "not_audio"

    @pytest.mark.parametrize("seed", range(5))
    def test_random_bytes(self, seed):
        rng = random.Random(seed)
        assert refusal(bytes(rng.getrandbits(8) for _ in range(100_000))).code == "not_audio"

    def test_wav(self):
        buffer = io.BytesIO()
        with wave.open(buffer, "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(22050)
            wav.writeframes(bytes(2 * 22050 * 2))
        error = refusal(buffer.getvalue())
        assert error.code == "unsupported_format"
        assert "WAV" in message(error)
        assert "MP3 or M4A" in message(error)

    def test_flac(self):
        data = flac_file(seconds=2)
        assert mutagen.flac.FLAC(io.BytesIO(data)).info.length == 2
        error = refusal(data)
        assert error.code == "unsupported_format"
        assert "FLAC" in message(error)

    def test_opus_in_ogg(self):
        data = opus_file(seconds=3)
        assert round(mutagen.oggopus.OggOpus(io.BytesIO(data)).info.length) == 3
        error = refusal(data)
        assert error.code == "unsupported_format"
        assert "Opus" in message(error)

    def test_shorter_than_a_second(self):
        error = refusal(generate_demo_mp3(0.4))
        assert error.code == "too_short"


class TestM4a:
    def test_reports_what_the_feed_needs(self):
        data = m4a_file(seconds=30)
        assert round(mutagen.mp4.MP4(io.BytesIO(data)).info.length) == 30
        info = inspect(data)
        assert info == AudioInfo(
            duration_seconds=30,
            size_bytes=len(data),
            mime_type="audio/mp4",
            format="m4a",
            bitrate=64000,
            sample_rate=44100,
            channels=2,
        )

    def test_moov_after_mdat_is_read_too(self):
        info = inspect(m4a_file(seconds=75, moov_first=False))
        assert info.duration_seconds == 75

    @pytest.mark.parametrize("moov_first", [True, False])
    def test_truncated(self, moov_first):
        data = m4a_file(seconds=30, moov_first=moov_first)
        error = refusal(data[: len(data) * 2 // 3])
        assert error.code == "truncated"
        assert "incomplete" in message(error)

    def test_video_track(self):
        error = refusal(m4a_file(seconds=30, video_track=True))
        assert error.code == "video"

    def test_alac(self):
        data = m4a_file(seconds=30, codec="alac")
        assert mutagen.mp4.MP4(io.BytesIO(data)).info.codec == "alac"
        error = refusal(data)
        assert error.code == "unsupported_format"
        assert "ALAC" in message(error)
        assert "MP3 or M4A" in message(error)

    def test_zero_duration(self):
        assert refusal(m4a_file(seconds=0)).code == "too_short"

    def test_absurd_duration(self):
        error = refusal(m4a_file(seconds=25 * 3600, audio_bytes=1000))
        assert error.code == "too_long"
        assert "25:00:00" in message(error)

    def test_duration_far_too_long_for_the_size(self):
        error = refusal(m4a_file(seconds=600, audio_bytes=2000))
        assert error.code == "implausible_duration"
        assert "10:00" in message(error)


def test_max_bytes_default_and_setting(settings):
    assert audio_max_bytes() == AUDIO_MAX_BYTES_DEFAULT == 500 * MIB
    settings.PODCAST_MAX_AUDIO_BYTES = 50 * MIB
    assert audio_max_bytes() == 50 * MIB


# MP4 (ISO base media) files, built box by box: no AAC encoder is available, and the checks
# read the container, not the compressed audio.

AAC_FRAME_SAMPLES = 1024


def box(kind, *payload):
    body = b"".join(payload)
    return struct.pack(">I4s", 8 + len(body), kind) + body


def full_box(kind, *payload, version=0, flags=0):
    return box(kind, struct.pack(">I", version << 24 | flags), *payload)


def descriptor(tag, *payload):
    body = b"".join(payload)
    return bytes([tag, len(body)]) + body


IDENTITY_MATRIX = struct.pack(">9I", 0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000)


def m4a_file(
    seconds,
    *,
    sample_rate=44100,
    bitrate=64000,
    codec="mp4a",
    video_track=False,
    moov_first=True,
    audio_bytes=None,
):
    frames = round(seconds * sample_rate / AAC_FRAME_SAMPLES)
    if audio_bytes is None:
        audio_bytes = frames * (bitrate * AAC_FRAME_SAMPLES // 8 // sample_rate)
    mdat = box(b"mdat", bytes(audio_bytes))
    ftyp = box(b"ftyp", b"M4A ", struct.pack(">I", 0), b"M4A mp42isom")

    def build_moov(chunk_offset):
        tracks = [sound_track(frames, sample_rate, bitrate, codec, audio_bytes, chunk_offset)]
        if video_track:
            tracks.append(video_trak(seconds))
        return box(b"moov", movie_header(seconds), *tracks)

    if moov_first:
        moov_size = len(build_moov(0))
        return ftyp + build_moov(len(ftyp) + moov_size + 8) + mdat
    return ftyp + mdat + build_moov(len(ftyp) + 8)


def movie_header(seconds):
    return full_box(
        b"mvhd",
        struct.pack(">4I", 0, 0, 1000, round(seconds * 1000)),
        struct.pack(">IH10x", 0x10000, 0x100),
        IDENTITY_MATRIX,
        bytes(24),
        struct.pack(">I", 3),
    )


def track_header(track_id, seconds, volume):
    return full_box(
        b"tkhd",
        struct.pack(">5I8xHHH2x", 0, 0, track_id, 0, round(seconds * 1000), 0, 0, volume),
        IDENTITY_MATRIX,
        struct.pack(">II", 0, 0),
        flags=7,
    )


def media(timescale, duration, handler, media_header, sample_description, tables):
    return box(
        b"mdia",
        full_box(b"mdhd", struct.pack(">4IHH", 0, 0, timescale, duration, 0x55C4, 0)),
        full_box(b"hdlr", struct.pack(">I4s12x", 0, handler), b"Handler\0"),
        box(
            b"minf",
            media_header,
            box(b"dinf", full_box(b"dref", struct.pack(">I", 1), full_box(b"url ", flags=1))),
            box(b"stbl", sample_description, *tables),
        ),
    )


def sound_track(frames, sample_rate, bitrate, codec, audio_bytes, chunk_offset):
    frame_size = audio_bytes // frames if frames else 0
    tables = [
        full_box(b"stts", struct.pack(">III", 1, frames, AAC_FRAME_SAMPLES)),
        full_box(b"stsc", struct.pack(">IIII", 1, 1, frames, 1)),
        full_box(b"stsz", struct.pack(">II", frame_size, frames)),
        full_box(b"stco", struct.pack(">II", 1, chunk_offset)),
    ]
    entry = audio_sample_entry(codec, sample_rate, bitrate)
    return box(
        b"trak",
        track_header(1, frames * AAC_FRAME_SAMPLES / sample_rate, 0x100),
        media(
            sample_rate,
            frames * AAC_FRAME_SAMPLES,
            b"soun",
            full_box(b"smhd", struct.pack(">hH", 0, 0)),
            full_box(b"stsd", struct.pack(">I", 1), entry),
            tables,
        ),
    )


def audio_sample_entry(codec, sample_rate, bitrate):
    fields = struct.pack(">6xH8xHHHHI", 1, 2, 16, 0, 0, sample_rate << 16)
    if codec == "alac":
        cookie = struct.pack(">IBBBBBBHIII", 4096, 0, 16, 40, 10, 14, 2, 255, 0, 0, sample_rate)
        return box(b"alac", fields, full_box(b"alac", cookie))
    decoder_config = descriptor(
        0x04,
        struct.pack(">BB3sII", 0x40, 0x15, bytes(3), bitrate, bitrate),
        descriptor(0x05, bytes([0x12, 0x10])),  # AAC LC, 44.1 kHz, stereo
    )
    es = descriptor(0x03, struct.pack(">HB", 1, 0), decoder_config, descriptor(0x06, b"\x02"))
    return box(b"mp4a", fields, full_box(b"esds", es))


def video_trak(seconds):
    empty_tables = [
        full_box(b"stts", struct.pack(">I", 0)),
        full_box(b"stsc", struct.pack(">I", 0)),
        full_box(b"stsz", struct.pack(">II", 0, 0)),
        full_box(b"stco", struct.pack(">I", 0)),
    ]
    return box(
        b"trak",
        track_header(2, seconds, 0),
        media(
            600,
            round(seconds * 600),
            b"vide",
            full_box(b"vmhd", struct.pack(">HHHH", 0, 0, 0, 0), flags=1),
            full_box(b"stsd", struct.pack(">I", 0)),
            empty_tables,
        ),
    )


# Other formats' files, complete but for the compressed audio.


def flac_file(seconds, sample_rate=44100):
    samples = seconds * sample_rate
    streaminfo = struct.pack(">HH3s3s", 4096, 4096, bytes(3), bytes(3))
    # 20 bits sample rate, 3 bits channels - 1, 5 bits bits per sample - 1, 36 bits samples.
    packed = (sample_rate << 44) | (0 << 41) | (15 << 36) | samples
    streaminfo += packed.to_bytes(8, "big") + bytes(16)
    return b"fLaC" + bytes([0x80, 0, 0, len(streaminfo)]) + streaminfo


def opus_file(seconds):
    head = b"OpusHead" + struct.pack("<BBHIhB", 1, 1, 312, 48000, 0, 0)
    tags = b"OpusTags" + struct.pack("<I", 4) + b"test" + struct.pack("<I", 0)
    pages = []
    for sequence, (packet, position) in enumerate(
        [(head, 0), (tags, 0), (bytes(3), 312 + seconds * 48000)]
    ):
        page = OggPage()
        page.serial, page.sequence, page.position = 1, sequence, position
        page.packets = [packet]
        page.first = sequence == 0
        page.last = sequence == 2
        pages.append(page.write())
    return b"".join(pages)


class TestDemoAudio:
    def test_same_seed_same_file_other_seed_other_melody(self):
        first = generate_demo_mp3(5, seed="episode 1")
        assert generate_demo_mp3(5, seed="episode 1") == first
        assert generate_demo_mp3(5, seed="episode 2") != first

    def test_starts_with_an_info_frame_counting_the_audio_frames(self, mp3):
        offsets = frame_offsets(mp3)
        info_at = parse_frame_header(mp3[:4]).xing_offset
        tag, flags, frames, size = struct.unpack(">4sIII", mp3[info_at : info_at + 16])
        assert (tag, flags) == (b"Info", 3)
        assert frames == len(offsets) - 1
        assert size == len(mp3)

    def test_refuses_a_zero_length(self):
        with pytest.raises(ValueError):
            generate_demo_mp3(0)
