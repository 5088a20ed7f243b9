"""The hiring-potential model on histories made by hand, where the right answer can be
worked out on paper; and the floors: no company is ever shown as hopeless."""

import ast
import datetime
import math

import pytest
from django.conf import settings
from django_q.models import Schedule
from hypothesis import given
from hypothesis import strategies as st

from hidden_vacancies import scoring
from hidden_vacancies.models import FitRun, HiringForecast, HiringPotential
from portal.scheduling import ensure_schedules
from tests.hidden_vacancies.conftest import add_hires, make_establishment, months_back

pytestmark = pytest.mark.django_db

FLAT = dict.fromkeys(range(1, 13), 1.0)
LAST = datetime.date(2025, 12, 1)
LAST_INDEX = scoring.month_index(LAST)


def test_months_are_numbered_consecutively():
    assert (
        scoring.month_index(datetime.date(2025, 1, 1))
        - scoring.month_index(datetime.date(2024, 12, 1))
        == 1
    )
    assert scoring.calendar_month(scoring.month_index(datetime.date(2025, 7, 1))) == 7


def test_a_division_that_hires_the_same_every_month_has_no_season():
    assert scoring.seasonal_factors(dict.fromkeys(range(1, 13), 20)) == FLAT
    assert scoring.seasonal_factors({}) == FLAT


def test_a_summer_peak_is_a_seasonal_factor_shrunk_and_bounded():
    factors = scoring.seasonal_factors({7: 40})
    # mean 40/12; July (40 + 5) / (40/12 + 5) = 5.4, bounded to 4; other months 5 / 8.33.
    assert factors[7] == 4.0
    assert factors[1] == pytest.approx(0.6)


def test_the_level_of_a_steady_history_is_its_monthly_hires():
    history = {LAST_INDEX - k: 10 for k in range(24)}
    assert scoring.smoothed_level(history, LAST_INDEX, FLAT) == pytest.approx(10)


def test_recent_months_count_most():
    last_only = scoring.smoothed_level({LAST_INDEX: 10}, LAST_INDEX, FLAT)
    two_years_ago = scoring.smoothed_level({LAST_INDEX - 23: 10}, LAST_INDEX, FLAT)
    weight = scoring.ALPHA / (1 - (1 - scoring.ALPHA) ** 24)
    assert last_only == pytest.approx(10 * weight)
    assert two_years_ago == pytest.approx(10 * weight * (1 - scoring.ALPHA) ** 23)
    assert sum(scoring.smoothing_weights()) == pytest.approx(1)


def test_hires_in_a_busy_month_count_for_less():
    july = scoring.month_index(datetime.date(2025, 7, 1))
    seasonal = {**FLAT, 7: 2.0}
    level = scoring.smoothed_level({july: 10}, july, seasonal)
    assert level == pytest.approx(scoring.smoothed_level({july: 5}, july, FLAT))


def test_few_hires_lean_on_the_peers():
    # Six hires in two years: half its own level, half its peers'.
    assert scoring.shrunk_level(10, 6, 2) == pytest.approx(6)
    assert scoring.shrunk_level(10, 0, 2) == 2
    assert scoring.shrunk_level(10, 600, 2) == pytest.approx(10 - 8 * 6 / 606)


def test_the_next_six_months_follow_the_season():
    assert scoring.six_month_hires(10, LAST_INDEX, FLAT) == pytest.approx(60)
    # From December: January to June, with a factor 2 in June.
    assert scoring.six_month_hires(10, LAST_INDEX, {**FLAT, 6: 2.0}) == pytest.approx(70)


@pytest.mark.parametrize(
    ("expected", "score", "stars"),
    [(0, 10, 1), (0.1, 10, 1), (0.25, 22, 2), (0.5, 39, 2), (1, 63, 4), (2, 86, 5), (40, 100, 5)],
)
def test_scores_are_the_chance_of_a_hire_and_stars_follow(expected, score, stars):
    assert scoring.hiring_score(expected) == score
    assert scoring.hiring_potential_stars(score) == stars


@given(st.floats(min_value=-10, max_value=1e9, allow_nan=False))
def test_no_company_is_ever_below_the_floor(expected):
    score = scoring.hiring_score(expected)
    assert scoring.MIN_SCORE <= score <= 100
    assert 1 <= scoring.hiring_potential_stars(score) <= 5


def test_stars_are_floored_at_one():
    assert scoring.hiring_potential_stars(0) == 1
    assert [scoring.hiring_potential_stars(s) for s in (19, 20, 40, 60, 80)] == [1, 2, 3, 4, 5]


def _history(establishment, per_month):
    for month in months_back(LAST, 24):
        if per_month:
            add_hires(
                establishment,
                month,
                permanent=per_month // 2,
                fixed_term=per_month - per_month // 2,
            )


@pytest.fixture
def restaurants(municipalities):
    """Three restaurants near Lyon (region 84), worked out by hand below:

    - A, large, 10 hires every month: level 10, alone among its peers;
    - B, micro, no hires: its peers' (B and C) average level 0.5;
    - C, micro, 1 hire every month: 24 hires, credibility 24/30, level 0.8 × 1 + 0.2 × 0.5.
    The division hires the same every month, so it has no season.
    """
    lyon, villeurbanne = municipalities["Lyon"], municipalities["Villeurbanne"]
    a = make_establishment(lyon, 1, size_band="large")
    b = make_establishment(lyon, 2, size_band="micro")
    c = make_establishment(villeurbanne, 3, size_band="micro")
    _history(a, 10)
    _history(c, 1)
    return a, b, c


def _potential(establishment, code):
    return HiringPotential.objects.get(establishment=establishment, occupation__code=code)


def test_the_fit_gives_the_answers_worked_out_by_hand(restaurants):
    a, b, c = restaurants
    run = scoring.fit_hiring_potential()
    assert (run.establishments, run.finished_at is not None) == (3, True)
    # Cooks are a quarter of the division's hires (the seed mapping: 56 → 5120, 0.25).
    expected_for_cooks = {a: 60 * 0.25, b: 0.5 * 6 * 0.25, c: 0.9 * 6 * 0.25}
    for establishment, expected in expected_for_cooks.items():
        potential = _potential(establishment, "5120")
        assert potential.score == max(10, round(100 * (1 - math.exp(-expected))))
    assert [_potential(e, "5120").score for e in (a, b, c)] == [100, 53, 74]
    assert [_potential(e, "5120").stars for e in (a, b, c)] == [5, 3, 4]
    # What the explanation rests on: hires in the last 12 months, and the cooks' share.
    cook_a = _potential(a, "5120")
    assert (cook_a.hires_last_12_months, cook_a.similar_hires_last_12_months) == (120, 30)
    assert HiringForecast.objects.get(pk=a.pk).level == pytest.approx(10)


def test_scores_exist_only_for_occupations_the_sector_hires(restaurants):
    scoring.fit_hiring_potential()
    a = restaurants[0]
    codes = set(
        HiringPotential.objects.filter(establishment=a).values_list("occupation__code", flat=True)
    )
    assert codes == {"5120", "5131", "9412", "5246", "5132"}
    assert not HiringPotential.objects.filter(occupation__code="2512").exists()


def test_refitting_gives_the_same_scores(restaurants):
    scoring.fit_hiring_potential()
    first = sorted(HiringPotential.objects.values_list("establishment", "occupation", "score"))
    scoring.fit_hiring_potential()
    assert (
        sorted(HiringPotential.objects.values_list("establishment", "occupation", "score")) == first
    )
    assert FitRun.objects.count() == 2


def test_a_company_that_never_hired_alone_among_its_peers_still_gets_one_star(municipalities):
    lonely = make_establishment(municipalities["Paris"], 9, size_band="medium")
    add_hires(make_establishment(municipalities["Lyon"], 8), LAST, permanent=1)
    scoring.fit_hiring_potential()
    potential = _potential(lonely, "5120")
    assert (potential.score, potential.stars) == (scoring.MIN_SCORE, 1)


def test_fitting_without_any_hiring_data_does_nothing(municipalities):
    run = scoring.fit_hiring_potential()
    assert (run.establishments, run.potentials) == (0, 0)


def test_the_fit_runs_every_night_in_the_background():
    ensure_schedules()
    job = Schedule.objects.get(func="hidden_vacancies.scoring.fit_hiring_potential")
    assert job.schedule_type == Schedule.DAILY
    assert job.repeats == -1
    # It may take longer than other jobs, and is never handed to a second worker.
    timeout = ast.literal_eval(job.kwargs)["q_options"]["timeout"]
    assert timeout > settings.Q_CLUSTER["timeout"]
    assert settings.Q_CLUSTER["retry"] > timeout
