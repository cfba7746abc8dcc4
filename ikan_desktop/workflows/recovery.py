"""At start-up, finish the paperwork of interviews a crash cut short, and tell the teacher calmly.

A session still 'recording' or 'paused' when the app starts was interrupted (the app was killed,
the laptop's battery died, the power went). Its tags are already safe in the database, one row
per key press. Its WAV file holds every chunk that reached the disk, but its header may be stale:
`repair` makes it whole from its length. Then the session is marked 'interrupted' with the
audio's length and checksum. Each session is one repair and one committed write, so a crash
during recovery just means it carries on next time (repair is idempotent).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from ikan_desktop.audio import describe_duration
from ikan_desktop.audio.wavfile import RepairReport, WavRepairError, file_sha256, repair
from ikan_desktop.store import sessions as session_store
from ikan_desktop.store import students as student_store
from ikan_desktop.store import tags as tag_store
from ikan_desktop.store.database import Store

# A WAV written to within this many seconds belongs to a recording that is still going (another
# window of the app on the same data folder): leave it alone.
STILL_BEING_WRITTEN_S = 5.0

SAVED, NO_AUDIO, MISSING, DAMAGED = "saved", "no audio", "missing", "damaged"


@dataclass(frozen=True)
class RecoveredInterview:
    """One interrupted interview: whose it was and what of it was saved."""

    session_id: str
    student_id: str
    student_name: str
    audio: str  # SAVED | NO_AUDIO | MISSING | DAMAGED
    audio_ms: int
    observations: int


@dataclass(frozen=True)
class RecoveryReport:
    """What start-up recovery found; `message` is the paragraph for the teacher."""

    interviews: tuple[RecoveredInterview, ...] = ()
    sealed: tuple[str, ...] = ()  # finished sessions whose audio length was filled in

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
            return _one_message(self.interviews[0])
        return _many_message(self.interviews)


def recover_interrupted(store: Store, *, now: float | None = None) -> RecoveryReport:
    """Repair the audio of every interview left in progress, keep its tags, mark it interrupted."""
    now = time.time() if now is None else now
    recovered = []
    for session in session_store.sessions_in_state(store, session_store.IN_PROGRESS):
        path = session_store.audio_path_of(store, session)
        if path is not None and _still_being_written(path, now):
            continue
        audio, repaired, sha256 = _repair_audio(path, session.audio_rate)
        frames = repaired.frames if repaired else None
        if repaired and path is not None and repaired.rate != session.audio_rate:
            # The file's own header knows the rate the microphone really delivered.
            session_store.set_audio(store, session.id, audio_path=path, rate=repaired.rate)
        tags = tag_store.tags_for_session(store, session.id, include_deleted=True)
        ended_at = max((tag.wall_time for tag in tags), default=None)
        session_store.mark_interrupted(
            store, session.id, frames=frames, sha256=sha256, ended_at=ended_at
        )
        audio_ms = repaired.duration_ms if repaired else 0
        if audio == SAVED:
            session_store.record_audio_event(
                store, session.id, kind="audio_ended", t_ms=audio_ms, detail="interrupted"
            )
        recovered.append(
            RecoveredInterview(
                session_id=session.id,
                student_id=session.student_id,
                student_name=_display_name(store, session.student_id),
                audio=audio,
                audio_ms=audio_ms,
                observations=sum(1 for tag in tags if not tag.deleted),
            )
        )
    return RecoveryReport(interviews=tuple(recovered), sealed=tuple(_seal_finished(store, now)))


def _seal_finished(store: Store, now: float) -> list[str]:
    """Finished sessions whose audio was never sealed (a crash right after finishing)."""
    sealed = []
    for session in session_store.sessions_in_state(store, "finished"):
        path = session_store.audio_path_of(store, session)
        if path is None or session.audio_frames is not None or _still_being_written(path, now):
            continue
        _, repaired, sha256 = _repair_audio(path, session.audio_rate)
        if repaired is not None and sha256 is not None:
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


def _still_being_written(path: Path, now: float) -> bool:
    try:
        return now - path.stat().st_mtime < STILL_BEING_WRITTEN_S
    except OSError:
        return False


def _display_name(store: Store, student_id: str) -> str:
    try:
        return student_store.get_student(store, student_id).display_name
    except KeyError:
        return "a student who is no longer on the roll"


def _kept(count: int) -> str:
    if count == 0:
        return "No observations had been made yet."
    if count == 1:
        return "Its one observation was saved."
    return f"All {count} observations were saved."


def _count(count: int) -> str:
    return "The one observation" if count == 1 else f"All {count} observations"


def _one_message(item: RecoveredInterview) -> str:
    name = item.student_name
    opening = f"The last interview with {name} was interrupted before it was finished."
    review = f"You can review it from {name}’s sessions."
    count = item.observations
    recording = f"Its recording ({describe_duration(item.audio_ms)})"
    middle = {
        SAVED: f"{recording} and all {count} observations were saved."
        if count > 1
        else f"{recording} was saved. {_kept(count)}",
        NO_AUDIO: f"It was not being recorded. {_kept(count)}",
        MISSING: f"Its recording could not be found. {_kept(count)}",
        DAMAGED: f"Its recording could not be repaired, so it was left as it was. {_kept(count)}",
    }[item.audio]
    return f"{opening} {middle} {review}"


def _many_message(items: tuple[RecoveredInterview, ...]) -> str:
    names = [item.student_name for item in items]
    listed = ", ".join(names[:-1]) + f" and {names[-1]}"
    audio_ms = sum(item.audio_ms for item in items if item.audio == SAVED)
    count = sum(item.observations for item in items)
    recording = describe_duration(audio_ms)
    if count and audio_ms:
        saved = f"{_count(count)} and {recording} of recording were saved."
    elif count:
        saved = f"{_count(count)} {'was' if count == 1 else 'were'} saved."
    elif audio_ms:
        saved = f"{recording} of recording was saved; no observations had been made yet."
    else:
        saved = "No observations had been made yet."
    text = f"{len(items)} interviews were interrupted before they were finished: {listed}. {saved}"
    for item in items:
        if item.audio == MISSING:
            text += f" The recording of {item.student_name}’s interview could not be found."
        elif item.audio == DAMAGED:
            text += (
                f" The recording of {item.student_name}’s interview could not be repaired, "
                "so it was left as it was."
            )
    return text + " You can review each one from the student’s sessions."
