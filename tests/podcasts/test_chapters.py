"""Chapters typed as lines become Podcasting 2.0 JSON chapters; mistakes are named by line."""

import json

import pytest
from django.core.exceptions import ValidationError

from podcasts.chapters import (
    Chapter,
    chapter_lines,
    chapters_json,
    parse_chapter_lines,
    validate_chapters,
)


def messages(text, **options):
    with pytest.raises(ValidationError) as caught:
        parse_chapter_lines(text, **options)
    return [(error.code, error.messages[0]) for error in caught.value.error_list]


class TestParseLines:
    def test_times_and_titles(self):
        text = "0:00 Welcome\n12:30 Writing your CV\n\n1:02:03 - Questions from listeners\n"
        assert parse_chapter_lines(text) == [
            Chapter(0, "Welcome"),
            Chapter(750, "Writing your CV"),
            Chapter(3723, "Questions from listeners"),
        ]

    @pytest.mark.parametrize("separator", [" ", "  ", " - ", " – ", " — ", " | ", ": ", "\t"])
    def test_common_separators(self, separator):
        assert parse_chapter_lines(f"5:00{separator}Interview tips") == [
            Chapter(300, "Interview tips")
        ]

    def test_titles_may_start_with_digits_and_contain_separators(self):
        assert parse_chapter_lines("0:00 10 tips - for interviews") == [
            Chapter(0, "10 tips - for interviews")
        ]

    def test_fractions_of_a_second_and_windows_line_endings(self):
        chapters = parse_chapter_lines("0:00.5 Intro\r\n90:00 Long show\r\n")
        assert chapters == [Chapter(0.5, "Intro"), Chapter(5400, "Long show")]

    def test_empty_text_has_no_chapters(self):
        assert parse_chapter_lines(" \n\n") == []

    def test_line_without_a_time(self):
        [(code, text)] = messages("0:00 Welcome\nWriting your CV")
        assert code == "missing_time"
        assert text.startswith("Line 2 does not start with a time.")

    @pytest.mark.parametrize("time", ["1:75", "1:60:00", "12:5", "1:2:03"])
    def test_invalid_time(self, time):
        [(code, text)] = messages(f"{time} Writing your CV")
        assert code == "bad_time"
        assert text.startswith(f"Line 1: “{time}” is not a valid time.")

    def test_missing_title(self):
        [(code, text)] = messages("0:00 Welcome\n\n12:30 -")
        assert code == "missing_title"
        assert text == "Line 3: add a title for the chapter at 12:30."

    def test_times_must_go_up(self):
        [(code, text)] = messages("0:00 Welcome\n12:30 Writing your CV\n10:00 Interview tips")
        assert code == "chapter_order"
        assert text.startswith("Line 3: 10:00 is not later than the chapter before it (12:30).")

    def test_two_chapters_at_the_same_time(self):
        [(code, _text)] = messages("0:00 Welcome\n0:00 Also welcome")
        assert code == "chapter_order"

    def test_within_the_duration(self):
        text = "0:00 Welcome\n12:30 Writing your CV\n58:00 Goodbye"
        assert len(parse_chapter_lines(text, duration_seconds=3481)) == 3
        [(code, message)] = messages(text, duration_seconds=3480)
        assert code == "after_end"
        assert message == "Line 3: 58:00 is not before the end of the episode (58:00)."

    def test_every_problem_is_reported(self):
        found = messages("Welcome\n0:00 Intro\n0:99 Oops\n5:00\n4:00 Back")
        assert [(code, text.split()[1].rstrip(":")) for code, text in found] == [
            ("missing_time", "1"),
            ("bad_time", "3"),
            ("missing_title", "4"),
            ("chapter_order", "5"),
        ]
        assert found[3][1].startswith("Line 5: 4:00 is not later than the chapter before it (5:00)")


class TestValidateChapters:
    def test_pairs_become_chapters(self):
        assert validate_chapters([(0, "Welcome"), (90.5, "Tips")], 120) == [
            Chapter(0, "Welcome"),
            Chapter(90.5, "Tips"),
        ]

    def test_problems_are_named_by_chapter_number(self):
        chapters = [Chapter(-1, "Before"), Chapter(30, "Fine"), (20, "Back"), (200, " ")]
        with pytest.raises(ValidationError) as caught:
            validate_chapters(chapters, duration_seconds=120)
        assert [(e.code, e.messages[0]) for e in caught.value.error_list] == [
            ("negative_time", "Chapter 1: a chapter cannot start before 0:00."),
            (
                "chapter_order",
                "Chapter 3: 0:20 is not later than the chapter before it (0:30). "
                "List the chapters in time order.",
            ),
            ("missing_title", "Chapter 4: add a title for the chapter at 3:20."),
        ]

    def test_after_the_end(self):
        with pytest.raises(ValidationError) as caught:
            validate_chapters([(0, "Welcome"), (120, "Too late")], duration_seconds=120)
        assert caught.value.error_list[0].code == "after_end"


class TestJson:
    def test_podcasting_2_format(self):
        chapters = [Chapter(0, "Welcome"), Chapter(750, "Writing your CV"), Chapter(90.5, "x")]
        document = chapters_json(chapters, title="Episode 1")
        assert document == {
            "version": "1.2.0",
            "title": "Episode 1",
            "chapters": [
                {"startTime": 0, "title": "Welcome"},
                {"startTime": 750, "title": "Writing your CV"},
                {"startTime": 90.5, "title": "x"},
            ],
        }
        assert json.loads(json.dumps(document)) == document

    def test_whole_seconds_are_integers_and_title_is_optional(self):
        document = chapters_json([Chapter(12.0, "Intro")])
        assert document == {"version": "1.2.0", "chapters": [{"startTime": 12, "title": "Intro"}]}
        assert isinstance(document["chapters"][0]["startTime"], int)


def test_lines_round_trip():
    text = "0:00 Welcome\n12:30 Writing your CV\n1:02:03 Questions"
    chapters = parse_chapter_lines(text)
    assert chapter_lines(chapters) == text
    assert parse_chapter_lines(chapter_lines(chapters)) == chapters
