"""Retention: recordings are deleted a set number of months after the interview.

Stages, observations and notes are kept; only the audio goes. At start-up (and daily while the
app runs) the recordings past their date are listed and, after one confirmation or
automatically if the teacher turned that on, deleted and logged. Review then says "Recording
deleted on DATE (retention)".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from ikan_desktop.store import Store
from ikan_desktop.store.audit import log_event
from ikan_desktop.store.database import reading_connection
from ikan_desktop.store.settings import get_setting, set_setting
from ikan_desktop.workflows.deletion import delete_recording, long_date, plural

MONTHS_KEY = "retention_months"
AUTO_KEY = "retention_auto_delete"
DEFAULT_MONTHS = 12


@dataclass(frozen=True, slots=True)
class DueRecording:
    """A recording past its retention date."""

    session_id: str
    student: str
    interview_date: str
    due: date


def retention_months(store: Store) -> int:
    """Months to keep recordings after the interview; 0 keeps them until deleted by hand."""
    try:
        return max(0, int(get_setting(store, MONTHS_KEY, str(DEFAULT_MONTHS))))
    except ValueError:
        return DEFAULT_MONTHS


def auto_delete(store: Store) -> bool:
    """Whether recordings past their date are deleted without asking."""
    return get_setting(store, AUTO_KEY) == "yes"


def save_retention(store: Store, *, months: int, automatic: bool) -> None:
    """Store the retention settings."""
    set_setting(store, MONTHS_KEY, str(max(0, months)))
    set_setting(store, AUTO_KEY, "yes" if automatic else "no")


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the month's last day when it is shorter)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def due_recordings(store: Store, *, today: date | None = None) -> list[DueRecording]:
    """Recordings whose retention date has come, oldest first (none when retention is off)."""
    months = retention_months(store)
    if months == 0:
        return []
    today = today or date.today()
    # Only recordings old enough can be due: the index on recordings by date finds them without
    # reading the school's whole history (this runs at every start). The bound is a few days
    # late, because adding months to the 31st lands on a shorter month's last day; the exact
    # test follows.
    bound = add_months(today, -months) + timedelta(days=4)
    rows = store.db.execute(
        "SELECT s.id, st.name, s.started_at FROM sessions s JOIN students st "
        "ON st.id = s.student_id WHERE s.audio_path IS NOT NULL AND s.started_at < ? "
        "AND s.state NOT IN ('recording', 'paused') ORDER BY s.started_at",
        [bound.isoformat()],
    ).fetchall()
    found = []
    for session_id, name, started in rows:
        due = add_months(date.fromisoformat(started[:10]), months)
        if due <= today:
            found.append(DueRecording(session_id, name, started[:10], due))
    return found


def due_recordings_in(db_path: Path, *, today: date | None = None) -> list[DueRecording]:
    """`due_recordings` read on a connection of its own, read-only: for a worker thread."""
    with reading_connection(db_path) as reader:
        return due_recordings(reader, today=today)


def purge(store: Store, due: list[DueRecording]) -> int:
    """Delete these recordings (their tags, stages and notes stay); how many were deleted."""
    deleted = sum(delete_recording(store, item.session_id, reason="retention") for item in due)
    if deleted:
        log_event(
            store,
            "retention",
            f"{plural(deleted, 'recording')} past the {retention_months(store)}-month retention "
            "period deleted",
        )
    return deleted


def describe_due(due: list[DueRecording]) -> str:
    """One line per recording, for the confirmation and `purge-audio --dry-run`."""
    return "\n".join(
        f"{item.student} — interview of {long_date(item.interview_date)} "
        f"(due {long_date(item.due.isoformat())})"
        for item in due
    )


def deletion_note(store: Store, session_id: str) -> str:
    """'Recording deleted on 7 December 2026 (retention).' or '' when it was not deleted."""
    row = store.db.execute(
        "SELECT audio_deleted_at, audio_deleted_reason FROM sessions WHERE id = ?", [session_id]
    ).fetchone()
    if row is None or not row[0]:
        return ""
    return f"Recording deleted on {long_date(row[0])} ({row[1] or 'deleted'})."
