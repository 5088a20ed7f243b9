"""The sample generator and the demo catalogue: the same seed gives the same files, the
rows are plausible and pass the imports' own checks, and the demo loads once, quickly."""

import csv
import datetime
import time

import pytest
from django.core.management import call_command

from places.loading import municipality_rows
from places.models import Municipality
from training_finder.demo import ensure_demo
from training_finder.imports.outcomes import OutcomeImporter
from training_finder.imports.trainings import TrainingImporter
from training_finder.models import Training, TrainingOutcome
from training_finder.ranking import FEW_TRAINEES
from training_finder.sample import COURSES, SamplePlace, sample_outcomes, sample_trainings

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2030, 1, 15)
PLACES = [
    SamplePlace(2988507, "Paris", 2138551),
    SamplePlace(2996944, "Lyon", 472317),
    SamplePlace(3031582, "Bordeaux", 231844),
    SamplePlace(2990999, "Nevers", 37000),
]


def test_the_same_seed_gives_the_same_rows_and_another_seed_others():
    first = list(sample_trainings(200, 3, PLACES, TODAY))
    assert first == list(sample_trainings(200, 3, list(reversed(PLACES)), TODAY))
    assert first != list(sample_trainings(200, 4, PLACES, TODAY))
    assert list(sample_outcomes(first, 3)) == list(sample_outcomes(first, 3))


def test_the_rows_are_plausible():
    rows = list(sample_trainings(1000, 1, PLACES, TODAY))
    titles = {title for course in COURSES for title in course.titles}
    assert {row["title"] for row in rows} <= titles
    assert {"Forklift driver: safety certificate", "Building electrician"} <= {
        r["title"] for r in rows
    }
    online = [row for row in rows if row["mode"] == "online"]
    assert 50 < len(online) < 300 and all(row["municipality_geonameid"] == "" for row in online)
    held = [row for row in rows if row["mode"] != "online"]
    assert {row["municipality_geonameid"] for row in held} <= {p.geonameid for p in PLACES}
    # Bigger towns get more trainings.
    count = {
        p.geonameid: sum(r["municipality_geonameid"] == p.geonameid for r in held) for p in PLACES
    }
    assert count[2988507] > count[2990999]
    assert any(row["cost"] == 0 for row in rows) and any(row["cost"] > 1000 for row in rows)
    sizes = [row["trainees"] for row in sample_outcomes(rows, 1)]
    assert min(sizes) == 3
    assert 0.05 < sum(size < 10 for size in sizes) / len(sizes) < 0.2
    assert sum(size >= FEW_TRAINEES for size in sizes) / len(sizes) > 0.6
    assert len(sizes) < len(rows)  # some trainings are too recent to have figures


def test_generated_files_pass_the_imports_checks(tmp_path, capsys):
    call_command("generate_training_sample", trainings=300, seed=5, out=str(tmp_path), today=TODAY)
    assert "300 trainings and" in capsys.readouterr().out
    Municipality.objects.bulk_create(
        Municipality(
            geonameid=city["geonameid"],
            name=city["name"],
            search_name=city["name"].lower(),
            country="FR",
            latitude=city["latitude"],
            longitude=city["longitude"],
        )
        for city in municipality_rows()
    )
    bad = []
    trainings = TrainingImporter(on_bad_row=lambda *problem: bad.append(problem)).import_file(
        tmp_path / "trainings.csv"
    )
    outcomes = OutcomeImporter(on_bad_row=lambda *problem: bad.append(problem)).import_file(
        tmp_path / "outcomes.csv"
    )
    assert bad == []
    assert trainings.imported == 300 == Training.objects.count()
    assert outcomes.imported == TrainingOutcome.objects.count() > 250
    with open(tmp_path / "trainings.csv", encoding="utf-8") as file:
        assert next(csv.reader(file))[0] == "identifier"


def test_the_same_seed_and_day_write_the_same_files(tmp_path):
    for folder in ("a", "b"):
        call_command(
            "generate_training_sample",
            trainings=50,
            seed=9,
            out=str(tmp_path / folder),
            today=TODAY,
        )
    for name in ("trainings.csv", "outcomes.csv"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_the_demo_loads_places_if_needed_and_only_once():
    Municipality.objects.all().delete()
    assert ensure_demo(trainings=200, today=TODAY) == 200
    assert Municipality.objects.count() > 1000
    assert Training.objects.count() == 200
    assert TrainingOutcome.objects.count() > 150
    assert ensure_demo(trainings=200, today=TODAY) == 0
    assert Training.objects.count() == 200


def test_the_full_demo_loads_fast():
    started = time.monotonic()
    loaded = ensure_demo()
    elapsed = time.monotonic() - started
    assert loaded == Training.objects.count() == 3000
    assert elapsed < 30, f"the demo trainings took {elapsed:.1f} s to load"
