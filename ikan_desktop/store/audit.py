"""The audit log: who deleted, exported, backed up, restored or merged what, and when.

Rows are only ever added. The teacher can read them (File ▸ Audit log…), so the wording of
`what` is plain language; `detail` carries ids for support staff.
"""

from __future__ import annotations

import getpass
import sqlite3
from dataclasses import dataclass

from ikan_desktop.store import database_checks
from ikan_desktop.store.database import Store, new_id, now_iso
from ikan_desktop.store.settings import teacher_name

ACTIONS = (
    "deleted",
    "exported",
    "backed up",
    "restored",
    "merged",
    "consent",
    "retention",
)


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One thing done to the data that matters for privacy."""

    id: str
    at: str
    who: str
    action: str
    what: str
    detail: str


def current_user(store: Store) -> str:
    """The teacher's name from the settings, else the computer account's name."""
    name = teacher_name(store)
    if name:
        return name
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return ""


def log_event(store: Store, action: str, what: str, detail: str = "", *, who: str = "") -> None:
    """Add one row to the audit log (its own committed write)."""
    store.db.execute(
        "INSERT INTO audit_log (id, at, who, action, what, detail) VALUES (?, ?, ?, ?, ?, ?)",
        [new_id(), now_iso(), who or current_user(store), action, what, detail],
    )


def check_log_writable(store: Store) -> None:
    """Say "in use" before a file is written elsewhere whose log entry could not follow it."""
    patience = store.db.execute("PRAGMA busy_timeout").fetchone()[0]
    store.db.execute(f"PRAGMA busy_timeout = {int(database_checks.BUSY_WAIT_SECONDS * 1000)}")
    try:
        store.db.execute("BEGIN IMMEDIATE")
        store.db.execute("ROLLBACK")
    except sqlite3.Error as error:
        if database_checks.is_busy(error):
            raise database_checks.in_use(store.path) from error
        raise
    finally:
        store.db.execute(f"PRAGMA busy_timeout = {int(patience)}")


def audit_entries(store: Store, *, limit: int = 2000) -> list[AuditEntry]:
    """The newest entries first."""
    rows = store.db.execute(
        "SELECT id, at, who, action, what, detail FROM audit_log "
        "ORDER BY at DESC, rowid DESC LIMIT ?",
        [limit],
    ).fetchall()
    return [AuditEntry(*row) for row in rows]
