"""The sample data: the same seed gives the same files, establishments sit in real
municipalities and follow their population, two years of hires end with the chosen
month, the files import without a bad row; and the demo loads once."""

import csv
import datetime
import inspect
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from hidden_vacancies.demo import ensure_demo
from hidden_vacancies.importing import MAX_DISTANCE_KM, EstablishmentImporter, HiringImporter
from hidden_vacancies.models import Establishment, HiringPotential, MonthlyHiring
from hidden_vacancies.sample import Generator, Place, places_from_database, write_sample
from places.geo import distance_km

pytestmark = pytest.mark.django_db

END = datetime.date(2025, 12, 1)
PLACES = [
    Place(2988507, "Paris", 48.85341, 2.3488, 2_138_551),
    Place(2980917, "Saint-Denis", 47.53, -0.55, 6_000),
]


def read(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_same_seed_gives_the_same_files(tmp_path):
    first = write_sample(tmp_path / "a", 300, seed=7, end=END, places=PLACES)
    again = write_sample(tmp_path / "b", 300, seed=7, end=END, places=PLACES)
    other = write_sample(tmp_path / "c", 300, seed=8, end=END, places=PLACES)
    for kind in ("establishments", "hirings"):
        assert first[kind][0].read_bytes() == again[kind][0].read_bytes()
        assert first[kind][0].read_bytes() != other[kind][0].read_bytes()


def test_establishments_are_where_people_live(tmp_path):
    written = write_sample(tmp_path, 2000, seed=1, end=END, places=PLACES)
    rows = read(written["establishments"][0])
    assert len(rows) == 2000 and len({row["identifier"] for row in rows}) == 2000
    in_paris = sum(row["municipality_id"] == "2988507" for row in rows)
    assert in_paris > 1900  # Paris has 350 times the people
    centres = {place.geonameid: place for place in PLACES}
    for row in rows:
        centre = centres[int(row["municipality_id"])]
        away = distance_km(
            float(row["latitude"]), float(row["longitude"]), centre.latitude, centre.longitude
        )
        assert away < min(MAX_DISTANCE_KM, 7)


def test_two_years_of_hires_end_with_the_chosen_month(tmp_path):
    written = write_sample(tmp_path, 500, seed=3, end=END, places=PLACES)
    months = {row["month"] for row in read(written["hirings"][0])}
    assert max(months) == "2025-12" and min(months) == "2024-01"
    assert written["hirings"][1] > 500  # most establishments hire at least once


def test_rows_come_one_at_a_time():
    assert inspect.isgenerator(Generator(PLACES, 1, END).establishments(10**9))


def test_the_files_import_without_a_bad_row(tmp_path, municipalities):
    written = write_sample(tmp_path, 400, seed=5, end=END, places=places_from_database())
    report = EstablishmentImporter().import_file(written["establishments"][0])
    assert (report.imported, report.rejected) == (400, 0)
    report = HiringImporter().import_file(written["hirings"][0])
    assert (report.imported, report.rejected) == (written["hirings"][1], 0)
    assert MonthlyHiring.objects.count() == written["hirings"][1]


def test_the_commands_generate_and_fit(tmp_path, municipalities):
    out = StringIO()
    call_command(
        "generate_vacancy_sample",
        "--establishments=50",
        "--seed=2",
        f"--out={tmp_path}",
        "--end-month=2025-06",
        stdout=out,
    )
    assert "establishments.csv: 50 rows" in out.getvalue()
    with pytest.raises(CommandError, match="YYYY-MM"):
        call_command("generate_vacancy_sample", f"--out={tmp_path}", "--end-month=June")
    call_command("import_establishments", str(tmp_path / "establishments.csv"), stdout=out)
    call_command("import_hirings", str(tmp_path / "hirings.csv"), stdout=out)
    fitted = StringIO()
    call_command("fit_hiring_potential", stdout=fitted)
    assert fitted.getvalue().startswith("50 establishments, ")


def test_the_demo_loads_once(municipalities):
    created = ensure_demo(establishments=300, seed=4)
    assert created == Establishment.objects.count() == 300
    scores = HiringPotential.objects.count()
    assert scores > 300
    assert ensure_demo(establishments=300, seed=4) == 0
    assert (Establishment.objects.count(), HiringPotential.objects.count()) == (300, scores)
