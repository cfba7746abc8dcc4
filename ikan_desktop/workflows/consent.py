"""Giving and withdrawing recording consent, and what happens to the recordings already made.

Withdrawing asks the teacher to choose: delete the child's recordings now, or keep them until
their retention date. Either way the choice is recorded in the consent history and the audit
log, so a recording is never left playable without consent unless the teacher chose to keep it.
"""

from __future__ import annotations

from datetime import date
from enum import Enum

from ikan_desktop.store import Store
from ikan_desktop.store import consent as consent_store
from ikan_desktop.store import students as student_store
from ikan_desktop.store.audit import current_user, log_event
from ikan_desktop.workflows.deletion import delete_recording, plural


class ExistingRecordings(Enum):
    """What to do with a child's recordings when consent is withdrawn."""

    DELETE_NOW = "delete now"
    KEEP_UNTIL_RETENTION = "keep until the retention date"


def recorded_sessions(store: Store, student_id: str) -> list[str]:
    """The child's interviews that still have a recording."""
    rows = store.db.execute(
        "SELECT id FROM sessions WHERE student_id = ? AND audio_path IS NOT NULL "
        "AND state NOT IN ('recording', 'paused') ORDER BY started_at",
        [student_id],
    ).fetchall()
    return [row[0] for row in rows]


def give_consent(store: Store, student_id: str, on_date: date, *, note: str = "") -> None:
    """Record that the family gave consent to record."""
    name = student_store.get_student(store, student_id).name
    by = current_user(store)
    consent_store.record_consent(store, student_id, "given", on_date, by=by, note=note)
    log_event(store, "consent", f"recording consent given for {name} on {on_date.isoformat()}")


def withdraw_consent(
    store: Store,
    student_id: str,
    on_date: date,
    *,
    recordings: ExistingRecordings,
    note: str = "",
) -> int:
    """Record that consent was withdrawn and deal with the recordings; how many were deleted."""
    name = student_store.get_student(store, student_id).name
    by = current_user(store)
    choice = f"existing recordings: {recordings.value}"
    note = f"{note}; {choice}" if note else choice
    consent_store.record_consent(store, student_id, "withdrawn", on_date, by=by, note=note)
    deleted = 0
    if recordings is ExistingRecordings.DELETE_NOW:
        for session_id in recorded_sessions(store, student_id):
            deleted += delete_recording(store, session_id, reason="consent withdrawn")
    log_event(
        store,
        "consent",
        f"recording consent withdrawn for {name} on {on_date.isoformat()}",
        f"{choice}; {plural(deleted, 'recording')} deleted",
    )
    return deleted


def note_consent_change(store: Store, student_id: str, was_given: bool, now_given: bool) -> None:
    """Keep the history in step when consent is ticked or unticked in the student's details."""
    if was_given == now_given:
        return
    student = student_store.get_student(store, student_id)
    on_date = student.details.consent_date if now_given else None
    event = "given" if now_given else "withdrawn"
    consent_store.record_consent(
        store, student_id, event, on_date or date.today(), by=current_user(store)
    )
