"""Two teachers' backups merged into one school folder: no duplicates, twice; conflicts reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ikan_desktop.cli import main
from ikan_desktop.domain.students import StudentDetails
from ikan_desktop.store import open_store
from ikan_desktop.store import students as student_store
from ikan_desktop.workflows import backup
from ikan_desktop.workflows.roster import seed_demo_class


def _teacher(root: Path, name: str, *, edit_year: bool) -> Path:
    folder = root / name
    with open_store(folder) as store:
        seed_demo_class(store)
        tama = student_store.add_student(store, StudentDetails(name="Tama Wiremu", year_level=2))
        store.db.execute("UPDATE students SET date_of_birth = '2018-03-04' WHERE id = ?", [tama.id])
        student_store.add_student(store, StudentDetails(name=f"Only with {name}"))
        if edit_year:
            aroha = next(s for s in student_store.iter_students(store) if s.name == "Aroha Ngata")
            student_store.update_student(
                store, aroha.id, StudentDetails(**{**_details(aroha), "year_level": 6})
            )
    return backup.make_backup(folder, root / f"{name}.ikanbackup").path


def _details(student) -> dict:
    d = student.details
    return {f: getattr(d, f) for f in d.__slots__}


@pytest.fixture(scope="module")
def two_backups(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("school")
    return _teacher(root, "anna", edit_year=False), _teacher(root, "ben", edit_year=True)


def _listing(capsys, command: str, folder: Path) -> list[dict]:
    assert main([command, "--json", "--data-dir", str(folder)]) == 0
    return json.loads(capsys.readouterr().out)


def test_two_teachers_merge_into_one_school_without_duplicates_twice(
    two_backups: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    school = tmp_path / "school"
    anna, ben = two_backups
    assert main(["merge", str(anna), str(ben), "--data-dir", str(school)]) == 0
    report = capsys.readouterr().out
    assert "Students matched: 9 (1 by name and date of birth, 8 by school id)" in report
    assert "Aroha Ngata: year level “2” here, “6” in the backup — kept theirs" in report
    students = _listing(capsys, "students", school)
    names = sorted(s["name"] for s in students)
    assert len(names) == len(set(names)) == 11
    assert "Only with anna" in names and "Only with ben" in names
    assert next(s for s in students if s["name"] == "Aroha Ngata")["year_level"] == 6
    sessions = _listing(capsys, "sessions", school)
    assert len(sessions) == 66
    assert sum(s["has_audio"] for s in sessions) == 2

    assert main(["merge", str(anna), str(ben), "--data-dir", str(school)]) == 0
    second = capsys.readouterr().out
    assert "Students added: 0" in second and "Interviews added: 0 (already here: 33)" in second
    assert _listing(capsys, "students", school) == students
    assert _listing(capsys, "sessions", school) == sessions


def test_the_older_edit_does_not_overwrite_the_newer(
    two_backups: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    school = tmp_path / "school"
    anna, ben = two_backups
    assert main(["merge", str(ben), str(anna), "--data-dir", str(school)]) == 0
    report = capsys.readouterr().out
    assert "Aroha Ngata: year level “6” here, “2” in the backup — kept yours" in report
    students = _listing(capsys, "students", school)
    assert next(s for s in students if s["name"] == "Aroha Ngata")["year_level"] == 6


def test_merging_a_damaged_backup_changes_nothing(
    two_backups: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    school = tmp_path / "school"
    anna, _ben = two_backups
    assert main(["merge", str(anna), "--data-dir", str(school)]) == 0
    capsys.readouterr()
    before = _listing(capsys, "sessions", school)
    cut = tmp_path / "cut.ikanbackup"
    cut.write_bytes(anna.read_bytes()[:-3000])
    assert main(["merge", str(cut), "--data-dir", str(school)]) == 2
    assert "damaged" in capsys.readouterr().err
    assert _listing(capsys, "sessions", school) == before
    assert not list(school.glob(".merge-*"))


def test_a_later_edit_of_an_observation_wins_and_an_older_backup_does_not_undo_it(
    tmp_path: Path,
) -> None:
    from ikan_desktop.workflows.merge import merge_backup

    teacher = tmp_path / "teacher"
    with open_store(teacher) as store:
        seed_demo_class(store)
        tag_id = store.db.execute("SELECT id FROM tags ORDER BY id LIMIT 1").fetchone()[0]
        judged = store.db.execute(
            "SELECT id, confirmed_by FROM judgements WHERE confirmed_by IS NOT NULL LIMIT 1"
        ).fetchone()
    before = backup.make_backup(teacher, tmp_path / "monday.ikanbackup").path
    with open_store(teacher) as store:
        store.db.execute(
            "UPDATE tags SET note = 'used fingers', edited_at = '2099-01-01T00:00:00+00:00' "
            "WHERE id = ?",
            [tag_id],
        )
    after = backup.make_backup(teacher, tmp_path / "friday.ikanbackup").path
    with open_store(tmp_path / "school") as school:
        merge_backup(school, before)
        result = merge_backup(school, after)
        assert "Newer edits taken from the backup: 1 observation" in result.report()
        merge_backup(school, before)
        note = school.db.execute("SELECT note FROM tags WHERE id = ?", [tag_id]).fetchone()[0]
        assert note == "used fingers"
        by = school.db.execute(
            "SELECT confirmed_by FROM judgements WHERE id = ?", [judged[0]]
        ).fetchone()[0]
        assert by == judged[1]
