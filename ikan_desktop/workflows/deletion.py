"""Delete a recording, an interview or a child, after a confirmation that says exactly what goes.

Every deletion is written to the audit log (who, when, what), in words the teacher can read.
"""

from __future__ import annotations

from datetime import date, datetime

from ikan_desktop.store import Store
from ikan_desktop.store import deletion as deletion_store
from ikan_desktop.store import sessions as session_store
from ikan_desktop.store import students as student_store
from ikan_desktop.store.audit import log_event

ROW_WORDS = {
    "tags": ("observation", "observations"),
    "judgements": ("stage judgement", "stage judgements"),
    "profile_notes": ("profile note", "profile notes"),
    "consent_events": ("consent record", "consent records"),
}
UNDO_NOTE = "This cannot be undone (a backup made earlier still holds it)."


def plural(count: int, one: str, many: str | None = None) -> str:
    """'1 interview', '3 interviews'."""
    return f"{count} {one if count == 1 else (many or one + 's')}"


def long_date(stamp: str) -> str:
    """'7 December 2026' from an ISO date, or a timestamp (as the local date)."""
    day = (
        datetime.fromisoformat(stamp).astimezone().date()
        if "T" in stamp
        else date.fromisoformat(stamp)
    )
    return f"{day.day} {day.strftime('%B %Y')}"


def interview_title(store: Store, session_id: str) -> str:
    """'Aroha Ngata's strategy interview of 12 March 2026 (form B)'."""
    session = session_store.get_session(store, session_id)
    name = student_store.get_student(store, session.student_id).name
    when = long_date(session.started_at)
    form = f" (form {session.form})" if session.form else ""
    return f"{name}'s {session.kind} interview of {when}{form}"


def _listing(scope: deletion_store.DeletionScope) -> str:
    parts = []
    if scope.recordings:
        parts.append(plural(scope.recordings, "recording"))
    for table, (one, many) in ROW_WORDS.items():
        if scope.rows.get(table):
            parts.append(plural(scope.rows[table], one, many))
    if not parts:
        return ""
    return ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1]


def describe_recording_deletion(store: Store, session_id: str) -> str:
    """The confirmation text for deleting one recording."""
    return (
        f"Delete the recording of {interview_title(store, session_id)}? The observations, "
        f"stages and notes stay; only the audio goes. {UNDO_NOTE}"
    )


def describe_interview_deletion(store: Store, session_id: str) -> str:
    """The confirmation text for deleting one interview with everything in it."""
    what = _listing(deletion_store.sessions_scope(store, [session_id]))
    what = what.replace("1 recording", "recording", 1)
    return (
        f"Delete {interview_title(store, session_id)}"
        + (f", with its {what}? " if what else "? ")
        + UNDO_NOTE
    )


def describe_student_deletion(store: Store, student_ids: list[str]) -> str:
    """The confirmation text for deleting children entirely."""
    scope = deletion_store.students_scope(store, student_ids)
    if len(student_ids) == 1:
        who = student_store.get_student(store, student_ids[0]).name
    else:
        who = plural(len(student_ids), "student")
    what = ", ".join(
        part for part in (plural(scope.sessions, "interview"), _listing(scope)) if part
    )
    return f"Delete {who} entirely: {what}, and the details on the roll? {UNDO_NOTE}"


def delete_recording(store: Store, session_id: str, *, reason: str = "by the teacher") -> bool:
    """Delete one recording and log it; False when there was none."""
    title = interview_title(store, session_id)
    if deletion_store.delete_recording(store, session_id, reason=reason) is None:
        return False
    log_event(store, "deleted", f"recording of {title}", f"session {session_id}; {reason}")
    return True


def delete_interview(store: Store, session_id: str) -> None:
    """Delete one interview with all its rows and its recording, and log it."""
    title = interview_title(store, session_id)
    deletion_store.delete_sessions(store, [session_id])
    log_event(store, "deleted", title, f"session {session_id}")


def delete_students(store: Store, student_ids: list[str]) -> int:
    """Delete children entirely and log each by name; how many were deleted."""
    names = {sid: student_store.get_student(store, sid).name for sid in student_ids}
    scope = deletion_store.students_scope(store, student_ids)
    deletion_store.delete_students(store, student_ids)
    for sid, name in names.items():
        log_event(store, "deleted", f"{name} and all their data", f"student {sid}")
    if len(student_ids) > 1:
        log_event(
            store,
            "deleted",
            f"{plural(len(student_ids), 'student')} in one go",
            f"{scope.sessions} interviews, {scope.recordings} recordings",
        )
    return len(student_ids)


def archived_students(store: Store) -> list[str]:
    """The archived students' ids, for the end-of-year bulk delete."""
    return deletion_store.archived_student_ids(store)
