"""Opening, checking and migrating the database — and refusing files it must not touch."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from ikan_desktop.domain.students import StudentDetails
from ikan_desktop.store import StoreError, open_store
from ikan_desktop.store import students as student_store
from ikan_desktop.store.location import DB_NAME
from ikan_desktop.store.migrations import known_names, migrations


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_database_is_durable_and_checked(data_dir: Path) -> None:
    with open_store(data_dir) as store:
        conn = store.db.conn
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert {"classes", "students", "sessions", "tags", "judgements"} <= set(
            store.db.table_names()
        )
        with pytest.raises(sqlite3.IntegrityError):
            store.db["tags"].insert(
                {"id": "t", "session_id": "no-such-session", "t_ms": 0, "wall_time": "x"}
                | {"kind": "strategy", "code": "x"}
            )


def test_clean_close_leaves_one_complete_file(data_dir: Path) -> None:
    store = open_store(data_dir)
    student_store.add_student(store, StudentDetails(name="Aroha Ngata"))
    store.close()
    wal = data_dir / (DB_NAME + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    plain = sqlite3.connect(data_dir / DB_NAME)
    assert plain.execute("SELECT name FROM students").fetchall() == [("Aroha Ngata",)]


def test_first_schema_migrates_to_head_with_rows_intact(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    old = Database(data_dir / DB_NAME)
    migrations.apply(old, stop_before=known_names()[1])
    old["classes"].insert({"id": "c1", "name": "Room 3", "created_at": "2025-01-01"})
    old["students"].insert(
        {"id": "s1", "class_id": "c1", "name": "Mere Tūhoe", "year_level": 3}
        | {"created_at": "2025-01-01", "updated_at": "2025-01-01", "recording_consent": 1}
        | {"consent_date": "2025-02-01"}
    )
    old["sessions"].insert(
        {"id": "x1", "student_id": "s1", "kind": "strategy", "script_id": "strategy-form-a"}
        | {"script_version": "1", "started_at": "2025-03-01T10:00", "state": "finished"}
    )
    old["tags"].insert(
        {"id": "t1", "session_id": "x1", "t_ms": 1234, "wall_time": "2025-03-01T10:01"}
        | {"kind": "strategy", "code": "counts_on_back", "stage": 4}
    )
    assert "section_decisions" not in old.table_names()
    old.close()

    with open_store(data_dir) as store:
        assert "section_decisions" in store.db.table_names()
        student = student_store.get_student(store, "s1")
        assert student.details.name == "Mere Tūhoe"
        assert student.details.class_name == "Room 3"
        assert student.details.recording_consent
        tag = store.db.execute("SELECT t_ms, code, stage FROM tags").fetchone()
        assert tag == (1234, "counts_on_back", 4)
        applied = [m.name for m in migrations.applied(store.db)]
        assert applied == known_names()


def test_a_file_that_is_not_sqlite_is_refused_and_untouched(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    target = data_dir / DB_NAME
    target.write_bytes(b"Name,Year\nAroha,2\n" * 50)
    before = digest(target)
    with pytest.raises(StoreError) as caught:
        open_store(data_dir)
    assert "not an SQLite database" in caught.value.message
    assert "has not been changed" in caught.value.message
    assert digest(target) == before
    assert sorted(p.name for p in data_dir.iterdir()) == [DB_NAME]


def test_a_damaged_database_is_refused_and_untouched(data_dir: Path) -> None:
    with open_store(data_dir) as store:
        for number in range(400):
            student_store.add_student(store, StudentDetails(name=f"Student {number:03d}" * 5))
    target = data_dir / DB_NAME
    data = bytearray(target.read_bytes())
    page = 4096
    for offset in range(2 * page, len(data) - page, page):
        data[offset : offset + 64] = b"\xff" * 64
    target.write_bytes(bytes(data))
    before = digest(target)
    with pytest.raises(StoreError) as caught:
        open_store(data_dir)
    assert caught.value.title == "The database is damaged"
    assert "restore your most recent backup" in caught.value.message
    assert digest(target) == before


def test_a_database_from_a_newer_version_is_refused_and_untouched(data_dir: Path) -> None:
    with open_store(data_dir) as store:
        store.db["_sqlite_migrations"].insert(
            {"migration_set": "ikan_desktop", "name": "9999_from_the_future"}
            | {"applied_at": "2030-01-01"}
        )
    target = data_dir / DB_NAME
    before = digest(target)
    with pytest.raises(StoreError) as caught:
        open_store(data_dir)
    assert "newer version" in caught.value.message
    assert digest(target) == before


def test_a_folder_that_cannot_be_written_is_explained(tmp_path: Path) -> None:
    # Tests run as root, which ignores permission bits: a folder below a regular file
    # cannot be created by anyone, so it stands in for a read-only location.
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file")
    with pytest.raises(StoreError) as caught:
        open_store(blocker / "data")
    assert caught.value.title == "The data folder cannot be written"
    assert "--data-dir" in caught.value.message
    assert blocker.read_text() == "a file"
