"""Databases the app must not use: held by another program, not ours, incomplete, odd files.

Each is refused with a message for the teacher and left exactly as it was, byte for byte and
without -wal/-shm files left beside it. What the app creates is readable by the user only.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
import threading
from pathlib import Path

import pytest

from ikan_desktop.domain.students import StudentDetails
from ikan_desktop.store import StoreError, database_checks, open_store
from ikan_desktop.store import students as student_store
from ikan_desktop.store.location import DB_NAME


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def short_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(database_checks, "BUSY_WAIT_SECONDS", 0.3)


def ours(folder: Path) -> Path:
    with open_store(folder) as store:
        student_store.add_student(store, StudentDetails(name="Aroha Ngata"))
    return folder / DB_NAME


def hold_lock(path: Path) -> sqlite3.Connection:
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("PRAGMA locking_mode = EXCLUSIVE")
    other.execute("BEGIN EXCLUSIVE")
    other.execute("INSERT INTO settings (key, value) VALUES ('other', 'program')")
    return other


def test_a_locked_database_is_in_use_not_damaged(data_dir: Path, short_wait: None) -> None:
    path = ours(data_dir)
    other = hold_lock(path)
    try:
        with pytest.raises(StoreError) as caught:
            open_store(data_dir)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert caught.value.title == "Your data is in use"
    assert "damaged" not in caught.value.message.replace("not damaged", "")
    assert "restore" not in caught.value.message
    with open_store(data_dir) as store:  # once the other program lets go, all is there
        assert [s.name for s in student_store.iter_students(store)] == ["Aroha Ngata"]


def test_a_lock_let_go_within_the_wait_opens_normally(data_dir: Path) -> None:
    path = ours(data_dir)
    other = hold_lock(path)
    threading.Timer(0.3, lambda: (other.execute("ROLLBACK"), other.close())).start()
    with open_store(data_dir) as store:
        assert student_store.count_students(store) == 1


def test_another_programs_sqlite_file_is_refused_and_untouched(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    path = data_dir / DB_NAME
    other = sqlite3.connect(path)
    other.execute("CREATE TABLE recipes (name TEXT, minutes INTEGER)")
    other.execute("INSERT INTO recipes VALUES ('pavlova', 90)")
    other.commit()
    other.close()
    before = digest(path)
    with pytest.raises(StoreError) as caught:
        open_store(data_dir)
    assert caught.value.title == "This is not an ikan-desktop database"
    assert "another program" in caught.value.message
    assert digest(path) == before
    assert sorted(p.name for p in data_dir.iterdir()) == [DB_NAME]  # no WAL, no audio folder
    tables = sqlite3.connect(path).execute("SELECT name FROM sqlite_master").fetchall()
    assert tables == [("recipes",)]


@pytest.mark.parametrize("dropped", ["tags", "tag_edits"])
def test_a_database_missing_a_table_is_refused_at_open(data_dir: Path, dropped: str) -> None:
    path = ours(data_dir)
    editor = sqlite3.connect(path)
    editor.execute(f"DROP TABLE {dropped}")
    editor.commit()
    editor.close()
    before = digest(path)
    with pytest.raises(StoreError) as caught:
        open_store(data_dir)
    assert caught.value.title == "The database is incomplete"
    assert repr(dropped) in caught.value.message
    assert digest(path) == before
    assert not (data_dir / f"{DB_NAME}-wal").exists()


def test_a_folder_named_like_the_database_is_refused(data_dir: Path) -> None:
    (data_dir / DB_NAME).mkdir(parents=True)
    with pytest.raises(StoreError) as caught:
        open_store(data_dir)
    assert "is a folder" in caught.value.message
    assert list((data_dir / DB_NAME).iterdir()) == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_a_pipe_named_like_the_database_is_refused_without_waiting(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    os.mkfifo(data_dir / DB_NAME)
    with pytest.raises(StoreError) as caught:
        open_store(data_dir)  # opening a pipe would wait for a writer for ever
    assert "not an ordinary file" in caught.value.message
    assert stat.S_ISFIFO((data_dir / DB_NAME).stat().st_mode)


def test_refusing_a_newer_database_leaves_no_files_beside_it(data_dir: Path) -> None:
    path = ours(data_dir)
    editor = sqlite3.connect(path)
    editor.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('ikan_desktop', '9999_from_the_future', '2030-01-01')"
    )
    editor.commit()
    editor.close()
    before = sorted(p.name for p in data_dir.iterdir())
    with pytest.raises(StoreError):
        open_store(data_dir)
    assert sorted(p.name for p in data_dir.iterdir()) == before


def test_the_database_its_log_and_the_folders_are_user_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old_umask = os.umask(0o022)  # the usual, permissive default
    try:
        folder = tmp_path / "new" / "data"
        store = open_store(folder)
        student_store.add_student(store, StudentDetails(name="Aroha Ngata"))
        made = [folder, folder.parent, folder / DB_NAME]
        made += [folder / f"{DB_NAME}{suffix}" for suffix in ("-wal", "-shm")]
        assert {p.name: oct(mode(p)) for p in made} == {p.name: oct(0o600) for p in made} | {
            "data": oct(0o700),
            "new": oct(0o700),
        }
        store.close()
    finally:
        os.umask(old_umask)


def test_an_existing_database_of_ours_is_made_user_only(data_dir: Path) -> None:
    path = ours(data_dir)
    os.chmod(path, 0o644)
    with open_store(data_dir):
        assert mode(path) == 0o600
