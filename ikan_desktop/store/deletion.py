"""Deleting for good: a recording, an interview, or a child with everything about them.

Rows are found through the schema's own foreign keys, so a table added later that points at an
interview or a student is cleared too, and the delete never fails half way on a constraint.
Each delete is one transaction and leaves a tombstone, so merging an old backup later does not
bring the child back. Files are removed after the rows are committed: at worst a crash leaves an
unreferenced file, never a row pointing at nothing.
"""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from ikan_desktop.store.database import Store, now_iso

PEAKS_SUFFIX = ".peaks.npz"


@dataclass(frozen=True, slots=True)
class DeletionScope:
    """What a deletion would remove, counted, so the confirmation can say exactly that."""

    students: int
    sessions: int
    recordings: int
    rows: dict[str, int]


def delete_recording(store: Store, session_id: str, *, reason: str) -> str | None:
    """Delete one interview's recording (its tags, stages and notes stay); the path removed."""
    row = store.db.execute("SELECT audio_path FROM sessions WHERE id = ?", [session_id]).fetchone()
    if row is None or not row[0]:
        return None
    store.db.execute(
        "UPDATE sessions SET audio_path = NULL, audio_deleted_at = ?, audio_deleted_reason = ? "
        "WHERE id = ?",
        [now_iso(), reason, session_id],
    )
    _remove_audio(store, [row[0]])
    return row[0]


def sessions_scope(store: Store, session_ids: list[str]) -> DeletionScope:
    """What deleting these interviews would remove."""
    rows = _referencing_counts(store.db.conn, "sessions", session_ids)
    return DeletionScope(0, len(session_ids), len(_audio_of(store, session_ids)), rows)


def students_scope(store: Store, student_ids: list[str]) -> DeletionScope:
    """What deleting these students (and all their interviews) would remove."""
    sessions = _session_ids(store, student_ids)
    rows = _referencing_counts(store.db.conn, "sessions", sessions)
    for table, count in _referencing_counts(store.db.conn, "students", student_ids).items():
        if table != "sessions":
            rows[table] = rows.get(table, 0) + count
    return DeletionScope(len(student_ids), len(sessions), len(_audio_of(store, sessions)), rows)


def delete_sessions(store: Store, session_ids: list[str]) -> int:
    """Delete interviews with every row and file that belongs to them; how many were deleted."""
    audio = _audio_of(store, session_ids)
    with store.db.atomic():
        _delete_with_references(store.db.conn, "sessions", "id", session_ids)
        _tombstones(store, "session", session_ids)
    _remove_audio(store, audio)
    return len(session_ids)


def delete_students(store: Store, student_ids: list[str]) -> int:
    """Delete children entirely: every interview, recording, consent record and the child."""
    sessions = _session_ids(store, student_ids)
    audio = _audio_of(store, sessions)
    with store.db.atomic():
        _delete_with_references(store.db.conn, "students", "id", student_ids)
        _tombstones(store, "session", sessions)
        _tombstones(store, "student", student_ids)
    _remove_audio(store, audio)
    return len(student_ids)


def archived_student_ids(store: Store) -> list[str]:
    """Every archived student (for the end-of-year bulk delete)."""
    rows = store.db.execute("SELECT id FROM students WHERE archived = 1 ORDER BY name")
    return [row[0] for row in rows.fetchall()]


def _session_ids(store: Store, student_ids: list[str]) -> list[str]:
    return [
        row[0]
        for chunk in _chunks(student_ids)
        for row in store.db.execute(
            f"SELECT id FROM sessions WHERE student_id IN ({_marks(chunk)})", chunk
        ).fetchall()
    ]


def _audio_of(store: Store, session_ids: list[str]) -> list[str]:
    return [
        row[0]
        for chunk in _chunks(session_ids)
        for row in store.db.execute(
            f"SELECT audio_path FROM sessions WHERE id IN ({_marks(chunk)}) "
            "AND audio_path IS NOT NULL",
            chunk,
        ).fetchall()
    ]


def _references(conn: sqlite3.Connection, table: str) -> list[tuple[str, str]]:
    """(table, column) pairs whose foreign key points at `table`."""
    found = []
    names = conn.execute(
        "SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ).fetchall()
    for (name,) in names:
        for fk in conn.execute(f"PRAGMA main.foreign_key_list({name})").fetchall():
            if fk[2] == table:
                found.append((name, fk[3]))
    return found


def _ids_where(conn: sqlite3.Connection, table: str, column: str, ids: list[str]) -> list[str]:
    return [
        row[0]
        for chunk in _chunks(ids)
        for row in conn.execute(
            f"SELECT id FROM {table} WHERE {column} IN ({_marks(chunk)})", chunk
        ).fetchall()
    ]


def _delete_with_references(
    conn: sqlite3.Connection, table: str, column: str, ids: list[str]
) -> None:
    """Delete the rows of `table` whose `column` is in `ids`, and whatever points at them."""
    referrers = _references(conn, table)
    if referrers:
        own = _ids_where(conn, table, column, ids) if column != "id" else ids
        for child, child_column in referrers:
            _delete_with_references(conn, child, child_column, own)
    for chunk in _chunks(ids):
        conn.execute(f"DELETE FROM {table} WHERE {column} IN ({_marks(chunk)})", chunk)


def _referencing_counts(conn: sqlite3.Connection, table: str, ids: list[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for child, column in _references(conn, table):
        found = sum(
            conn.execute(
                f"SELECT count(*) FROM {child} WHERE {column} IN ({_marks(chunk)})", chunk
            ).fetchone()[0]
            for chunk in _chunks(ids)
        )
        counts[child] = counts.get(child, 0) + found
    return counts


def _tombstones(store: Store, kind: str, ids: list[str]) -> None:
    stamp = now_iso()
    store.db.conn.executemany(
        "INSERT OR IGNORE INTO deleted_records (id, kind, deleted_at) VALUES (?, ?, ?)",
        [(record_id, kind, stamp) for record_id in ids],
    )


def remove_recording_files(store: Store, relative_paths: list[str]) -> None:
    """Remove recordings whose rows no longer name them (a merge took their deletion)."""
    _remove_audio(store, relative_paths)


def _remove_audio(store: Store, relative_paths: list[str]) -> None:
    for relative in relative_paths:
        wav = store.folder / relative
        for path in (wav, wav.with_name(wav.name + PEAKS_SUFFIX)):
            # The row is gone, so the app no longer offers the file even if it cannot be removed.
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)
        _remove_empty_parent(wav.parent, store.audio_dir)


def _remove_empty_parent(folder: Path, stop: Path) -> None:
    if folder != stop and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()


def _chunks(ids: list[str], size: int = 500) -> list[list[str]]:
    return [ids[i : i + size] for i in range(0, len(ids), size)]


def _marks(chunk: list[str]) -> str:
    return ", ".join("?" for _ in chunk)
