"""Ranking by return to work: the Wilson lower bound on known values, small groups not
ranked above large ones on luck, the uncertainty flag, and the figures in plain words."""

import pytest

from training_finder.ranking import (
    FEW_TRAINEES,
    in_work_in_words,
    is_uncertain,
    people_in_work,
    rank_score,
    wilson_lower_bound,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("successes", "trials", "expected"),
    [
        # Worked by hand from the formula (z = 1.96); 80/100 is the textbook example.
        (80, 100, 0.7112),
        (3, 3, 0.4385),
        (0, 10, 0.0),
        (10, 10, 0.7225),
        (50, 100, 0.4038),
        (1, 2, 0.0945),
    ],
)
def test_wilson_lower_bound_on_known_values(successes, trials, expected):
    assert wilson_lower_bound(successes, trials) == pytest.approx(expected, abs=1e-4)


def test_nobody_followed_up_is_the_lowest_bound():
    assert wilson_lower_bound(0, 0) == 0.0


def test_the_bound_never_exceeds_the_observed_share():
    for trials in (1, 3, 20, 500):
        for successes in range(trials + 1):
            assert wilson_lower_bound(successes, trials) <= successes / trials + 1e-12


def test_three_out_of_three_does_not_outrank_eighty_out_of_a_hundred():
    assert rank_score(1.0, 3) < rank_score(0.8, 100)


def test_more_people_behind_the_same_share_ranks_higher():
    assert rank_score(0.7, 10) < rank_score(0.7, 100) < rank_score(0.7, 1000)


def test_rounded_shares_stand_for_whole_people():
    assert people_in_work(0.714, 84) == 60
    assert people_in_work(2 / 3, 3) == 2


def test_few_trainees_are_flagged_below_the_threshold():
    assert FEW_TRAINEES == 20
    assert is_uncertain(3)
    assert is_uncertain(19)
    assert not is_uncertain(20)
    assert not is_uncertain(500)


@pytest.mark.parametrize(
    ("share", "trainees", "words"),
    [
        (0.7, 84, "7 in 10 people were in work 6 months after, out of 84 who took it."),
        (0.66, 50, "7 in 10 people were in work 6 months after, out of 50 who took it."),
        (
            0.04,
            100,
            "Fewer than 1 in 10 people were in work 6 months after, out of 100 who took it.",
        ),
        (
            0.97,
            100,
            "More than 9 in 10 people were in work 6 months after, out of 100 who took it.",
        ),
        (2 / 3, 3, "2 of the 3 people who took it were in work 6 months after."),
        (1 / 3, 3, "1 of the 3 people who took it was in work 6 months after."),
        (1.0, 3, "All 3 people who took it were in work 6 months after."),
        (0.0, 5, "None of the 5 people who took it were in work 6 months after."),
        (1.0, 1, "The 1 person who took it was in work 6 months after."),
        (1.0, 40, "All 40 people who took it were in work 6 months after."),
    ],
)
def test_the_rate_in_plain_words(share, trainees, words):
    assert in_work_in_words(share, trainees) == words


def test_twelve_months_in_words():
    assert in_work_in_words(0.8, 84, months=12) == (
        "8 in 10 people were in work 12 months after, out of 84 who took it."
    )
