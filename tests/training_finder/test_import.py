"""The two imports: a good file, bad rows reported by line while good rows are kept,
re-import idempotent, an interrupted import resumed, and a wrong encoding or delimiter
named with what to do."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from training_finder.imports.outcomes import OutcomeImporter
from training_finder.imports.trainings import COLUMNS, TrainingImporter
from training_finder.models import ImportRun, Training, TrainingOutcome, TrainingStart

pytestmark = pytest.mark.django_db

HEADER = ",".join(COLUMNS)
GOOD_ROWS = [
    "TR-1,Cook: vocational certificate,Lyon Training Centre,5120,in-person,2996944,800,24,0,public,2030-09-01|2030-11-02,https://example.org/tr-1",
    "TR-2,Web developer bootcamp,Digital Campus,2513|2512,online,,600,20,4500.50,"
    "personal-account|employer,,",
    "TR-3,Forklift truck licence,Lyon Training Centre,8344,blended,2996944,35,1,850,"
    "employer,2030-10-05,",
]
OUTCOMES_HEADER = "training_identifier,trainees,in_work_6_months,in_work_12_months"


@pytest.fixture
def places(lyon):
    return lyon


def write(tmp_path, name, lines, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


def import_trainings(path, **options):
    bad = []
    report = TrainingImporter(
        on_bad_row=lambda line, reason: bad.append((line, reason)), **options
    ).import_file(path)
    return report, bad


def test_a_good_file_is_imported_whole(tmp_path, places):
    report, bad = import_trainings(write(tmp_path, "t.csv", [HEADER, *GOOD_ROWS]))
    assert (report.imported, report.rejected, bad) == (3, 0, [])
    cook = Training.objects.get(identifier="TR-1")
    assert cook.municipality.name == "Lyon"
    assert [o.code for o in cook.occupations.all()] == ["5120"]
    assert cook.is_free and cook.funding == ["public"]
    assert [s.starts_on for s in cook.starts.all()] == [
        datetime.date(2030, 9, 1),
        datetime.date(2030, 11, 2),
    ]
    web = Training.objects.get(identifier="TR-2")
    assert web.municipality is None and web.is_online
    assert web.cost == Decimal("4500.50")
    assert sorted(o.code for o in web.occupations.all()) == ["2512", "2513"]
    assert web.funding == ["personal-account", "employer"]
    assert ImportRun.objects.get().finished_at is not None


BAD_ROWS = {
    # line number in the file: (row, what the report must say)
    3: ("TR-4,,Somewhere,5120,in-person,2996944,10,1,0,,,", "title: must not be empty"),
    4: (
        "TR-5,Cook,Somewhere,9999,in-person,2996944,10,1,0,,,",
        "occupations: '9999' is not an ISCO-08",
    ),
    5: ("TR-6,Cook,Somewhere,5120,by post,2996944,10,1,0,,,", "mode: 'by post' is not one of"),
    6: (
        "TR-7,Cook,Somewhere,5120,in-person,,10,1,0,,,",
        "municipality_geonameid: '' is not a whole number",
    ),
    7: (
        "TR-8,Cook,Somewhere,5120,in-person,123,10,1,0,,,",
        "municipality_geonameid: 123 is not a known municipality",
    ),
    8: ("TR-9,Cook,Somewhere,5120,online,2996944,10,1,0,,,", "an online training has no place"),
    9: (
        "TR-10,Cook,Somewhere,5120,in-person,2996944,ten,1,0,,,",
        "duration_hours: 'ten' is not a whole number",
    ),
    10: ('TR-11,Cook,Somewhere,5120,in-person,2996944,10,1,"1200,50",,,', "use a dot for decimals"),
    11: (
        "TR-12,Cook,Somewhere,5120,in-person,2996944,10,1,-5,,,",
        "cost: -5 is not between 0 and 100000",
    ),
    12: (
        "TR-13,Cook,Somewhere,5120,in-person,2996944,10,1,0,lottery,,",
        "funding: lottery: not one of",
    ),
    13: (
        "TR-14,Cook,Somewhere,5120,in-person,2996944,10,1,0,,01/09/2030,",
        "start_dates: '01/09/2030' is not a date",
    ),
    14: (
        "TR-15,Cook,Somewhere,5120,in-person,2996944,10,1,0,,,ftp://x",
        "url: 'ftp://x' is not a web address",
    ),
    15: ("TR-16,Cook,Somewhere,5120", "4 values where the header has 12 columns"),
    16: ("T R 17,Cook,Somewhere,5120,in-person,2996944,10,1,0,,,", "identifier: 'T R 17'"),
}


def test_bad_rows_are_reported_with_line_and_reason_and_good_rows_kept(tmp_path, places):
    lines = [HEADER, GOOD_ROWS[0], *(row for row, _reason in BAD_ROWS.values()), *GOOD_ROWS[1:]]
    report, bad = import_trainings(write(tmp_path, "t.csv", lines))
    assert report.imported == 3
    assert report.rejected == len(BAD_ROWS)
    assert [line for line, _reason in bad] == list(BAD_ROWS)
    for (line, reason), (expected_line, (_row, expected)) in zip(
        bad, BAD_ROWS.items(), strict=True
    ):
        assert line == expected_line
        assert expected in reason, (line, reason)
    assert set(Training.objects.values_list("identifier", flat=True)) == {"TR-1", "TR-2", "TR-3"}


def snapshot():
    return (
        sorted(Training.objects.values_list("identifier", "title", "cost", "municipality_id")),
        sorted(
            Training.occupations.through.objects.values_list(
                "training__identifier", "occupation__code"
            )
        ),
        sorted(TrainingStart.objects.values_list("training__identifier", "starts_on")),
        sorted(
            TrainingOutcome.objects.values_list("training__identifier", "trainees", "rank_score")
        ),
    )


def test_importing_the_same_files_again_changes_nothing(tmp_path, places):
    trainings = write(tmp_path, "t.csv", [HEADER, *GOOD_ROWS])
    outcomes = write(tmp_path, "o.csv", [OUTCOMES_HEADER, "TR-1,84,71.4,80", "TR-2,3,100,"])
    import_trainings(trainings)
    OutcomeImporter().import_file(outcomes)
    first = snapshot()
    import_trainings(trainings)
    OutcomeImporter().import_file(outcomes)
    assert snapshot() == first
    assert Training.objects.count() == 3 and TrainingStart.objects.count() == 3


def test_a_changed_row_updates_its_training(tmp_path, places):
    import_trainings(write(tmp_path, "t.csv", [HEADER, *GOOD_ROWS]))
    changed = (
        GOOD_ROWS[0]
        .replace("Cook: vocational certificate", "Cook (new)")
        .replace("|2030-11-02", "")
    )
    import_trainings(write(tmp_path, "t2.csv", [HEADER, changed]))
    cook = Training.objects.get(identifier="TR-1")
    assert cook.title == "Cook (new)"
    assert cook.starts.count() == 1
    assert Training.objects.count() == 3


def test_an_identifier_twice_in_a_batch_keeps_the_later_row(tmp_path, places):
    again = GOOD_ROWS[0].replace("Cook: vocational certificate", "Cook (second row)")
    import_trainings(write(tmp_path, "t.csv", [HEADER, GOOD_ROWS[0], again]))
    assert Training.objects.get(identifier="TR-1").title == "Cook (second row)"


def test_an_interrupted_import_resumes_after_its_last_committed_batch(
    tmp_path, places, monkeypatch
):
    rows = [
        GOOD_ROWS[0].replace("TR-1,", f"TR-{n},").replace("https://example.org/tr-1", "")
        for n in range(100, 107)
    ]
    path = write(tmp_path, "t.csv", [HEADER, *rows])
    saved = []
    original = TrainingImporter.save

    def crash_on_third_batch(self, batch):
        if len(saved) == 2:
            raise RuntimeError("the database went away")
        saved.append(batch)
        return original(self, batch)

    monkeypatch.setattr(TrainingImporter, "save", crash_on_third_batch)
    with pytest.raises(RuntimeError):
        import_trainings(path, batch_size=2)
    assert Training.objects.count() == 4
    assert ImportRun.objects.get().lines_done == 5

    monkeypatch.setattr(TrainingImporter, "save", original)
    lines_read = []
    monkeypatch.setattr(
        TrainingImporter,
        "parse",
        lambda self, values: lines_read.append(values) or parse(self, values),
    )
    report, _bad = import_trainings(path, batch_size=2)
    assert report.resumed_after_line == 5
    assert len(lines_read) == 3  # lines 6 to 8 only
    assert report.imported == 7
    assert Training.objects.count() == 7
    assert ImportRun.objects.filter(finished_at__isnull=False).count() == 1


parse = TrainingImporter.parse


def test_restart_reads_the_file_from_the_top(tmp_path, places):
    path = write(tmp_path, "t.csv", [HEADER, *GOOD_ROWS])
    ImportRun.objects.create(kind="trainings", file_name=str(path), fingerprint="x")
    from portal.csv_import.files import fingerprint_and_encoding

    fingerprint, _encoding = fingerprint_and_encoding(path, "utf-8")
    ImportRun.objects.create(
        kind="trainings", file_name=str(path), fingerprint=fingerprint, lines_done=3
    )
    report, _bad = import_trainings(path)
    assert report.resumed_after_line == 3 and Training.objects.count() == 1
    report = TrainingImporter().import_file(path, restart=True)
    assert report.resumed_after_line == 0 and report.imported == 3


def test_outcomes_for_unknown_trainings_are_reported_and_the_rest_kept(tmp_path, places):
    import_trainings(write(tmp_path, "t.csv", [HEADER, *GOOD_ROWS]))
    lines = [
        OUTCOMES_HEADER,
        "TR-1,84,71.4,80",
        "NOPE,10,50,",
        "TR-2,0,50,",
        "TR-3,20,120,",
        "TR-3,20,seventy,",
        "TR-3,3,100,",
    ]
    bad = []
    report = OutcomeImporter(
        on_bad_row=lambda line, reason: bad.append((line, reason))
    ).import_file(write(tmp_path, "o.csv", lines))
    assert report.imported == 2
    # Unknown identifiers are found when their batch is written, after the row checks.
    reasons = dict(bad)
    assert sorted(reasons) == [3, 4, 5, 6]
    assert "no training 'NOPE'" in reasons[3]
    assert "trainees: 0 is not between 1" in reasons[4]
    assert "in_work_6_months: 120 is not between 0 and 100" in reasons[5]
    assert "'seventy' is not a number" in reasons[6]
    cook = TrainingOutcome.objects.get(training__identifier="TR-1")
    assert (cook.trainees, cook.in_work_6_months, cook.in_work_12_months) == (84, 0.714, 0.8)
    assert cook.rank_score == pytest.approx(0.6100, abs=1e-4)  # 60 of 84 in work
    assert TrainingOutcome.objects.get(training__identifier="TR-3").in_work_12_months is None


# --- The file as a whole ---


def test_a_latin_1_file_is_named_with_what_to_do(tmp_path, places):
    path = write(
        tmp_path,
        "t.csv",
        [HEADER, GOOD_ROWS[0], GOOD_ROWS[1].replace("Digital Campus", "Cours à distance")],
        "latin-1",
    )
    with pytest.raises(CommandError) as error:
        call_command("import_trainings", str(path))
    message = str(error.value)
    assert "is not UTF-8" in message
    assert "line 3" in message
    assert "0xE0" in message
    assert "Latin-1" in message or "Windows-1252" in message
    assert "--encoding" in message
    assert Training.objects.count() == 0


def test_a_windows_1252_file_is_recognised_and_can_be_read_as_such(tmp_path, places):
    row = GOOD_ROWS[0].replace("Lyon Training Centre", "L’École des métiers")
    path = write(tmp_path, "t.csv", [HEADER, row], "cp1252")
    with pytest.raises(CommandError, match=r"Windows-1252 \(cp1252\).*--encoding cp1252"):
        call_command("import_trainings", str(path))
    call_command("import_trainings", str(path), encoding="cp1252")
    assert Training.objects.get().provider == "L’École des métiers"


def test_utf_8_with_a_byte_order_mark_is_fine(tmp_path, places):
    path = tmp_path / "t.csv"
    path.write_bytes(b"\xef\xbb\xbf" + ("\n".join([HEADER, GOOD_ROWS[0]]) + "\n").encode())
    report, bad = import_trainings(path)
    assert (report.imported, bad) == (1, [])


def test_a_semicolon_separated_file_is_named_with_what_to_do(tmp_path, places):
    lines = [HEADER.replace(",", ";"), GOOD_ROWS[0].replace(",", ";")]
    path = write(tmp_path, "t.csv", lines)
    with pytest.raises(CommandError) as error:
        call_command("import_trainings", str(path))
    assert "semicolons (';'), not ','" in str(error.value)
    assert "--delimiter ';'" in str(error.value)
    call_command("import_trainings", str(path), delimiter=";")
    assert Training.objects.count() == 1


def test_missing_columns_are_named(tmp_path, places):
    path = write(tmp_path, "t.csv", ["identifier,title", "TR-1,Cook"])
    with pytest.raises(CommandError, match="line 1: missing column.*provider, occupations"):
        call_command("import_trainings", str(path))


def test_an_empty_or_missing_file_is_a_clear_error(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(CommandError, match="is empty"):
        call_command("import_trainings", str(empty))
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_trainings", str(tmp_path / "nowhere.csv"))


def test_the_command_reports_bad_rows_and_a_summary(tmp_path, places, capsys):
    lines = [HEADER, GOOD_ROWS[0], BAD_ROWS[3][0]]
    call_command("import_trainings", str(write(tmp_path, "t.csv", lines)))
    out, err = capsys.readouterr()
    assert "line 3: title: must not be empty" in err
    assert "1 trainings imported, 1 rows rejected (bad lines: 3)." in out


def test_the_outcomes_command(tmp_path, places, capsys):
    import_trainings(write(tmp_path, "t.csv", [HEADER, *GOOD_ROWS]))
    call_command(
        "import_training_outcomes",
        str(write(tmp_path, "o.csv", [OUTCOMES_HEADER, "TR-1,84,71.4,80"])),
    )
    assert "1 outcomes imported, 0 rows rejected." in capsys.readouterr().out
