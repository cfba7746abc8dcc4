"""Open, check and migrate the one SQLite file that holds a teacher's data.

Every check that can refuse a file runs read-only first, so a file we cannot use is never
touched: not migrated, not switched to WAL, not "repaired" in place.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlite_utils import Database

from ikan_desktop.store.location import DB_NAME
from ikan_desktop.store.migrations import MIGRATION_SET, known_names, migrations

SQLITE_MAGIC = b"SQLite format 3\x00"


class StoreError(Exception):
    """A database that cannot be opened, with a message written for the teacher."""

    def __init__(self, title: str, message: str, path: Path) -> None:
        super().__init__(message)
        self.title = title
        self.message = message
        self.path = path

    def one_line(self) -> str:
        """The message on one line, for headless commands."""
        return f"{self.title}: {self.message}".replace("\n", " ")


def new_id() -> str:
    """A random UUID text key, so data from several laptops merges without collisions."""
    return str(uuid.uuid4())


def now_iso() -> str:
    """The current time as an ISO 8601 string in UTC (how every timestamp is stored)."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


@dataclass
class Store:
    """An open database. Each write is its own committed transaction unless grouped."""

    db: Database
    path: Path

    @property
    def folder(self) -> Path:
        return self.path.parent

    @property
    def audio_dir(self) -> Path:
        return self.folder / "audio"

    def close(self) -> None:
        """Fold the write-ahead log back into the file so a copied DB is one complete file."""
        try:
            self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_store(folder: Path) -> Store:
    """Open (creating if needed) the database in `folder`, after checking it is safe to use."""
    folder = Path(folder).absolute()  # recordings are stored relative to it, so it must be whole
    _ensure_writable_folder(folder)
    path = folder / DB_NAME
    if path.exists() and path.stat().st_size > 0:
        _check_existing(path)
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    db = Database(conn)
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        db.enable_wal()
        conn.execute("PRAGMA synchronous = FULL")
        migrations.apply(db)
    except sqlite3.Error as error:
        conn.close()
        raise StoreError(
            "Could not open your data",
            f"The database in {folder} could not be prepared ({error}). It has not been changed.",
            path,
        ) from error
    return Store(db=db, path=path)


def _ensure_writable_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".write-check-"):
            pass
    except OSError as error:
        raise StoreError(
            "The data folder cannot be written",
            f"ikan-desktop keeps its data in {folder}, but it cannot write there "
            f"({error.strerror or error}). Nothing was changed. Choose a folder you can write "
            "to with --data-dir, or ask your school's IT support to check the folder's permissions.",
            folder / DB_NAME,
        ) from error


def _check_existing(path: Path) -> None:
    with open(path, "rb") as handle:
        header = handle.read(len(SQLITE_MAGIC))
    if header != SQLITE_MAGIC:
        raise StoreError(
            "This is not an ikan-desktop database",
            f"The file {path} is not an SQLite database, so it cannot hold ikan-desktop data. "
            "It has not been changed. If it came from a backup, the copy may be incomplete.",
            path,
        )
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as error:
        raise _damaged(path, str(error)) from error
    try:
        result = [row[0] for row in conn.execute("PRAGMA quick_check").fetchall()]
        if result != ["ok"]:
            raise _damaged(path, "; ".join(str(r) for r in result[:3]))
        applied = _applied_migrations(conn)
    except sqlite3.DatabaseError as error:
        raise _damaged(path, str(error)) from error
    finally:
        conn.close()
    unknown = [name for name in applied if name not in known_names()]
    if unknown:
        raise StoreError(
            "This data was saved by a newer ikan-desktop",
            f"The database in {path.parent} was last used by a newer version of ikan-desktop. "
            "This version cannot read it safely, so it has not been changed. "
            "Please install the newest version of ikan-desktop to open it.",
            path,
        )


def _applied_migrations(conn: sqlite3.Connection) -> list[str]:
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='_sqlite_migrations'"
    ).fetchone()
    if not exists:
        return []
    rows = conn.execute(
        "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [MIGRATION_SET]
    ).fetchall()
    return [row[0] for row in rows]


def _damaged(path: Path, detail: str) -> StoreError:
    return StoreError(
        "The database is damaged",
        f"The database {path} failed its integrity check ({detail}). It has not been changed. "
        "Keep a copy of this file, and restore your most recent backup if you have one.",
        path,
    )


def atomic_write_bytes(target: Path, data: bytes) -> None:
    """Write a file through a temporary file and os.replace, so a crash never leaves half a file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
