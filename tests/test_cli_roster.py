"""`import-roster` and `export-results` as real processes: output, exit codes, nothing half-written."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from pathlib import Path

import pytest
import roster_files as rf
from test_cli import ikan

from ikan_desktop.store.location import DB_NAME


def _students(folder: Path) -> list[dict]:
    result = ikan("students", "--json", "--data-dir", str(folder))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_dry_run_then_import_then_again(tmp_path: Path) -> None:
    path = rf.write(tmp_path, "kamar.csv", rf.KAMAR)
    folder = tmp_path / "school"
    dry = ikan("import-roster", str(path), "--dry-run", "--data-dir", str(folder))
    assert dry.returncode == 0, dry.stderr
    assert "3 to add" in dry.stdout and "nothing written" in dry.stdout
    assert "line    5  Tāne Ō'Brien-Pōtae" in dry.stdout
    assert not (folder / DB_NAME).exists()
    done = ikan("import-roster", str(path), "--json", "--data-dir", str(folder))
    assert done.returncode == 0, done.stderr
    assert [a["name"] for a in json.loads(done.stdout)["added"]] == [
        "Aroha Ngata",
        "Priya Raman",
        "Tāne Ō'Brien-Pōtae",
    ]
    again = ikan("import-roster", str(path), "--data-dir", str(folder))
    assert "0 to add, 0 to update, 3 already up to date" in again.stdout
    assert len(_students(folder)) == 3


def test_class_option_puts_everyone_in_that_class(tmp_path: Path) -> None:
    path = rf.write(tmp_path, "hero.txt", rf.HERO, "utf-16")
    folder = tmp_path / "school"
    result = ikan("import-roster", str(path), "--class", "Room 4", "--data-dir", str(folder))
    assert result.returncode == 0, result.stderr
    assert {s["class"] for s in _students(folder)} == {"Room 4"}


def test_ambiguous_dates_exit_2_until_the_order_is_given(tmp_path: Path) -> None:
    path = rf.write(tmp_path, "names.csv", rf.FULL_NAME)
    folder = tmp_path / "school"
    asked = ikan("import-roster", str(path), "--data-dir", str(folder))
    assert asked.returncode == 2
    assert "3/2/2023" in asked.stderr and "--date-order" in asked.stderr
    assert len(asked.stderr.strip().splitlines()) == 1
    told = ikan("import-roster", str(path), "--date-order", "mdy", "--data-dir", str(folder))
    assert told.returncode == 0, told.stderr
    by_name = {s["name"]: s for s in _students(folder)}
    assert by_name["Mereana Tūhoe-Walker"]["school_start_date"] == "2023-03-02"


def _bad_files(folder: Path) -> dict[str, tuple[Path, str]]:
    prose = folder / "letter.txt"
    prose.write_text("Dear parents,\nThe school trip is on Friday.\nThanks\n")
    empty = folder / "empty.csv"
    empty.write_bytes(b"")
    no_name = folder / "no-name.csv"
    no_name.write_text("Colour,Number\nred,4\nblue,7\n")
    binary = folder / "photo.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    huge = folder / "huge.csv"
    with huge.open("wb") as handle:
        handle.write(b"First name,Surname\n")
        handle.truncate(50 * 1024 * 1024)
    wide = folder / "wide.csv"
    wide.write_text("First name,Surname\nAroha,Ngata\n" + ",".join(["x"] * 300) + "\n")
    return {
        "prose": (prose, "letter.txt: no column looks like a student's name"),
        "empty": (empty, "empty.csv is empty"),
        "no name": (no_name, "no-name.csv: no column looks like a student's name"),
        "binary": (binary, "photo.csv is not a text table"),
        "50 MB": (huge, "huge.csv is 50 MB"),
        "300 columns": (wide, "wide.csv, line 3: 300 columns"),
    }


@pytest.mark.parametrize("case", ["prose", "empty", "no name", "binary", "50 MB", "300 columns"])
def test_bad_files_give_one_line_exit_2_and_write_nothing(tmp_path: Path, case: str) -> None:
    path, expected = _bad_files(tmp_path)[case]
    folder = tmp_path / "school"
    result = ikan("import-roster", str(path), "--data-dir", str(folder))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert expected in lines[0]
    assert "Nothing was imported" in lines[0]
    assert "Traceback" not in result.stderr
    assert not (folder / DB_NAME).exists()


def test_export_results_of_the_demo_class(tmp_path: Path) -> None:
    folder = tmp_path / "school"
    assert ikan("demo", "--data-dir", str(folder)).returncode == 0
    out = tmp_path / "results.csv"
    done = ikan("export-results", "--out", str(out), "--data-dir", str(folder))
    assert done.returncode == 0, done.stderr
    assert "no confirmed stage yet" in done.stdout  # the demo's interview still to review
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # so Excel shows the macrons
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    hana = [r for r in rows if r["name"] == "Hūhana Kereama" and r["instrument"] == "strategy"]
    assert [r["form"] for r in hana] == ["A", "B", "C"]
    assert (hana[-1]["proportional_stage"], hana[-1]["proportional_qualifier"]) == ("7", "early")
    assert hana[-1]["expectation"] == "above"
    knowledge = [
        r for r in rows if r["name"] == "Hūhana Kereama" and r["instrument"] == "knowledge"
    ]
    assert knowledge[0]["basic_facts_stage"] == "6"
    assert knowledge[0]["additive_stage"] == ""

    refused = ikan("export-results", "--out", str(out), "--data-dir", str(folder))
    assert refused.returncode == 2
    assert "already exists" in refused.stderr
    assert out.read_bytes() == raw

    nz = tmp_path / "nz.csv"
    since = hana[1]["date"]  # the demo's rounds are dated from today: take them from the file
    args = ("--preset", "nz-sms", "--class", "Room 7 (demo)", "--since", since)
    assert (
        ikan("export-results", "--out", str(nz), *args, "--data-dir", str(folder)).returncode == 0
    )
    nz_rows = list(csv.reader(io.StringIO(nz.read_text("utf-8-sig"))))
    assert nz_rows[0] == [
        "Student ID",
        "Date",
        "GloSS Form",
        "Addition/Subtraction",
        "Multiplication/Division",
        "Proportions/Ratios",
    ]
    last = date.fromisoformat(hana[-1]["date"])
    assert ["DEMO-108", f"{last:%d/%m/%Y}", "C", "7", "7", "Early 7"] in nz_rows
    assert len(nz_rows) == 1 + 2 * 8  # two of the three rounds of eight children since then
    assert all(
        datetime.strptime(row[1], "%d/%m/%Y").date().isoformat() >= since for row in nz_rows[1:]
    )

    unknown = ikan(
        "export-results",
        "--out",
        str(tmp_path / "x.csv"),
        "--class",
        "Room 99",
        "--data-dir",
        str(folder),
    )
    assert unknown.returncode == 2 and "Room 99" in unknown.stderr


def test_move_up_a_year_from_the_command_line(tmp_path: Path) -> None:
    path = rf.write(tmp_path, "kamar.csv", rf.KAMAR)
    folder = tmp_path / "school"
    assert ikan("import-roster", str(path), "--data-dir", str(folder)).returncode == 0
    moved = ikan("move-up", "--class", "rm 5", "--to", "Rm 6", "--data-dir", str(folder))
    assert moved.returncode == 0, moved.stderr
    assert "Priya Raman: Year 4 → 5" in moved.stdout
    by_name = {s["name"]: s for s in _students(folder)}
    assert (by_name["Priya Raman"]["year_level"], by_name["Priya Raman"]["class"]) == (5, "Rm 6")
    unknown = ikan("move-up", "--class", "Room 99", "--data-dir", str(folder))
    assert unknown.returncode == 2 and "'Rm 6'" in unknown.stderr


def test_what_goes_out_is_noted_in_the_audit_log(tmp_path: Path) -> None:
    from ikan_desktop.store import open_store
    from ikan_desktop.store.audit import audit_entries

    folder = tmp_path / "school"
    assert ikan("demo", "--data-dir", str(folder)).returncode == 0
    data = ("--data-dir", str(folder))
    results, profile, profiles = tmp_path / "results.csv", tmp_path / "ana.pdf", tmp_path / "all"
    report = tmp_path / "report.pdf"
    hana = next(s for s in _students(folder) if s["name"] == "Ana Lemalu")["id"]
    for args in (
        ("export-results", "--out", str(results)),
        ("profile", "--student", hana, "--out", str(profile)),
        ("profile", "--class", "Room 7 (demo)", "--out", str(profiles)),
        ("class-report", "--class", "Room 7 (demo)", "--out", str(report)),
    ):
        done = ikan(*args, *data)
        assert done.returncode == 0, done.stderr
    refused = ikan("export-results", "--out", str(results), *data)
    assert refused.returncode == 2  # nothing went out, so nothing is noted
    with open_store(folder) as store:
        exported = [e.what for e in audit_entries(store) if e.action == "exported"]
    assert len(exported) == 4
    assert any(
        w.startswith("results of 8 children (") and w.endswith(f"to {results}") for w in exported
    )
    assert f"Ana Lemalu's profile to {profile}" in exported
    assert any(
        w.startswith("the profiles of ") and w.endswith(f"of Room 7 (demo) to {profiles}")
        for w in exported
    )
    assert f"the class report of Room 7 (demo) to {report}" in exported
