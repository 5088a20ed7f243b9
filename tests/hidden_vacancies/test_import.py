"""Importing establishments and monthly hiring from CSV: good rows saved, each bad row
reported with its line number and reason, the same file twice gives the same rows, an
interrupted import resumes, and a wrong encoding or delimiter is named clearly."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from hidden_vacancies.importing import EstablishmentImporter, HiringImporter, ImportRun
from hidden_vacancies.models import Establishment, MonthlyHiring
from hidden_vacancies.sample import ESTABLISHMENT_COLUMNS, HIRING_COLUMNS
from portal.csv_import.files import fingerprint_and_encoding
from tests.hidden_vacancies.conftest import north_of, write_csv

pytestmark = pytest.mark.django_db

LYON_ID, LYON_LAT, LYON_LON = 2996944, 45.74846, 4.84671


def establishment(number, **changes):
    row = {
        "identifier": f"3300000000{number:04d}",
        "name": f"Brasserie {number}",
        "section": "I",
        "division": "56",
        "size_band": "small",
        "address": f"{number} rue Victor Hugo",
        "municipality_id": str(LYON_ID),
        "latitude": f"{LYON_LAT:.5f}",
        "longitude": f"{LYON_LON:.5f}",
        **changes,
    }
    return [row[column] for column in ESTABLISHMENT_COLUMNS]


def run(command, path, *options):
    out, err = StringIO(), StringIO()
    call_command(command, str(path), *options, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_a_good_file_is_imported(tmp_path, municipalities):
    path = write_csv(
        tmp_path / "e.csv", ESTABLISHMENT_COLUMNS, [establishment(n) for n in range(3)]
    )
    out, err = run("import_establishments", path)
    assert "3 establishments imported, 0 rows rejected." in out and err == ""
    saved = Establishment.objects.get(identifier="33000000000001")
    assert (saved.name, saved.division, saved.section, saved.size_band) == (
        "Brasserie 1",
        "56",
        "I",
        "small",
    )
    assert saved.municipality.name == "Lyon"
    assert ImportRun.objects.get().finished_at is not None


def test_bad_rows_are_reported_with_their_line_and_the_good_ones_kept(tmp_path, municipalities):
    rows = [
        establishment(1),
        establishment(2, division="4X"),  # line 3
        establishment(3, municipality_id="999"),  # line 4
        establishment(4, size_band="huge"),  # line 5
        establishment(5, latitude="north"),  # line 6
        establishment(6, section="C"),  # line 7
        establishment(7, latitude=f"{north_of(LYON_LAT, 80):.5f}"),  # line 8
        establishment(8)[:4],  # line 9
        establishment(9, name=""),  # line 10
        establishment(10),
    ]
    path = write_csv(tmp_path / "e.csv", ESTABLISHMENT_COLUMNS, rows)
    out, err = run("import_establishments", path)
    reported = dict(line.split(": ", 1) for line in err.strip().splitlines())
    assert reported == {
        "line 3": "division '4X' is not an ISIC Rev.4 division (01–99)",
        "line 4": "municipality_id '999' is not a known municipality (GeoNames id)",
        "line 5": "size_band must be one of micro, small, medium, large, not 'huge'",
        "line 6": "latitude must be a number, not 'north'",
        "line 7": "division 56 is in section I, not C",
        "line 8": "the coordinates are 80 km from the municipality's centre",
        "line 9": "4 values where the header has 9 columns",
        "line 10": "name is empty",
    }
    assert "2 establishments imported, 8 rows rejected (bad lines: 3, 4, 5, 6, 7, 8, 9, 10)" in out
    assert set(Establishment.objects.values_list("name", flat=True)) == {
        "Brasserie 1",
        "Brasserie 10",
    }


def test_line_numbers_count_lines_inside_quoted_values(tmp_path, municipalities):
    rows = [establishment(1, name="Brasserie\nde la gare"), establishment(2, division="")]
    path = write_csv(tmp_path / "e.csv", ESTABLISHMENT_COLUMNS, rows)
    _out, err = run("import_establishments", path)
    assert err.strip() == "line 4: division is empty"


def test_importing_the_same_file_twice_gives_the_same_rows(tmp_path, municipalities):
    path = write_csv(
        tmp_path / "e.csv", ESTABLISHMENT_COLUMNS, [establishment(n) for n in range(7)]
    )
    run("import_establishments", path, "--batch-size=3")
    first = list(Establishment.objects.order_by("identifier").values())
    run("import_establishments", path, "--batch-size=3")
    assert list(Establishment.objects.order_by("identifier").values()) == first
    # A corrected file updates the rows it names, by identifier.
    write_csv(path, ESTABLISHMENT_COLUMNS, [establishment(1, name="Le Bouchon", size_band="micro")])
    run("import_establishments", path)
    assert Establishment.objects.count() == 7
    changed = Establishment.objects.get(identifier="33000000000001")
    assert (changed.name, changed.size_band) == ("Le Bouchon", "micro")


def test_a_row_given_twice_in_one_batch_keeps_the_later(tmp_path, municipalities):
    rows = [establishment(1), establishment(1, name="Later name")]
    path = write_csv(tmp_path / "e.csv", ESTABLISHMENT_COLUMNS, rows)
    out, _err = run("import_establishments", path)
    assert Establishment.objects.get().name == "Later name"


def test_an_interrupted_import_resumes_after_its_last_committed_line(
    tmp_path, municipalities, monkeypatch
):
    path = write_csv(
        tmp_path / "e.csv", ESTABLISHMENT_COLUMNS, [establishment(n) for n in range(10)]
    )
    original = EstablishmentImporter.parse

    def fail_on_the_seventh(self, row):
        if row["identifier"] == "33000000000006":
            raise RuntimeError("the server went away")
        return original(self, row)

    monkeypatch.setattr(EstablishmentImporter, "parse", fail_on_the_seventh)
    with pytest.raises(RuntimeError):
        EstablishmentImporter(batch_size=3).import_file(path)
    run_ = ImportRun.objects.get()
    # Lines 2–7 (two batches of three) were committed before line 8 failed.
    assert (run_.lines_done, run_.rows_imported, run_.finished_at) == (7, 6, None)
    assert Establishment.objects.count() == 6

    monkeypatch.setattr(EstablishmentImporter, "parse", original)
    out, _err = run("import_establishments", path, "--batch-size=3")
    assert "Resumed after line 7" in out
    assert "10 establishments imported, 0 rows rejected." in out
    assert Establishment.objects.count() == 10
    run_.refresh_from_db()
    assert run_.finished_at is not None and run_.rows_imported == 10
    assert ImportRun.objects.count() == 1


def test_a_changed_file_or_restart_starts_from_the_first_line(tmp_path, municipalities):
    path = write_csv(tmp_path / "e.csv", ESTABLISHMENT_COLUMNS, [establishment(1)])
    fingerprint, _encoding = fingerprint_and_encoding(path, "utf-8")
    kind = ImportRun.Kind.ESTABLISHMENTS
    ImportRun.objects.create(kind=kind, file_name="old.csv", fingerprint="x", lines_done=5)
    out, _err = run("import_establishments", path)
    assert "Resumed" not in out and Establishment.objects.count() == 1

    stopped = ImportRun.objects.create(
        kind=kind, file_name=str(path), fingerprint=fingerprint, lines_done=2
    )
    out, _err = run("import_establishments", path)
    assert "Resumed after line 2" in out and "0 establishments imported" in out
    stopped.refresh_from_db()
    assert stopped.finished_at is not None

    ImportRun.objects.create(kind=kind, file_name=str(path), fingerprint=fingerprint, lines_done=2)
    out, _err = run("import_establishments", path, "--restart")
    assert "Resumed" not in out and "1 establishments imported" in out


def test_hirings_are_checked_and_linked_to_their_establishment(tmp_path, municipalities):
    establishments = write_csv(
        tmp_path / "e.csv", ESTABLISHMENT_COLUMNS, [establishment(1), establishment(2)]
    )
    run("import_establishments", establishments)
    next_month = (datetime.date.today().replace(day=28) + datetime.timedelta(days=5)).strftime(
        "%Y-%m"
    )
    rows = [
        ["33000000000001", "2025-01", "1", "2", "0"],
        ["33000000000001", "2025-02-01", "0", "0", "3"],
        ["33000000000002", "2025-01", "4", "0", "0"],
        ["33000000000009", "2025-01", "1", "0", "0"],  # line 5
        ["33000000000001", "2025-13", "1", "0", "0"],  # line 6
        ["33000000000001", next_month, "1", "0", "0"],  # line 7
        ["33000000000001", "2025-03", "-1", "0", "0"],  # line 8
        ["33000000000001", "2025-04", "1.5", "0", "0"],  # line 9
    ]
    path = write_csv(tmp_path / "h.csv", HIRING_COLUMNS, rows)
    out, err = run("import_hirings", path)
    assert err.strip().splitlines() == [
        "line 6: month must be YYYY-MM, not '2025-13'",
        f"line 7: month {next_month} is in the future",
        "line 8: permanent must be a whole number of 0 or more, not '-1'",
        "line 9: permanent must be a whole number of 0 or more, not '1.5'",
        "line 5: unknown establishment '33000000000009' (import establishments first)",
    ]
    assert "3 monthly hiring rows imported, 5 rows rejected" in out
    january = MonthlyHiring.objects.get(
        establishment__identifier="33000000000001", month="2025-01-01"
    )
    assert (january.permanent, january.fixed_term, january.temporary, january.total) == (1, 2, 0, 3)
    run("import_hirings", path)
    assert MonthlyHiring.objects.count() == 3


def test_a_file_not_in_utf8_is_named_as_windows_1252(tmp_path, municipalities):
    rows = [establishment(1, name="Boulangerie Événement")]
    path = write_csv(tmp_path / "e.csv", ESTABLISHMENT_COLUMNS, rows, encoding="cp1252")
    with pytest.raises(CommandError) as error:
        run("import_establishments", path)
    message = str(error.value)
    assert "is not UTF-8: line 2 has the byte 0xC9" in message
    assert "Windows-1252" in message and "--encoding cp1252" in message
    assert not Establishment.objects.exists()
    run("import_establishments", path, "--encoding=cp1252")
    assert Establishment.objects.get().name == "Boulangerie Événement"


def test_a_file_with_semicolons_is_named_as_such(tmp_path, municipalities):
    rows = [establishment(1)]
    path = write_csv(tmp_path / "e.csv", ESTABLISHMENT_COLUMNS, rows, delimiter=";")
    with pytest.raises(CommandError) as error:
        run("import_establishments", path)
    assert "separates its columns with semicolons (';'), not ','" in str(error.value)
    assert "--delimiter ';'" in str(error.value)
    run("import_establishments", path, "--delimiter=;")
    assert Establishment.objects.count() == 1


def test_a_file_with_other_columns_says_which_are_missing(tmp_path, municipalities):
    path = write_csv(tmp_path / "h.csv", ["siret", "month", "hires"], [["1", "2025-01", "3"]])
    with pytest.raises(CommandError) as error:
        run("import_hirings", path)
    message = str(error.value)
    assert "line 1: missing column(s) identifier, permanent, fixed_term, temporary" in message
    assert "(see docs/hidden-vacancies.md)" in message


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        run("import_hirings", tmp_path / "nothing.csv")


def test_a_utf8_file_with_a_byte_order_mark_is_read(tmp_path, municipalities):
    path = write_csv(
        tmp_path / "e.csv", ESTABLISHMENT_COLUMNS, [establishment(1)], encoding="utf-8-sig"
    )
    out, _err = run("import_establishments", path)
    assert "1 establishments imported" in out


def test_the_hiring_rows_check_months_against_today():
    rows = HiringImporter(today=datetime.date(2025, 6, 15))
    assert rows._month("2025-06") == datetime.date(2025, 6, 1)
    with pytest.raises(Exception, match="in the future"):
        rows._month("2025-07")


def test_the_plain_sql_upsert_gives_the_same_rows_as_copy(municipalities, monkeypatch):
    from django.db import connection

    from hidden_vacancies.bulk import upsert

    rows = [tuple(establishment(n)[:6]) + (LYON_ID, LYON_LAT, LYON_LON) for n in range(5)]
    columns, update = ESTABLISHMENT_COLUMNS, ESTABLISHMENT_COLUMNS[1:]
    upsert(Establishment, columns, rows, ("identifier",), update)
    by_copy = list(Establishment.objects.order_by("identifier").values_list("identifier", "name"))
    Establishment.objects.all().delete()
    monkeypatch.setattr(connection, "vendor", "sqlite")  # the multi-row INSERT path
    upsert(Establishment, columns, rows, ("identifier",), update)
    upsert(Establishment, columns, rows[:2], ("identifier",), update)
    assert list(Establishment.objects.order_by("identifier").values_list("identifier", "name")) == (
        by_copy
    )
