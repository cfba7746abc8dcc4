"""Open, check and migrate the one SQLite file that holds a teacher's data.

Every check that can refuse a file runs read-only first (store/database_checks.py), so a file we
cannot use is never touched: not migrated, not switched to WAL, not "repaired" in place. The
database and its -wal/-shm files are user-only (0600), whatever the umask.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import tempfile
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from sqlite_utils import Database

from ikan_desktop.private_files import create_private_file, make_private, make_private_folder
from ikan_desktop.store.clean_close import forget_clean_close, record_clean_close
from ikan_desktop.store.database_checks import (
    SQLITE_MAGIC,
    StoreError,
    check_existing,
    check_path_kind,
    in_use,
    is_busy,
)
from ikan_desktop.store.lean_import import plain_database
from ikan_desktop.store.location import DB_NAME
from ikan_desktop.store.migrations import migrations

T = TypeVar("T")
log = logging.getLogger(__name__)

__all__ = ["SQLITE_MAGIC", "Store", "StoreError", "atomic_write_bytes", "open_store"]


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
    # Stored values that could not be read (shown as unknown instead), for the caller to report.
    unreadable: list[str] = field(default_factory=list)

    @property
    def folder(self) -> Path:
        return self.path.parent

    @property
    def audio_dir(self) -> Path:
        return self.folder / "audio"

    def read_value(
        self,
        where: str,
        column: str,
        value: Any,
        read: Callable[[Any], T | None],
        *,
        skipped: bool = False,
    ) -> T | None:
        """`read(value)`, noting a stored value that is present but cannot be read."""
        result = read(value)
        if result is None and value not in (None, ""):
            outcome = "it is left out" if skipped else "it is shown as unknown"
            note = f"{where}: the {column} {shorten(value)} cannot be read; {outcome}"
            if note not in self.unreadable:
                self.unreadable.append(note)
                log.warning("%s", note)
        return result

    def close(self) -> None:
        """Fold the write-ahead log back into the file so a copied DB is one complete file."""
        try:
            self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            self.db.close()
        record_clean_close(self.path)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def shorten(value: object, limit: int = 40) -> str:
    """A stored value quoted for a message, cut short."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def open_store(folder: Path) -> Store:
    """Open (creating if needed) the database in `folder`, after checking it is safe to use."""
    folder = Path(folder).absolute()  # recordings are stored relative to it, so it must be whole
    _ensure_writable_folder(folder)
    path = folder / DB_NAME
    check_path_kind(path)
    if path.exists() and path.stat().st_size > 0:
        check_existing(path)
        forget_clean_close(path)
    _prepare_private_file(path)
    # The working connection keeps SQLite's usual 5 s patience with a lock: a write during an
    # interview should wait out a brief backup or sync rather than fail.
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=5.0)
    db = plain_database(conn)
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        db.enable_wal()
        conn.execute("PRAGMA synchronous = FULL")
        migrations.apply(db)
    except sqlite3.Error as error:
        conn.close()
        if is_busy(error):
            raise in_use(path) from error
        raise StoreError(
            "Could not open your data",
            f"The database in {folder} could not be prepared ({error}). It has not been changed.",
            path,
        ) from error
    for suffix in ("-wal", "-shm"):
        make_private(path.with_name(path.name + suffix))
    return Store(db=db, path=path)


def _prepare_private_file(path: Path) -> None:
    """A new database starts as a user-only file; one of ours others could read is tightened."""
    try:
        with create_private_file(path):
            pass
    except FileExistsError:
        make_private(path)
    except OSError as error:
        raise StoreError(
            "The data folder cannot be written",
            f"ikan-desktop cannot create its database {path} ({error.strerror or error}). "
            "Nothing was changed. Choose a folder you can write to with --data-dir.",
            path,
        ) from error


def _ensure_writable_folder(folder: Path) -> None:
    try:
        make_private_folder(folder)
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


def atomic_write_bytes(target: Path, data: bytes, *, replace: bool = True) -> None:
    """Write a file through a temporary file, so a crash never leaves half a file.

    With `replace=False` an existing file is never replaced, not even one that appears while
    writing: FileExistsError instead.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if replace:
            os.replace(tmp, target)
        else:
            _link_new(Path(tmp), target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _link_new(tmp: Path, target: Path) -> None:
    # A hard link never replaces what is there; where links are not possible, check just before.
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise
    except OSError:
        if target.exists():
            raise FileExistsError(17, "File exists", str(target)) from None
        os.replace(tmp, target)
        return
    tmp.unlink()


@contextmanager
def reading_connection(db_path: Path) -> Iterator[Store]:
    """A second, read-only connection to the database, for a worker thread.

    The write-ahead log lets it read a consistent snapshot while the app keeps writing on its
    own connection, so a worker never shares the app's connection across threads.
    """
    uri = f"{Path(db_path).resolve().as_uri()}?mode=ro"
    connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
    try:
        yield Store(db=plain_database(connection), path=Path(db_path))
    finally:
        connection.close()
