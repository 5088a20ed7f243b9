"""How trainings are ranked by return to work, and how the figures are said in words.

A training that 3 people took and all 3 found work has a 100% rate, but that says
little: with so few people it could be luck. So trainings are ranked by the *lower
bound* of the Wilson score interval of their 6-month in-work share: the lowest rate that
is still plausible (95% confidence) given how many people the figure rests on. 80 in
work out of 100 ranks above 3 out of 3 (bounds 0.71 and 0.44). Below `FEW_TRAINEES`
people, the figure is shown with a warning that it is uncertain.
See https://en.wikipedia.org/wiki/Binomial_proportion_confidence_interval#Wilson_score_interval
"""

import math

from django.utils.translation import gettext, ngettext

# The normal quantile for a two-sided 95% interval.
Z_95 = 1.959964
FEW_TRAINEES = 20


def wilson_lower_bound(successes, trials, z=Z_95):
    """Lower bound of the Wilson score interval for `successes` out of `trials` (0 when
    nobody was followed up)."""
    if trials <= 0:
        return 0.0
    share = successes / trials
    z2 = z * z
    centre = share + z2 / (2 * trials)
    margin = z * math.sqrt(share * (1 - share) / trials + z2 / (4 * trials * trials))
    return max(0.0, (centre - margin) / (1 + z2 / trials))


def people_in_work(share, trainees):
    """How many people a share stands for (shares come rounded in the survey)."""
    return round(share * trainees)


def rank_score(share, trainees):
    """What a training is ranked by: the lower bound of its 6-month in-work share."""
    return wilson_lower_bound(people_in_work(share, trainees), trainees)


def is_uncertain(trainees):
    """Whether a figure rests on too few people to be more than an indication."""
    return trainees < FEW_TRAINEES


def in_work_in_words(share, trainees, months=6):
    """The share said plainly, e.g. "7 in 10 people were in work 6 months after, out of
    84 who took it"; with fewer than 10 people, as a count ("2 of the 3 people …")."""
    if trainees < 10 or share in (0, 1):
        return _as_count(people_in_work(share, trainees), trainees, months)
    tenths = round(share * 10)
    if tenths == 0:
        text = gettext("Fewer than 1 in 10 people were in work %(months)s months after")
    elif tenths == 10:
        text = gettext("More than 9 in 10 people were in work %(months)s months after")
    else:
        text = gettext("%(tenths)s in 10 people were in work %(months)s months after")
    out_of = ngettext(
        "out of %(trainees)s who took it", "out of %(trainees)s who took it", trainees
    )
    values = {"tenths": tenths, "months": months, "trainees": trainees}
    return gettext("%(share)s, %(out_of)s.") % {"share": text % values, "out_of": out_of % values}


def _as_count(in_work, trainees, months):
    values = {"in_work": in_work, "trainees": trainees, "months": months}
    if in_work == 0:
        text = ngettext(
            "The %(trainees)s person who took it was not in work %(months)s months after.",
            "None of the %(trainees)s people who took it were in work %(months)s months after.",
            trainees,
        )
    elif in_work == trainees:
        text = ngettext(
            "The %(trainees)s person who took it was in work %(months)s months after.",
            "All %(trainees)s people who took it were in work %(months)s months after.",
            trainees,
        )
    else:
        text = ngettext(
            "%(in_work)s of the %(trainees)s people who took it was in work "
            "%(months)s months after.",
            "%(in_work)s of the %(trainees)s people who took it were in work "
            "%(months)s months after.",
            in_work,
        )
    return text % values
