"""Plausible sample trainings and outcomes, the same for the same seed.

Trainings lead to common occupations (care assistant, forklift driver, web developer …),
are held in real municipalities (more of them in bigger towns) or online, and their
outcomes rest on groups of very different sizes, some of only 3 to 9 people, so the
ranking's handling of small samples shows. The rows are the import files' rows
(docs/training-finder.md): the sample goes through the same validation as real data.
"""

import datetime
import math
import random
from dataclasses import dataclass


@dataclass(frozen=True)
class Course:
    """A kind of training: what it leads to, what it is called, what it usually takes."""

    codes: tuple
    titles: tuple
    hours: tuple
    cost: tuple
    in_work: float
    online: bool = False


COURSES = (
    Course(
        ("5321",),
        (
            "Care assistant diploma",
            "Health care assistant: preparing the state diploma",
            "Care assistant in hospitals and care homes",
        ),
        (600, 1400),
        (2000, 6500),
        0.8,
    ),
    Course(
        ("5322",),
        ("Home care worker certificate", "Caring for older people at home"),
        (300, 700),
        (900, 3000),
        0.76,
    ),
    Course(
        ("8344", "9333"),
        (
            "Forklift truck licence (categories 1, 3 and 5)",
            "Forklift driver: safety certificate",
            "Warehouse operative and forklift driver",
        ),
        (21, 140),
        (400, 1600),
        0.7,
    ),
    Course(
        ("2513",),
        ("Web developer bootcamp", "Front-end web developer", "Full-stack web developer"),
        (400, 1200),
        (3000, 7500),
        0.62,
        online=True,
    ),
    Course(
        ("2512",),
        (
            "Software developer (Java)",
            "Python programming for a first developer job",
            "Application developer",
        ),
        (500, 1400),
        (3000, 8000),
        0.64,
        online=True,
    ),
    Course(
        ("2411", "4311"),
        (
            "Accounting and payroll assistant",
            "Bookkeeping and accounts",
            "Management accountant qualification",
        ),
        (300, 900),
        (1500, 5500),
        0.66,
        online=True,
    ),
    Course(
        ("5120",),
        (
            "Cook: vocational certificate",
            "Commercial kitchen cook",
            "Cooking for schools and care homes",
        ),
        (400, 1200),
        (1500, 5000),
        0.72,
    ),
    Course(("9412",), ("Kitchen assistant",), (70, 300), (300, 1200), 0.6),
    Course(
        ("7411",),
        (
            "Building electrician",
            "Electrical installations: qualification",
            "Electrician: renewable energy installations",
        ),
        (500, 1200),
        (2500, 7000),
        0.8,
    ),
    Course(
        ("7126",),
        ("Plumber and heating installer", "Plumbing: vocational certificate"),
        (500, 1100),
        (2500, 6500),
        0.79,
    ),
    Course(
        ("8332",),
        ("Heavy goods vehicle licence (C and CE)", "Lorry driver: initial qualification"),
        (140, 420),
        (2500, 5500),
        0.77,
    ),
    Course(
        ("5131",),
        ("Restaurant and bar service", "Waiter and waitress: the essentials"),
        (150, 600),
        (600, 2500),
        0.64,
    ),
    Course(
        ("5311",),
        ("Early childhood assistant", "Childminder: approval training"),
        (120, 900),
        (600, 4000),
        0.71,
    ),
    Course(
        ("9112",), ("Professional cleaning: hygiene and techniques",), (70, 350), (300, 1500), 0.62
    ),
    Course(
        ("4226", "4222"),
        ("Receptionist and customer contact", "Customer contact adviser"),
        (200, 600),
        (900, 3000),
        0.57,
        online=True,
    ),
    Course(
        ("5223",),
        ("Retail sales assistant", "Sales assistant: food and non-food retail"),
        (200, 700),
        (900, 3500),
        0.59,
    ),
    Course(
        ("5414",),
        ("Security officer licence", "Security guard: vocational certificate"),
        (175, 420),
        (1200, 2800),
        0.74,
    ),
    Course(
        ("7212",),
        ("Welder: TIG, MIG and arc welding", "Industrial welder"),
        (400, 1000),
        (2500, 7000),
        0.82,
    ),
    Course(
        ("4120",),
        ("Office assistant and secretary", "Medical secretary"),
        (300, 900),
        (1200, 4000),
        0.58,
        online=True,
    ),
)
PROVIDERS_IN_TOWN = (
    "{town} Vocational Training Centre",
    "Chamber of Trades, {town}",
    "{town} Adult Education College",
    "Compass Training, {town}",
    "Atelier Skills {town}",
)
PROVIDERS_ONLINE = ("LearnWork Online", "Digital Campus", "Trellis Academy", "OpenSkills")
FUNDING = ("public", "employer", "personal-account")
FULL_TIME_HOURS, PART_TIME_HOURS = 35, 20


@dataclass(frozen=True)
class SamplePlace:
    geonameid: int
    name: str
    population: int


def sample_trainings(count, seed, places, today, prefix="TF"):
    """`count` rows of the trainings file, in `places` (SamplePlace) or online."""
    rng = random.Random(f"{seed}:trainings")  # noqa: S311 - sample data, not secrets
    places = sorted(places, key=lambda place: place.geonameid)
    # More trainings in bigger towns, but not all in the capital.
    weights = _cumulative(math.sqrt(place.population) for place in places)
    for number in range(1, count + 1):
        course = rng.choice(COURSES)
        place = _mode_and_place(rng, course, places, weights)
        yield _training_row(rng, f"{prefix}-{number:06d}", course, *place, today)


def _cumulative(values):
    total, cumulative = 0.0, []
    for value in values:
        total += value
        cumulative.append(total)
    return cumulative


def _mode_and_place(rng, course, places, weights):
    draw = rng.random()
    if course.online and draw < 0.3:
        return "online", None
    mode = "blended" if draw > 0.85 else "in-person"
    return mode, rng.choices(places, cum_weights=weights)[0]


def _training_row(rng, identifier, course, mode, place, today):
    hours = rng.randrange(course.hours[0], course.hours[1] + 1)
    per_week = rng.choice((FULL_TIME_HOURS, FULL_TIME_HOURS, PART_TIME_HOURS))
    cost = 0 if rng.random() < 0.35 else int(round(rng.uniform(*course.cost), -1))
    return {
        "identifier": identifier,
        "title": rng.choice(course.titles),
        "provider": _provider(rng, place),
        "occupations": "|".join(course.codes),
        "mode": mode,
        "municipality_geonameid": place.geonameid if place else "",
        "duration_hours": hours,
        "duration_weeks": math.ceil(hours / per_week),
        "cost": cost,
        "funding": "|".join(_funding(rng, cost)),
        "start_dates": "|".join(day.isoformat() for day in _start_dates(rng, today)),
        "url": f"https://trainings.example.org/{identifier.lower()}" if rng.random() < 0.8 else "",
    }


def _provider(rng, place):
    if place is None:
        return rng.choice(PROVIDERS_ONLINE)
    return rng.choice(PROVIDERS_IN_TOWN).format(town=place.name)


def _funding(rng, cost):
    if cost == 0:
        return ["public"]
    return [option for option in FUNDING if rng.random() < 0.55] or ["personal-account"]


def _start_dates(rng, today):
    count = rng.choice((0, 1, 2, 2, 3, 4))
    days = sorted(rng.sample(range(7, 330), count))
    return [today + datetime.timedelta(days=day) for day in days]


def sample_outcomes(training_rows, seed):
    """Outcome rows for most of `training_rows` (recent ones have none yet)."""
    rng = random.Random(f"{seed}:outcomes")  # noqa: S311 - sample data, not secrets
    quality = {}
    for row in training_rows:
        if rng.random() < 0.08:
            continue
        # Some providers do better than others, whatever the course.
        effect = quality.setdefault(row["provider"], rng.gauss(0, 0.06))
        yield _outcome_row(rng, row, _course_of(row).in_work + effect)


def _course_of(row):
    code = row["occupations"].split("|")[0]
    return next(course for course in COURSES if course.codes[0] == code)


def _outcome_row(rng, row, chance):
    trainees = _group_size(rng)
    chance = min(0.97, max(0.1, chance + rng.gauss(0, 0.04)))
    after_6 = _binomial(rng, trainees, chance)
    after_12 = None
    if rng.random() < 0.85:
        after_12 = after_6 + _binomial(rng, trainees - after_6, 0.3) - _binomial(rng, after_6, 0.05)
    return {
        "training_identifier": row["identifier"],
        "trainees": trainees,
        "in_work_6_months": _percent(after_6, trainees),
        "in_work_12_months": "" if after_12 is None else _percent(after_12, trainees),
    }


def _group_size(rng):
    draw = rng.random()
    if draw < 0.1:
        return rng.randint(3, 9)
    if draw < 0.25:
        return rng.randint(10, 19)
    return min(800, max(20, round(rng.lognormvariate(4.2, 0.8))))


def _binomial(rng, trials, chance):
    return sum(rng.random() < chance for _trial in range(trials))


def _percent(part, whole):
    return round(100 * part / whole, 1)
