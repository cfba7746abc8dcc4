"""A school's data end to end from the command line: import, back up, restore, merge, export."""

from __future__ import annotations

import csv
import hashlib
import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from ikan_desktop.cli import main
from ikan_desktop.domain.students import StudentDetails
from ikan_desktop.store import database_checks, open_store
from ikan_desktop.store import students as student_store
from ikan_desktop.workflows import class_groups
from ikan_desktop.workflows.consent import ExistingRecordings, withdraw_consent
from ikan_desktop.workflows.review import load_review
from ikan_desktop.workflows.roster import seed_demo_class

DEMO = "Room 7 (demo)"
# An eTAP-style export: a BOM, a title line, macrons, day-first dates and a date of birth.
ROOM_9 = (
    "\ufeffRoom 9 class list,,,,,,,\r\n"
    "Student ID,Legal First Name,Preferred Name,Legal Surname,Year Level,Room,"
    "First Attendance,Date of Birth\r\n"
    "2001,Mereana,Mere,Tūhoe-Walker,Y3,Room 9,3/02/2023,14/08/2017\r\n"
    "2002,Tāne,,Pōmare,Year 3,Room 9,25/1/2023,2/03/2017\r\n"
)
# A Kāmar-style export: semicolons, NSNs, no title line.
ROOM_5 = (
    "Surname;First Name;NSN;Year Level;Form Class;Date of Birth;Entry Date\n"
    "Raman;Priya;0123456790;Year 4;Rm 5;30/11/2016;5/02/2022\n"
    "Te Whata;Wiremu;0123456791;Year 4;Rm 5;1/06/2017;7/02/2023\n"
)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def listing(capsys: pytest.CaptureFixture[str], folder: Path, *command: str) -> object:
    code, out, err = run(capsys, *command, "--json", "--data-dir", str(folder))
    assert code == 0, err
    return json.loads(out)


def audio_sums(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted((folder / "audio").rglob("*.wav"))
    }


def count(folder: Path, table: str) -> int:
    conn = sqlite3.connect(folder / "ikan.sqlite")
    try:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        conn.close()


@pytest.fixture(scope="module")
def demo_backup(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The demo class with its recording and a saved set of groups, and its backup file."""
    root = tmp_path_factory.mktemp("demo")
    folder = root / "teacher"
    with open_store(folder) as store:
        seed_demo_class(store)
        found = class_groups.class_groups(store, DEMO).domain("additive")
        class_groups.save_groups(store, DEMO, "additive", found.suggested)
    assert main(["backup", "--out", str(root / "demo.ikanbackup"), "--data-dir", str(folder)]) == 0
    return folder, root / "demo.ikanbackup"


def test_restore_on_a_new_folder_gives_the_same_listings_audio_and_groups(
    demo_backup: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, backup_file = demo_backup
    capsys.readouterr()
    new = tmp_path / "new-laptop"
    code, out, err = run(capsys, "restore", str(backup_file), "--data-dir", str(new))
    assert code == 0, err
    assert "1 recording" in out
    for command in (["students"], ["sessions"], ["groups", "--class", DEMO]):
        assert listing(capsys, new, *command) == listing(capsys, folder, *command)
    assert audio_sums(new) == audio_sums(folder) and len(audio_sums(new)) == 1
    for table in ("task_showings", "group_plans", "instructional_groups", "group_members"):
        assert count(new, table) == count(folder, table) > 0, table


def _teacher(root: Path, backup_file: Path, name: str, roster: str, capsys) -> Path:
    """A colleague's laptop: the same demo class restored, then their own class list imported."""
    folder = root / name
    assert run(capsys, "restore", str(backup_file), "--data-dir", str(folder))[0] == 0
    roster_file = root / f"{name}.csv"
    roster_file.write_text(roster, encoding="utf-8")
    args = ["import-roster", str(roster_file), "--date-order", "dmy", "--data-dir", str(folder)]
    assert run(capsys, *args)[0] == 0
    again = run(capsys, *args)  # the same file twice adds nothing
    assert "0 to add, 0 to update, 2 already up to date" in again[1]
    return folder


def test_two_teachers_imports_and_edits_merge_without_duplicates_twice(
    demo_backup: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _folder, backup_file = demo_backup
    anna = _teacher(tmp_path, backup_file, "anna", ROOM_9, capsys)
    ben = _teacher(tmp_path, backup_file, "ben", ROOM_5, capsys)
    with open_store(anna) as store:  # Anna corrects a child's preferred name
        liam = next(s for s in student_store.iter_students(store) if s.name == "Liam O'Connor")
        details = liam.details
        student_store.update_student(
            store, liam.id, StudentDetails(**{**_fields(details), "preferred_name": "Li"})
        )
    with open_store(ben) as store:  # Ben typed in Tāne by hand: no id, but his date of birth
        student_store.add_student(
            store, StudentDetails(name="Tāne Pōmare", date_of_birth=date(2017, 3, 2))
        )
    backups = []
    for folder in (anna, ben):
        backups.append(str(tmp_path / f"{folder.name}.ikanbackup"))
        assert run(capsys, "backup", "--out", backups[-1], "--data-dir", str(folder))[0] == 0
    school = tmp_path / "school"

    code, report, err = run(capsys, "merge", *backups, "--data-dir", str(school))
    assert code == 0, err
    assert "1 by name and date of birth" in report  # Ben's Tāne is Anna's imported Tāne
    students = listing(capsys, school, "students")
    assert len(students) == len({s["id"] for s in students}) == 8 + 2 + 2
    ids = [s["external_id"] for s in students if s["external_id"]]
    assert len(ids) == len(set(ids))
    liam = next(s for s in students if s["name"] == "Liam O'Connor")
    assert liam["preferred_name"] == "Li"
    tane = next(s for s in students if s["name"] == "Tāne Pōmare")
    assert (tane["external_id"], tane["date_of_birth"]) == ("2002", "2017-03-02")
    sessions = listing(capsys, school, "sessions")
    assert len(sessions) == 33
    assert count(school, "task_showings") == count(anna, "task_showings") > 0
    # Saved groups are one teacher's plan for her own class on a given day: they stay with her
    # folder (and its backups) and the school's copy suggests groups from the merged stages.
    assert count(school, "group_plans") == 0

    code, second, err = run(capsys, "merge", *backups, "--data-dir", str(school))
    assert code == 0, err
    assert second.count("Students added: 0") == 2 and "Interviews added: 0 (already" in second
    assert listing(capsys, school, "students") == students
    assert listing(capsys, school, "sessions") == sessions


def _fields(details: StudentDetails) -> dict:
    return {f: getattr(details, f) for f in details.__slots__}


def test_consent_withdrawn_on_a_teachers_laptop_leaves_no_playable_copy_in_the_school(
    demo_backup: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _folder, backup_file = demo_backup
    teacher, school = tmp_path / "teacher", tmp_path / "school"
    assert run(capsys, "restore", str(backup_file), "--data-dir", str(teacher))[0] == 0
    assert run(capsys, "merge", str(backup_file), "--data-dir", str(school))[0] == 0
    assert len(audio_sums(school)) == 1
    with open_store(teacher) as store:
        session_id, student_id = store.db.execute(
            "SELECT id, student_id FROM sessions WHERE audio_path IS NOT NULL"
        ).fetchone()
        withdraw_consent(store, student_id, date.today(), recordings=ExistingRecordings.DELETE_NOW)
    later = tmp_path / "later.ikanbackup"
    assert run(capsys, "backup", "--out", str(later), "--data-dir", str(teacher))[0] == 0

    code, report, err = run(capsys, "merge", str(later), "--data-dir", str(school))
    assert code == 0, err
    assert "deleted here too: 1" in report
    row = next(s for s in listing(capsys, school, "sessions") if s["id"] == session_id)
    assert not row["has_audio"] and row["audio_deleted"]["reason"] == "consent withdrawn"
    assert audio_sums(school) == {}
    with open_store(school) as store:
        review = load_review(store, session_id)
    assert review.audio_path is None and review.audio_note.endswith("(consent withdrawn).")
    # The older backup, merged again, does not bring the recording back.
    assert run(capsys, "merge", str(backup_file), "--data-dir", str(school))[0] == 0
    assert audio_sums(school) == {}


def test_results_export_has_the_stages_the_overview_shows(
    demo_backup: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, _backup = demo_backup
    overview = listing(capsys, folder, "overview", "--class", DEMO)
    out = tmp_path / "results.csv"
    args = ["export-results", "--out", str(out), "--class", DEMO, "--data-dir", str(folder)]
    assert run(capsys, *args)[0] == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    checked = 0
    for child in overview["children"]:
        for domain, cell in child["domains"].items():
            if cell["stage"] is None:
                continue
            rounds = [r for r in rows if r["name"] == child["name"] and r[f"{domain}_stage"]]
            latest = max(rounds, key=lambda r: r["date"])
            assert (int(latest[f"{domain}_stage"]), latest["date"]) == (
                cell["stage"],
                cell["assessed_on"],
            ), (child["name"], domain)
            checked += 1
    assert checked >= 20


@pytest.mark.parametrize("command", ["overview", "groups", "class-report"])
def test_class_views_of_a_class_just_imported_and_of_an_empty_folder(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, roster_file = tmp_path / "school", tmp_path / "room5.csv"
    roster_file.write_text(ROOM_5, encoding="utf-8")
    args = ["import-roster", str(roster_file), "--date-order", "dmy", "--data-dir", str(folder)]
    assert run(capsys, *args)[0] == 0
    extra = ["--out", str(tmp_path / "report.pdf")] if command == "class-report" else ["--json"]
    code, out, err = run(capsys, command, "--class", "Rm 5", *extra, "--data-dir", str(folder))
    assert code == 0, err
    if command == "class-report":
        assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")
    else:
        assert "Wiremu Te Whata" in out
    empty = tmp_path / "empty"
    extra = ["--out", str(tmp_path / "none.pdf")] if command == "class-report" else ["--json"]
    code, out, err = run(capsys, command, "--class", "Rm 5", *extra, "--data-dir", str(empty))
    assert code == 2 and out == ""
    assert err.strip() == f"ikan-desktop {command}: There is no class called 'Rm 5'. " + (
        "Classes: none yet."
    )


def test_a_backup_of_a_newer_database_writes_nothing_and_changes_nothing(
    demo_backup: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _folder, backup_file = demo_backup
    folder = tmp_path / "teacher"
    assert run(capsys, "restore", str(backup_file), "--data-dir", str(folder))[0] == 0
    conn = sqlite3.connect(folder / "ikan.sqlite")
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('ikan_desktop', '9999_from_a_newer_version', '2030-01-01')"
    )
    conn.commit()
    conn.close()
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    out = tmp_path / "copy.ikanbackup"
    code, _out, err = run(capsys, "backup", "--out", str(out), "--data-dir", str(folder))
    assert code == 2 and "newer" in err and len(err.strip().splitlines()) == 1
    assert not out.exists()
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()} == before


@pytest.mark.slow  # closing a store whose database another program holds waits about 5 s
def test_a_locked_database_is_in_use_and_no_backup_or_export_is_written(
    demo_backup: tuple[Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(database_checks, "BUSY_WAIT_SECONDS", 0.3)
    _folder, backup_file = demo_backup
    folder = tmp_path / "teacher"
    assert run(capsys, "restore", str(backup_file), "--data-dir", str(folder))[0] == 0
    session_id = listing(capsys, folder, "sessions")[0]["id"]
    holder = sqlite3.connect(folder / "ikan.sqlite", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another program writing
    try:
        for command in (
            ["backup", "--out", str(tmp_path / "copy.ikanbackup")],
            ["export-session", session_id, "--out", str(tmp_path / "export")],
        ):
            code, _out, err = run(capsys, *command, "--data-dir", str(folder))
            assert code == 2 and "in use" in err and "damaged" not in err.replace("not dam", "")
            assert len(err.strip().splitlines()) == 1
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["teacher"]
