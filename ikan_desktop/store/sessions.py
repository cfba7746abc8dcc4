"""Interview sessions: one row per interview, written the moment anything about it changes.

A session is created in state 'recording', which means "in progress" whether or not audio is
being recorded (an interview without consent runs on a clock only, and a crash must still find
it). It moves to 'paused' and back while the teacher pauses, and ends 'finished' (closed
normally) or 'interrupted' (found still in progress at the next start-up). Every function here
is one committed write, so whatever the teacher did before a crash is on disk.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from ikan_desktop.store.database import Store, new_id, now_iso
from ikan_desktop.store.location import DB_NAME

STATES = ("recording", "paused", "finished", "interrupted")
IN_PROGRESS = ("recording", "paused")
KINDS = ("strategy", "knowledge")
AUDIO_EVENT_KINDS = ("paused", "resumed", "audio_ended")

_COLUMNS = (
    "id, student_id, kind, script_id, script_version, form, assessor, started_at, ended_at, "
    "state, audio_path, audio_sha256, audio_rate, audio_frames"
)


@dataclass(frozen=True, slots=True)
class SessionRow:
    """One interview as stored: who, which script, when, its state and its audio file."""

    id: str
    student_id: str
    kind: str
    script_id: str
    script_version: str
    form: str
    assessor: str
    started_at: str
    ended_at: str | None
    state: str
    audio_path: str | None  # relative to the data folder, with forward slashes
    audio_sha256: str | None
    audio_rate: int | None
    audio_frames: int | None

    @property
    def in_progress(self) -> bool:
        return self.state in IN_PROGRESS

    @property
    def audio_ms(self) -> int | None:
        """Length of the saved audio, once it is known."""
        if self.audio_frames is None or not self.audio_rate:
            return None
        return self.audio_frames * 1000 // self.audio_rate


@dataclass(frozen=True, slots=True)
class AudioEventRow:
    """A pause, a resume, or where the audio ended, on the recording's clock."""

    id: str
    session_id: str
    kind: str
    t_ms: int
    wall_time: str
    detail: str


def start_session(
    store: Store,
    *,
    student_id: str,
    kind: str,
    script_id: str,
    script_version: str,
    form: str,
    assessor: str = "",
) -> str:
    """Create an interview in progress (state 'recording') and return its id."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    session_id = new_id()
    store.db.execute(
        "INSERT INTO sessions (id, student_id, kind, script_id, script_version, form, assessor, "
        "started_at, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'recording')",
        [session_id, student_id, kind, script_id, script_version, form, assessor, now_iso()],
    )
    return session_id


def audio_file_for(store: Store, session_id: str) -> Path:
    """Where a session's recording goes: audio/<year-month>/<session id>.wav in the data folder."""
    return store.audio_dir / now_iso()[:7] / f"{session_id}.wav"


def set_audio(store: Store, session_id: str, *, audio_path: Path | str, rate: int) -> None:
    """Remember the recording's file (relative to the data folder) before the first sample."""
    _update(store, session_id, audio_path=relative_audio_path(store, audio_path), audio_rate=rate)


def set_state(store: Store, session_id: str, state: str, *, ended: bool = False) -> None:
    """Move a session to another state (pause, resume, finish); `ended` stamps the end time."""
    if state not in STATES:
        raise ValueError(f"state must be one of {STATES}, not {state!r}")
    changes: dict[str, Any] = {"state": state}
    if ended:
        changes["ended_at"] = now_iso()
    _update(store, session_id, **changes)


def seal_audio(store: Store, session_id: str, *, frames: int, sha256: str) -> None:
    """Record the closed recording's length and checksum (the state is left as it is)."""
    _update(store, session_id, audio_frames=frames, audio_sha256=sha256)


def finish_session(
    store: Store, session_id: str, *, frames: int | None = None, sha256: str | None = None
) -> None:
    """Close an interview normally; `frames` and `sha256` describe its audio when it has some."""
    changes: dict[str, Any] = {"state": "finished", "ended_at": now_iso()}
    if frames is not None:
        changes |= {"audio_frames": frames, "audio_sha256": sha256}
    _update(store, session_id, **changes)


def mark_interrupted(
    store: Store,
    session_id: str,
    *,
    frames: int | None = None,
    sha256: str | None = None,
    ended_at: str | None = None,
) -> None:
    """An interview found in progress after a crash: keep everything, say it was cut short."""
    changes: dict[str, Any] = {"state": "interrupted", "ended_at": ended_at}
    if frames is not None:
        changes |= {"audio_frames": frames, "audio_sha256": sha256}
    _update(store, session_id, **changes)


def get_session(store: Store, session_id: str) -> SessionRow:
    """One session by id; KeyError when there is none."""
    row = store.db.execute(f"SELECT {_COLUMNS} FROM sessions WHERE id = ?", [session_id]).fetchone()
    if row is None:
        raise KeyError(session_id)
    return SessionRow(*row)


def sessions_in_state(store: Store, state: str | Iterable[str]) -> list[SessionRow]:
    """Sessions in a state (or any of several), oldest first."""
    states = [state] if isinstance(state, str) else list(state)
    marks = ", ".join("?" for _ in states)
    rows = store.db.execute(
        f"SELECT {_COLUMNS} FROM sessions WHERE state IN ({marks}) ORDER BY started_at, rowid",
        states,
    ).fetchall()
    return [SessionRow(*row) for row in rows]


def unsealed_finished(store: Store) -> list[SessionRow]:
    """Finished sessions with a recording whose length was never written (a crash at the end).

    Served by a small partial index, so start-up never reads the whole history.
    """
    rows = store.db.execute(
        f"SELECT {_COLUMNS} FROM sessions WHERE state = 'finished' "
        "AND audio_frames IS NULL AND audio_path IS NOT NULL ORDER BY started_at, rowid"
    ).fetchall()
    return [SessionRow(*row) for row in rows]


def unfinished_in_folder(folder: Path) -> bool:
    """True when the database in `folder` holds an interview still marked in progress.

    A cheap read-only look (nothing is created, migrated or changed), so start-up can check the
    demo class without opening it.
    """
    path = folder / DB_NAME
    if not path.exists():
        return False
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            row = conn.execute(
                "SELECT 1 FROM sessions WHERE state IN ('recording', 'paused') LIMIT 1"
            ).fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return False
    return row is not None


def newer_session_exists(store: Store, session: SessionRow) -> bool:
    """True when the same student has an interview started after this one."""
    row = store.db.execute(
        "SELECT 1 FROM sessions WHERE student_id = ? AND started_at > ? AND id != ? LIMIT 1",
        [session.student_id, session.started_at, session.id],
    ).fetchone()
    return row is not None


def sessions_for_student(store: Store, student_id: str) -> list[SessionRow]:
    """A student's sessions, newest first."""
    rows = store.db.execute(
        f"SELECT {_COLUMNS} FROM sessions WHERE student_id = ? ORDER BY started_at DESC, rowid",
        [student_id],
    ).fetchall()
    return [SessionRow(*row) for row in rows]


def audio_path_of(store: Store, session: SessionRow) -> Path | None:
    """The session's recording as a full path, or None when it has none."""
    return store.folder / session.audio_path if session.audio_path else None


def relative_audio_path(store: Store, path: Path | str) -> str:
    """A path inside the data folder as stored: relative, forward slashes (portable backups)."""
    path = Path(path)
    if path.is_absolute():
        try:
            path = path.resolve().relative_to(store.folder.resolve())
        except ValueError as error:
            raise ValueError(f"{path} is not inside the data folder {store.folder}") from error
    return str(PurePosixPath(*path.parts))


def record_audio_event(
    store: Store, session_id: str, *, kind: str, t_ms: int, detail: str = ""
) -> AudioEventRow:
    """Write a pause, a resume or the end of the audio as its own committed row."""
    if kind not in AUDIO_EVENT_KINDS:
        raise ValueError(f"kind must be one of {AUDIO_EVENT_KINDS}, not {kind!r}")
    event = AudioEventRow(new_id(), session_id, kind, int(t_ms), now_iso(), detail)
    store.db.execute(
        "INSERT INTO audio_events (id, session_id, kind, t_ms, wall_time, detail) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [event.id, session_id, kind, event.t_ms, event.wall_time, detail],
    )
    return event


def audio_events(store: Store, session_id: str) -> list[AudioEventRow]:
    """A session's audio events in clock order."""
    rows = store.db.execute(
        "SELECT id, session_id, kind, t_ms, wall_time, detail FROM audio_events "
        "WHERE session_id = ? ORDER BY t_ms, rowid",
        [session_id],
    ).fetchall()
    return [AudioEventRow(*row) for row in rows]


def reopen(store: Store, session_id: str) -> None:
    """An interrupted interview carries on: in progress again, its audio no longer sealed."""
    _update(
        store, session_id, state="recording", ended_at=None, audio_frames=None, audio_sha256=None
    )


def discard_empty(store: Store, session_id: str) -> bool:
    """Remove an interview in which nothing was observed or decided; False (and nothing
    removed) when it holds anything a teacher could want."""
    held = store.db.execute(
        "SELECT (SELECT count(*) FROM tags WHERE session_id = :id) "
        "+ (SELECT count(*) FROM section_decisions WHERE session_id = :id) "
        "+ (SELECT count(*) FROM judgements WHERE session_id = :id) "
        "+ (SELECT count(*) FROM profile_notes WHERE session_id = :id)",
        {"id": session_id},
    ).fetchone()[0]
    if held:
        return False
    with store.db.atomic():
        for table in ("audio_events", "task_showings"):
            store.db.execute(f"DELETE FROM {table} WHERE session_id = ?", [session_id])
        store.db.execute("DELETE FROM sessions WHERE id = ?", [session_id])
    return True


def _update(store: Store, session_id: str, **changes: Any) -> None:
    assignments = ", ".join(f"{column} = ?" for column in changes)
    cursor = store.db.execute(
        f"UPDATE sessions SET {assignments} WHERE id = ?", [*changes.values(), session_id]
    )
    if cursor.rowcount == 0:
        raise KeyError(session_id)
