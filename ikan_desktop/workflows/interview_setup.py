"""Before an interview: which form comes next, where to start, whether there will be audio."""

from __future__ import annotations

from collections.abc import Sequence

from ikan_desktop.store.database import Store
from ikan_desktop.workflows.interview_plan import PlannedSection

FORMS = ("A", "B", "C", "D")


def next_form(store: Store, student_id: str, *, forms: Sequence[str] = FORMS) -> str:
    """The form after the one this student met last, so no child sees the same tasks twice in a row."""
    row = store.db.execute(
        "SELECT form FROM sessions WHERE student_id = ? AND kind = 'strategy' "
        "ORDER BY started_at DESC LIMIT 1",
        [student_id],
    ).fetchone()
    if not row or row[0] not in forms:
        return forms[0]
    return forms[(list(forms).index(row[0]) + 1) % len(forms)]


def last_confirmed_stage(store: Store, student_id: str) -> int | None:
    """The lowest confirmed domain stage of the student's latest confirmed interview."""
    row = store.db.execute(
        "SELECT min(j.confirmed_stage) FROM judgements j JOIN sessions s ON s.id = j.session_id "
        "WHERE s.student_id = ? AND j.confirmed_stage IS NOT NULL "
        "GROUP BY s.id ORDER BY s.started_at DESC LIMIT 1",
        [student_id],
    ).fetchone()
    return None if row is None else row[0]


def start_section(sections: Sequence[PlannedSection], last_stage: int | None) -> PlannedSection:
    """Start a band below the last confirmed stage: early success settles a child, and the
    section's decision rule carries on upward quickly when the earlier stage is secure."""
    if last_stage is None:
        return sections[0]
    target = max(last_stage - 1, 0)
    for section in sections:
        if section.lowest_stage <= target <= section.highest_stage:
            return section
    return sections[0]
