"""Remember that the database was closed cleanly, so the next start can skip the full check.

`PRAGMA quick_check` reads every page: on a school's years of history it takes seconds, and
start-up would grow with every interview ever recorded. When the app closes the database
cleanly (log folded back, connection closed) it writes the file's size and modification time
beside it; if the file still matches at the next start, it is the file the app itself left
whole, and only the cheap checks run. A file changed by anything else (a copy, a restore, a
crash) does not match, and gets the full check.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path


def _marker(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".closed-cleanly")


def _fingerprint(db_path: Path) -> dict[str, int] | None:
    try:
        stat = db_path.stat()
    except OSError:
        return None
    wal = db_path.with_name(db_path.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        return None  # changes still in the log: not a cleanly closed file
    return {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns}


def record_clean_close(db_path: Path) -> None:
    """Note that the file was just closed cleanly (best effort: a failure only costs a check)."""
    found = _fingerprint(db_path)
    if found is None:
        return
    try:
        fd = os.open(_marker(db_path), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(found, handle)
    except OSError:
        pass


def closed_cleanly(db_path: Path) -> bool:
    """Whether the file is exactly as the app left it at its last clean close."""
    try:
        saved = json.loads(_marker(db_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(saved, dict) and saved == _fingerprint(db_path)


def forget_clean_close(db_path: Path) -> None:
    """The marker is used once: removed when the database is opened for work, so a run that
    does not close cleanly is checked in full next time (a refused file keeps its folder as is)."""
    with contextlib.suppress(OSError):
        _marker(db_path).unlink()
