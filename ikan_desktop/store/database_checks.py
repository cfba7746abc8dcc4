"""The read-only checks a database file must pass before the app writes a single byte to it.

A file that is not ours (another program's SQLite file, a folder, a pipe), damaged, missing part
of its schema, or written by a newer version is refused with a message for the teacher, and left
exactly as it was: the check's own -wal/-shm files are removed again. A file another program
holds locked is "in use", never "damaged".
"""

from __future__ import annotations

import contextlib
import functools
import sqlite3
import stat
from pathlib import Path

from ikan_desktop.store.clean_close import closed_cleanly
from ikan_desktop.store.lean_import import plain_database
from ikan_desktop.store.migrations import MIGRATION_SET, known_names, migrations

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_WAIT_SECONDS = 2.0  # how long to wait for another program's lock before saying "in use"
_BUSY_CODES = {5, 6}  # SQLITE_BUSY, SQLITE_LOCKED (the low byte of extended codes)
_SIDE_FILES = ("-wal", "-shm")


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


def is_busy(error: BaseException) -> bool:
    """True when SQLite failed only because another connection holds a lock."""
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None:
        return (code & 0xFF) in _BUSY_CODES
    text = str(error).lower()
    return "locked" in text or "busy" in text


def in_use(path: Path) -> StoreError:
    """The message for a database another program is holding locked."""
    return StoreError(
        "Your data is in use",
        f"Another program is using the database {path} right now, so ikan-desktop waited "
        "and then stopped. Nothing was changed, and the data is not damaged. Close the other "
        "program (or another copy of ikan-desktop, or a backup or sync still running), "
        "then try again.",
        path,
    )


def damaged(path: Path, detail: str) -> StoreError:
    """The message for a database that fails its integrity check."""
    return StoreError(
        "The database is damaged",
        f"The database {path} failed its integrity check ({detail}). It has not been changed. "
        "Keep a copy of this file, and restore your most recent backup if you have one.",
        path,
    )


def check_path_kind(path: Path) -> None:
    """Refuse a database path that is a folder, a pipe or anything but a regular file."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return
    except OSError as error:
        raise StoreError(
            "Your data cannot be read",
            f"ikan-desktop cannot look at {path} ({error.strerror or error}). Nothing was "
            "changed. Check the folder's permissions, or choose another folder with --data-dir.",
            path,
        ) from error
    if stat.S_ISREG(mode):
        return
    kind = "a folder" if stat.S_ISDIR(mode) else "not an ordinary file (a pipe or a device)"
    raise StoreError(
        "This is not an ikan-desktop database",
        f"{path} is {kind}, so it cannot hold ikan-desktop data. It has not been changed. "
        "Move it out of the way, or choose another folder with --data-dir.",
        path,
    )


def check_existing(path: Path) -> None:
    """Read-only checks of an existing, non-empty database file; StoreError when refused."""
    with open(path, "rb") as handle:
        header = handle.read(len(SQLITE_MAGIC))
    if header != SQLITE_MAGIC:
        raise StoreError(
            "This is not an ikan-desktop database",
            f"The file {path} is not an SQLite database, so it cannot hold ikan-desktop data. "
            "It has not been changed. If it came from a backup, the copy may be incomplete.",
            path,
        )
    existed = {suffix: _side(path, suffix).exists() for suffix in _SIDE_FILES}
    try:
        _check_contents(path)
    except StoreError:
        _remove_own_side_files(path, existed)
        raise


def _check_contents(path: Path) -> None:
    uri = f"{path.resolve().as_uri()}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_WAIT_SECONDS)
    except sqlite3.Error as error:
        raise (in_use(path) if is_busy(error) else damaged(path, str(error))) from error
    try:
        # A file exactly as the app left it at a clean close needs neither the full check (it
        # reads every page: seconds on years of data) nor the schema comparison.
        as_left = closed_cleanly(path)
        if not as_left:
            result = [row[0] for row in conn.execute("PRAGMA quick_check").fetchall()]
            if result != ["ok"]:
                raise damaged(path, "; ".join(str(r) for r in result[:3]))
        tables = _tables(conn)
        applied = _applied_migrations(conn) if "_sqlite_migrations" in tables else []
        if tables and not applied:
            raise _foreign(path)
        unknown = [name for name in applied if name not in known_names()]
        if unknown:
            raise StoreError(
                "This data was saved by a newer ikan-desktop",
                f"The database in {path.parent} was last used by a newer version of "
                "ikan-desktop. This version cannot read it safely, so it has not been changed. "
                "Please install the newest version of ikan-desktop to open it.",
                path,
            )
        missing = "" if as_left else _missing_parts(conn, tuple(applied))
        if missing:
            raise StoreError(
                "The database is incomplete",
                f"Part of the database {path} is missing ({missing}); another program may have "
                "changed it. It has not been changed further. Keep a copy of this file, and "
                "restore your most recent backup if you have one.",
                path,
            )
    except sqlite3.Error as error:
        raise (in_use(path) if is_busy(error) else damaged(path, str(error))) from error
    finally:
        conn.close()


def _foreign(path: Path) -> StoreError:
    return StoreError(
        "This is not an ikan-desktop database",
        f"The file {path} is an SQLite database of another program, not ikan-desktop's. "
        "It has not been changed. Move it out of the way, or choose another folder with "
        "--data-dir.",
        path,
    )


def _tables(conn: sqlite3.Connection) -> set[str]:
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') "
        "AND name NOT LIKE 'sqlite_%'"
    ).fetchall()
    return {row[0] for row in rows}


def _applied_migrations(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute(
        "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [MIGRATION_SET]
    ).fetchall()
    return [row[0] for row in rows]


def _missing_parts(conn: sqlite3.Connection, applied: tuple[str, ...]) -> str:
    """The first table or column the applied migrations made that is no longer there ('' if none)."""
    for table, columns in _expected_schema(applied).items():
        found = {row[1] for row in conn.execute(f"PRAGMA table_info([{table}])").fetchall()}
        if not found:
            return f"the table {table!r}"
        lost = [column for column in columns if column not in found]
        if lost:
            return f"the column {lost[0]!r} of the table {table!r}"
    return ""


@functools.cache
def _expected_schema(applied: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    # Run the applied migrations on an empty in-memory database: the schema they leave is the
    # schema a file that has applied them must have.
    memory = plain_database()
    for migration in migrations._migrations:
        if migration.name in applied:
            migration.fn(memory)
    schema = {}
    for table in memory.table_names():
        if not table.startswith("sqlite_"):
            schema[table] = tuple(memory[table].columns_dict)
    memory.close()
    return schema


def _side(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _remove_own_side_files(path: Path, existed: dict[str, bool]) -> None:
    """Remove the empty -wal and the -shm that the read-only check itself left beside a file."""
    wal = _side(path, "-wal")
    if not existed["-wal"]:
        try:
            if wal.exists() and wal.stat().st_size > 0:
                return  # someone else is writing: leave both alone
            wal.unlink(missing_ok=True)
        except OSError:
            return
    if not existed["-shm"]:
        with contextlib.suppress(OSError):
            _side(path, "-shm").unlink(missing_ok=True)
