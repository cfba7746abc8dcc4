"""At start-up, finish the paperwork of interviews a crash cut short, and tell the teacher calmly.

A session still 'recording' or 'paused' is interrupted when nobody is running it: no other copy
of the app holds the data folder's lock (the system drops it the moment a process dies), and
this process is not running it. Its tags are already safe in the database, one row per key
press. Its WAV file holds every chunk that reached the disk, but its header may be stale:
`repair` makes it whole from its length, and any tag stamped past the saved audio is brought
back to its end. Then the session is marked 'interrupted' with the audio's length and checksum.
Each session is one repair and a few committed writes, so a crash during recovery just means it
carries on next time (repair is idempotent).

Only the sessions that can need work are read (in progress, or finished with a recording never
sealed), through indexes: start-up does not grow with the history.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ikan_desktop.audio.wavfile import RepairReport, WavRepairError, file_sha256, repair
from ikan_desktop.store import folder_lock
from ikan_desktop.store import sessions as session_store
from ikan_desktop.store import students as student_store
from ikan_desktop.store import tags as tag_store
from ikan_desktop.store.database import Store
from ikan_desktop.workflows import live_sessions
from ikan_desktop.workflows.recovery_wording import (
    DAMAGED,
    MISSING,
    NO_AUDIO,
    SAVED,
    RecoveredInterview,
    many_message,
    one_message,
)

__all__ = [
    "DAMAGED",
    "MISSING",
    "NO_AUDIO",
    "SAVED",
    "RecoveredInterview",
    "RecoveryReport",
    "recover_interrupted",
]


@dataclass(frozen=True)
class RecoveryReport:
    """What start-up recovery found; `message` is the paragraph for the teacher."""

    interviews: tuple[RecoveredInterview, ...] = ()
    sealed: tuple[str, ...] = ()  # finished sessions whose audio length was filled in
    in_use_elsewhere: bool = False  # another copy of the app holds the folder: nothing was done

    @property
    def has_news(self) -> bool:
        """True when the teacher should be told (an interview was interrupted)."""
        return bool(self.interviews)

    @property
    def title(self) -> str:
        count = len(self.interviews)
        return "An interview was interrupted" if count == 1 else "Some interviews were interrupted"

    @property
    def message(self) -> str:
        if not self.interviews:
            return ""
        if len(self.interviews) == 1:
            return one_message(self.interviews[0])
        return many_message(self.interviews)


def recover_interrupted(store: Store) -> RecoveryReport:
    """Repair the audio of every interview nobody is running, keep its tags, mark it interrupted."""
    try:
        with folder_lock.holding(store.folder):
            return _recover(store)
    except folder_lock.FolderInUse:
        return RecoveryReport(in_use_elsewhere=True)


def _recover(store: Store) -> RecoveryReport:
    running = live_sessions.running()
    recovered = []
    for session in session_store.sessions_in_state(store, session_store.IN_PROGRESS):
        if session.id in running:
            continue
        recovered.append(_recover_one(store, session))
    return RecoveryReport(interviews=tuple(recovered), sealed=tuple(_seal_finished(store)))


def _recover_one(store: Store, session: session_store.SessionRow) -> RecoveredInterview:
    path = session_store.audio_path_of(store, session)
    audio, repaired, sha256 = _repair_audio(path, session.audio_rate)
    frames = repaired.frames if repaired else None
    if repaired and path is not None and repaired.rate != session.audio_rate:
        # The file's own header knows the rate the microphone really delivered.
        session_store.set_audio(store, session.id, audio_path=path, rate=repaired.rate)
    audio_ms = repaired.duration_ms if repaired else 0
    if audio == SAVED:
        tag_store.clamp_to_audio(store, session.id, audio_ms)
    tags = tag_store.tags_for_session(store, session.id, include_deleted=True)
    ended_at = max((tag.wall_time for tag in tags), default=None)
    session_store.mark_interrupted(
        store, session.id, frames=frames, sha256=sha256, ended_at=ended_at
    )
    if audio == SAVED:
        session_store.record_audio_event(
            store, session.id, kind="audio_ended", t_ms=audio_ms, detail="interrupted"
        )
    return RecoveredInterview(
        session_id=session.id,
        student_id=session.student_id,
        student_name=_display_name(store, session.student_id),
        audio=audio,
        audio_ms=audio_ms,
        observations=sum(1 for tag in tags if not tag.deleted),
        started_at=session.started_at,
        latest=not session_store.newer_session_exists(store, session),
        kind=session.kind,
    )


def _seal_finished(store: Store) -> list[str]:
    """Finished sessions whose audio was never sealed (a crash right after finishing)."""
    sealed = []
    running = live_sessions.running()
    for session in session_store.unsealed_finished(store):
        path = session_store.audio_path_of(store, session)
        if path is None or session.id in running:
            continue
        _, repaired, sha256 = _repair_audio(path, session.audio_rate)
        if repaired is not None and sha256 is not None:
            tag_store.clamp_to_audio(store, session.id, repaired.duration_ms)
            session_store.seal_audio(store, session.id, frames=repaired.frames, sha256=sha256)
            sealed.append(session.id)
    return sealed


def _repair_audio(
    path: Path | None, rate: int | None
) -> tuple[str, RepairReport | None, str | None]:
    if path is None:
        return NO_AUDIO, None, None
    if not path.exists():
        return MISSING, None, None
    try:
        report = repair(path, rate=rate, channels=1)
        return SAVED, report, file_sha256(path)
    except (WavRepairError, OSError):
        return DAMAGED, None, None


def _display_name(store: Store, student_id: str) -> str:
    try:
        return student_store.get_student(store, student_id).display_name
    except KeyError:
        return "a student who is no longer on the roll"
