"""Session rows on a real SQLite file: each change is committed the moment it is made."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import pytest

from ikan_desktop.domain.students import StudentDetails
from ikan_desktop.store import open_store
from ikan_desktop.store import sessions as session_store
from ikan_desktop.store import students as student_store
from ikan_desktop.store.location import DB_NAME


def other_connection_sees(data_dir: Path, session_id: str) -> tuple:
    conn = sqlite3.connect(data_dir / DB_NAME)
    try:
        return conn.execute(
            "SELECT state, audio_path, audio_rate, audio_frames, ended_at IS NOT NULL "
            "FROM sessions WHERE id = ?",
            [session_id],
        ).fetchone()
    finally:
        conn.close()


def test_a_session_round_trip_is_committed_at_every_step(data_dir: Path) -> None:
    store = open_store(data_dir)
    student = student_store.add_student(store, StudentDetails(name="Aroha Ngata"))
    session_id = session_store.start_session(
        store,
        student_id=student.id,
        kind="strategy",
        script_id="strategy-form-a",
        script_version="1",
        form="A",
        assessor="Ms Tui",
    )
    assert other_connection_sees(data_dir, session_id) == ("recording", None, None, None, 0)

    wav = session_store.audio_file_for(store, session_id)
    assert wav.is_relative_to(store.audio_dir)
    session_store.set_audio(store, session_id, audio_path=wav, rate=16000)
    relative = wav.relative_to(data_dir).as_posix()
    assert other_connection_sees(data_dir, session_id) == ("recording", relative, 16000, None, 0)

    session_store.set_state(store, session_id, "paused")
    assert [s.id for s in session_store.sessions_in_state(store, "paused")] == [session_id]
    session_store.set_state(store, session_id, "recording")
    event = session_store.record_audio_event(store, session_id, kind="paused", t_ms=4200)
    session_store.record_audio_event(store, session_id, kind="resumed", t_ms=4200)
    session_store.finish_session(store, session_id, frames=16000 * 61, sha256="ab" * 32)
    store.close()

    reopened = open_store(data_dir)
    row = session_store.get_session(reopened, session_id)
    assert (row.state, row.form, row.assessor, row.audio_path) == (
        "finished",
        "A",
        "Ms Tui",
        relative,
    )
    assert (row.audio_frames, row.audio_ms, row.audio_sha256) == (16000 * 61, 61000, "ab" * 32)
    assert row.ended_at is not None and row.ended_at >= row.started_at
    assert not row.in_progress
    assert session_store.audio_path_of(reopened, row) == wav
    assert [(e.kind, e.t_ms) for e in session_store.audio_events(reopened, session_id)] == [
        ("paused", 4200),
        ("resumed", 4200),
    ]
    assert session_store.audio_events(reopened, session_id)[0] == event
    assert session_store.sessions_in_state(reopened, session_store.IN_PROGRESS) == []
    assert [s.id for s in session_store.sessions_for_student(reopened, student.id)] == [session_id]
    with pytest.raises(dataclasses.FrozenInstanceError):
        row.state = "recording"  # type: ignore[misc]
    reopened.close()


def test_interrupted_sessions_keep_their_audio_facts(data_dir: Path) -> None:
    store = open_store(data_dir)
    student = student_store.add_student(store, StudentDetails(name="Ben Tane"))
    first = session_store.start_session(
        store, student_id=student.id, kind="knowledge", script_id="k", script_version="2", form=""
    )
    second = session_store.start_session(
        store, student_id=student.id, kind="strategy", script_id="s", script_version="1", form="B"
    )
    session_store.mark_interrupted(store, first, frames=800, sha256="cd" * 32)
    assert [s.id for s in session_store.sessions_in_state(store, ["recording", "paused"])] == [
        second
    ]
    row = session_store.get_session(store, first)
    assert (row.state, row.audio_frames, row.audio_ms) == ("interrupted", 800, None)  # no rate
    store.close()


def test_bad_input_is_refused_without_writing(data_dir: Path) -> None:
    store = open_store(data_dir)
    student = student_store.add_student(store, StudentDetails(name="Mere Kahu"))
    with pytest.raises(ValueError):
        session_store.start_session(
            store, student_id=student.id, kind="chat", script_id="s", script_version="1", form=""
        )
    with pytest.raises(KeyError):
        session_store.get_session(store, "no-such-session")
    with pytest.raises(KeyError):
        session_store.set_state(store, "no-such-session", "finished")
    session_id = session_store.start_session(
        store, student_id=student.id, kind="strategy", script_id="s", script_version="1", form=""
    )
    with pytest.raises(ValueError):
        session_store.set_state(store, session_id, "exploded")
    with pytest.raises(ValueError):
        session_store.set_audio(store, session_id, audio_path=Path("/elsewhere/a.wav"), rate=16000)
    with pytest.raises(sqlite3.IntegrityError):  # a student who does not exist
        session_store.start_session(
            store, student_id="nobody", kind="strategy", script_id="s", script_version="1", form=""
        )
    assert session_store.get_session(store, session_id).state == "recording"
    store.close()
