"""Recording consent as a history: each time it was given or withdrawn, when, and by whom.

The student's `recording_consent` column stays the current answer (what the interview checks
before recording); every change to it goes through here so the history and the answer agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ikan_desktop.store.database import Store, new_id, now_iso

EVENTS = ("given", "withdrawn")


@dataclass(frozen=True, slots=True)
class ConsentEvent:
    """Consent given or withdrawn for one child, on a date, recorded by a teacher."""

    id: str
    student_id: str
    event: str
    on_date: str
    recorded_by: str
    recorded_at: str
    note: str


def consent_history(store: Store, student_id: str) -> list[ConsentEvent]:
    """A child's consent records, oldest first."""
    rows = store.db.execute(
        "SELECT id, student_id, event, on_date, recorded_by, recorded_at, note "
        "FROM consent_events WHERE student_id = ? ORDER BY on_date, recorded_at",
        [student_id],
    ).fetchall()
    return [ConsentEvent(*row) for row in rows]


def record_consent(
    store: Store, student_id: str, event: str, on_date: date, *, by: str, note: str = ""
) -> ConsentEvent:
    """Add a consent record and make it the child's current answer (one transaction)."""
    if event not in EVENTS:
        raise ValueError(f"event must be one of {EVENTS}, not {event!r}")
    row = ConsentEvent(new_id(), student_id, event, on_date.isoformat(), by, now_iso(), note)
    with store.db.atomic():
        store.db.execute(
            "INSERT INTO consent_events (id, student_id, event, on_date, recorded_by, "
            "recorded_at, note) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [row.id, student_id, event, row.on_date, by, row.recorded_at, note],
        )
        store.db.execute(
            "UPDATE students SET recording_consent = ?, consent_date = ?, updated_at = ? "
            "WHERE id = ?",
            [
                int(event == "given"),
                row.on_date if event == "given" else None,
                now_iso(),
                student_id,
            ],
        )
    return row
