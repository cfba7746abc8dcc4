"""A finished interview with a real recording and known tags, for the review and export tests."""

from __future__ import annotations

import wave
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from ikan_desktop.domain.students import StudentDetails
from ikan_desktop.domain.tags import RESPONSE, STRATEGY
from ikan_desktop.store import sessions as session_store
from ikan_desktop.store import students as student_store
from ikan_desktop.store import tags as tag_store
from ikan_desktop.store.database import Store

RATE = 16000
# (t_ms, task, code, stage, note) on form A
REVIEW_TAGS = (
    (3000, "a3-add-1", "counts_on_back", 4, ""),
    (8000, "a3-add-2", "counts_on_back", 4, ""),
    (12000, "a3-mul-1", "skip_counts", 4, ""),
)


def write_tone(path: Path, seconds: float, *, hz: float = 440, amplitude: int = 3000) -> int:
    """A real 16-bit mono WAV of a steady tone; returns its frame count."""
    frames = int(seconds * RATE)
    samples = (np.sin(np.arange(frames) * 2 * np.pi * hz / RATE) * amplitude).astype("<i2")
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as handle:
        handle.setnchannels(1)
        handle.setsampwidth(2)
        handle.setframerate(RATE)
        handle.writeframes(samples.tobytes())
    return frames


def recorded_interview(
    store: Store,
    *,
    name: str = "Ana Lemalu",
    seconds: float = 20.0,
    audio: bool = True,
    tags: Sequence[tuple[int, str, str, int, str]] = REVIEW_TAGS,
    correct_at_ms: int | None = 2500,
    assessor: str = "Ms Review",
    section_id: str = "early-part-whole",
) -> str:
    """A finished form A interview with (optionally) a tone recording and the given tags."""
    student = student_store.add_student(store, StudentDetails(name=name))
    session_id = session_store.start_session(
        store,
        student_id=student.id,
        kind="strategy",
        script_id="strategy-form-a",
        script_version="2026.1",
        form="A",
        assessor=assessor,
    )
    frames = None
    if audio:
        target = session_store.audio_file_for(store, session_id)
        frames = write_tone(target, seconds)
        session_store.set_audio(store, session_id, audio_path=target, rate=RATE)
    for t_ms, task, code, stage, note in tags:
        tag_store.record_tag(
            store,
            session_id=session_id,
            t_ms=t_ms,
            kind=STRATEGY,
            code=code,
            section_id=section_id,
            task_id=task,
            stage=stage,
            note=note,
            has_audio=audio,
        )
    if correct_at_ms is not None:
        tag_store.record_tag(
            store,
            session_id=session_id,
            t_ms=correct_at_ms,
            kind=RESPONSE,
            code="correct",
            section_id=section_id,
            task_id=tags[0][1] if tags else None,
            has_audio=audio,
        )
    session_store.finish_session(store, session_id, frames=frames, sha256="-" if audio else None)
    return session_id
