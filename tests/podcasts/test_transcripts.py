"""Transcripts parse as podcast apps read them, and mistakes are reported by line."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from podcasts.transcripts import (
    TRANSCRIPT_MAX_BYTES,
    Cue,
    Paragraph,
    format_timestamp,
    parse_transcript,
)

VTT = """WEBVTT Kind: captions
Language: en

NOTE This transcript was checked by the editor.
It spans two lines.

STYLE
::cue { color: white; }

intro
00:00.000 --> 00:04.200 align:start position:10%
<v Aino Virtanen>Welcome to <i>Working Life</i>,
the podcast about finding work.

00:04.200 --> 00:00:09.000
<v.host Aino Virtanen>Today: writing your CV &amp; cover letter.

3
00:00:09.500 --> 00:00:12.000
<v Omar>Thanks, Aino. <c.yellow>Let's</c> start.

00:01:00.000 --> 00:01:02.000
</v>No speaker here.
"""

SRT = """1
00:00:00,000 --> 00:00:02,760
Sarah: In today's episode,
you'll learn <i>whether</i> or not you

2
00:00:02,760 --> 00:00:06,090
{\\an8}should have a podcast trailer.

3
00:00:06.090 --> 00:00:11.610
"""


def refusal(source, filename=None):
    with pytest.raises(ValidationError) as caught:
        parse_transcript(source, filename)
    [text] = caught.value.messages
    return caught.value.code, text


class TestWebVtt:
    def test_cues_times_speakers_and_plain_text(self):
        transcript = parse_transcript(VTT)
        assert transcript.format == "vtt"
        assert transcript.mime_type == "text/vtt"
        assert transcript.cues == (
            Cue(
                0.0,
                4.2,
                "Welcome to Working Life, the podcast about finding work.",
                "Aino Virtanen",
            ),
            Cue(4.2, 9.0, "Today: writing your CV & cover letter.", "Aino Virtanen"),
            Cue(9.5, 12.0, "Thanks, Aino. Let's start.", "Omar"),
            Cue(60.0, 62.0, "No speaker here.", None),
        )
        assert transcript.end_seconds == 62.0

    def test_bytes_with_bom_and_crlf_give_the_same_transcript(self):
        data = "\ufeff".encode() + VTT.replace("\n", "\r\n").encode()
        assert data.startswith(b"\xef\xbb\xbfWEBVTT")
        assert parse_transcript(data, "episode.vtt") == parse_transcript(VTT)

    def test_open_file_is_read_and_rewound(self):
        uploaded = SimpleUploadedFile("episode.vtt", VTT.encode(), content_type="text/vtt")
        assert parse_transcript(uploaded, uploaded.name) == parse_transcript(VTT)
        assert uploaded.tell() == 0

    def test_hours_may_be_left_out_or_longer_than_two_digits(self):
        transcript = parse_transcript("WEBVTT\n\n59:59.999 --> 100:00:00.000\nLong.\n")
        assert transcript.cues[0].start_seconds == pytest.approx(3599.999)
        assert transcript.cues[0].end_seconds == 360000.0

    def test_format_is_recognised_by_content_not_name(self):
        assert parse_transcript(VTT, "transcript.srt").format == "vtt"
        assert parse_transcript(VTT, "transcript.txt").format == "vtt"

    def test_missing_header_in_a_vtt_file(self):
        code, text = refusal(SRT, "episode.vtt")
        assert code == "missing_header"
        assert "Line 1" in text
        assert "WEBVTT" in text

    def test_header_must_be_exactly_webvtt(self):
        code, _text = refusal("WEBVTTX\n\n00:00.000 --> 00:01.000\nHi\n", "episode.vtt")
        assert code == "missing_header"

    def test_header_only(self):
        code, text = refusal("WEBVTT\n\nNOTE nothing yet\n")
        assert code == "no_cues"
        assert "no cues" in text

    @pytest.mark.parametrize(
        ("timestamp", "line"),
        [("00:00:1.000", 3), ("00:60.000", 3), ("00:00.5", 3), ("00:00:00,000", 3)],
    )
    def test_bad_timestamp_names_the_line_and_the_timestamp(self, timestamp, line):
        code, text = refusal(f"WEBVTT\n\n{timestamp} --> 00:00:02.000\nHello\n")
        assert code == "bad_timestamp"
        assert f"Line {line}:" in text
        assert f"“{timestamp}”" in text

    def test_bad_timestamp_further_down(self):
        source = VTT + "\n00:01:03.000 --> 00:01:0x.000\nOops\n"
        code, text = refusal(source)
        assert code == "bad_timestamp"
        assert text.startswith(f"Line {VTT.count(chr(10)) + 2}:")

    def test_end_before_start(self):
        code, text = refusal("WEBVTT\n\n00:00:05.000 --> 00:00:04.000\nHello\n")
        assert code == "end_before_start"
        assert "Line 3:" in text
        assert "00:00:04.000" in text

    def test_cue_starting_before_the_previous_one(self):
        source = (
            "WEBVTT\n\n00:10.000 --> 00:12.000\nFirst\n\n"
            "00:13.000 --> 00:14.000\nSecond\n\n00:11.000 --> 00:15.000\nThird\n"
        )
        code, text = refusal(source)
        assert code == "cue_order"
        assert "Line 9: cue 3 starts at 00:11.000" in text
        assert "(00:13.000)" in text

    def test_cues_starting_together_are_in_order(self):
        source = "WEBVTT\n\n00:01.000 --> 00:03.000\nA\n\n00:01.000 --> 00:02.000\nB\n"
        assert len(parse_transcript(source).cues) == 2

    def test_cue_without_timing(self):
        code, text = refusal("WEBVTT\n\nintro\nWelcome\n")
        assert code == "missing_timing"
        assert "Line 4:" in text

    def test_missing_blank_line_between_cues(self):
        source = "WEBVTT\n\n00:01.000 --> 00:02.000\nA\n00:02.000 --> 00:03.000\nB\n"
        code, text = refusal(source)
        assert code == "missing_blank_line"
        assert "Line 5:" in text


class TestSrt:
    def test_cues_in_plain_text(self):
        transcript = parse_transcript(SRT.encode(), "episode.srt")
        assert transcript.format == "srt"
        assert transcript.mime_type == "application/x-subrip"
        assert transcript.cues == (
            Cue(0.0, 2.76, "Sarah: In today's episode, you'll learn whether or not you"),
            Cue(2.76, 6.09, "should have a podcast trailer."),
            Cue(6.09, 11.61, ""),
        )

    def test_recognised_without_a_file_name(self):
        assert parse_transcript(SRT).format == "srt"

    def test_bad_timestamp(self):
        code, text = refusal("1\n00:00:01,000 --> 00:00:02\nHello\n", "episode.srt")
        assert code == "bad_timestamp"
        assert text.startswith("Line 2:")
        assert "“00:00:02”" in text

    def test_vtt_style_short_timestamp_is_not_srt(self):
        code, text = refusal("1\n00:01,000 --> 00:00:02,000\nHello\n")
        assert code == "bad_timestamp"
        assert "00:01:02,500" in text  # the example shows the SRT form

    def test_block_without_number_or_timing(self):
        code, text = refusal(SRT + "\nstray text\n")
        assert code == "bad_cue"
        assert text.startswith(f"Line {SRT.count(chr(10)) + 2}:")

    def test_number_without_timing(self):
        code, text = refusal("1\n00:00:01,000 --> 00:00:02,000\nHi\n\n2\nThere\n")
        assert code == "missing_timing"
        assert "Line 6:" in text


class TestRefusedFiles:
    def test_not_utf8_names_the_line(self):
        data = "WEBVTT\n\n00:01.000 --> 00:02.000\nHyvää päivää\n".encode("latin-1")
        code, text = refusal(data)
        assert code == "not_utf8"
        assert "Line 4" in text
        assert "UTF-8" in text

    def test_utf16(self):
        code, text = refusal("WEBVTT\n".encode("utf-16"))
        assert code == "not_utf8"
        assert "UTF-16" in text

    @pytest.mark.parametrize("source", [b"", "", "\ufeff  \r\n\n", b"\xef\xbb\xbf"])
    def test_empty(self, source):
        code, text = refusal(source)
        assert code == "empty"
        assert "empty" in text

    def test_neither_format(self):
        code, text = refusal("Welcome to Working Life.\nToday we talk about CVs.\n")
        assert code == "unknown_format"
        assert "WEBVTT" in text

    def test_too_large(self):
        cue = "00:00.000 --> 00:01.000\n" + "x" * 1000 + "\n\n"
        source = "WEBVTT\n\n" + cue * (TRANSCRIPT_MAX_BYTES // len(cue) + 1)
        code, text = refusal(source)
        assert code == "too_large"
        assert "2.0\xa0MB" in text

    def test_too_large_file_is_refused_by_its_size(self):
        uploaded = SimpleUploadedFile("big.vtt", b"WEBVTT\n\n", content_type="text/vtt")
        uploaded.size = TRANSCRIPT_MAX_BYTES + 1
        code, _text = refusal(uploaded)
        assert code == "too_large"

    def test_large_text_within_the_limit_is_accepted(self):
        cue = "00:00.000 --> 00:01.000\n" + "x" * 1000 + "\n\n"
        source = "WEBVTT\n\n" + cue * (TRANSCRIPT_MAX_BYTES // len(cue) - 1)
        assert len(parse_transcript(io.BytesIO(source.encode())).cues) > 2000


class TestParagraphs:
    def test_new_paragraph_when_the_speaker_changes(self):
        paragraphs = parse_transcript(VTT).paragraphs()
        assert paragraphs == [
            Paragraph(
                0.0,
                "Welcome to Working Life, the podcast about finding work. "
                "Today: writing your CV & cover letter.",
                "Aino Virtanen",
            ),
            Paragraph(9.5, "Thanks, Aino. Let's start.", "Omar"),
            Paragraph(60.0, "No speaker here.", None),
        ]
        assert [paragraph.timestamp for paragraph in paragraphs] == ["0:00", "0:09", "1:00"]

    def test_new_paragraph_after_a_pause(self):
        source = vtt_cues([(0, 2, "One."), (2, 4, "Two."), (6.5, 8, "After a pause.")])
        texts = [p.text for p in parse_transcript(source).paragraphs()]
        assert texts == ["One. Two.", "After a pause."]

    def test_long_speech_breaks_at_a_sentence_end(self):
        words = ["one", "two", "three.", "four", "five", "six", "seven.", "eight", "nine."]
        source = vtt_cues([(n, n + 1, word) for n, word in enumerate(words)])
        paragraphs = parse_transcript(source).paragraphs(max_cues=4)
        assert [p.text for p in paragraphs] == [
            "one two three. four five six seven.",
            "eight nine.",
        ]
        assert [p.start_seconds for p in paragraphs] == [0, 7]

    def test_speech_without_sentence_ends_breaks_at_twice_max_cues(self):
        source = vtt_cues([(n, n + 1, f"w{n}") for n in range(10)])
        paragraphs = parse_transcript(source).paragraphs(max_cues=3)
        assert [len(p.text.split()) for p in paragraphs] == [6, 4]

    def test_empty_cues_are_left_out(self):
        paragraphs = parse_transcript(SRT).paragraphs()
        assert [p.text for p in paragraphs] == [
            "Sarah: In today's episode, you'll learn whether or not you "
            "should have a podcast trailer."
        ]

    def test_plain_text(self):
        source = vtt_cues([(0, 1, "One."), (5, 6, "Two.")])
        assert parse_transcript(source).plain_text() == "One.\nTwo."


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [
        (0, "0:00"),
        (9.99, "0:09"),
        (123, "2:03"),
        (3599, "59:59"),
        (3600, "1:00:00"),
        (3723, "1:02:03"),
    ],
)
def test_format_timestamp(seconds, expected):
    assert format_timestamp(seconds) == expected


def test_format_timestamp_refuses_negative_times():
    with pytest.raises(ValueError):
        format_timestamp(-1)


def vtt_cues(cues):
    blocks = [f"{vtt_time(start)} --> {vtt_time(end)}\n{text}" for start, end, text in cues]
    return "WEBVTT\n\n" + "\n\n".join(blocks) + "\n"


def vtt_time(seconds):
    return f"{int(seconds // 3600):02d}:{int(seconds // 60 % 60):02d}:{seconds % 60:06.3f}"
