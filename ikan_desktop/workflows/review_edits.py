"""Editing tags after the interview, while listening back: each edit is one committed change.

What the teacher pressed live is never lost. Moving a tag keeps its first time in
`tags.original_t_ms`; every edit (moved, code, note, deleted, restored, added) is also written
to `tag_edits` with the old and new value, in the same transaction as the change itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from ikan_desktop.domain.evidence import task_stage
from ikan_desktop.domain.script_records import InterviewScript
from ikan_desktop.domain.strategy_codes import StrategyCodes
from ikan_desktop.domain.tags import KINDS, STRATEGY, Tag
from ikan_desktop.store import tags as tag_store
from ikan_desktop.store.database import Store, new_id, now_iso

MOVED, CODE, NOTE, DELETED, RESTORED, ADDED = (
    "moved",
    "code",
    "note",
    "deleted",
    "restored",
    "added",
)


class ReviewError(ValueError):
    """An edit that cannot be made; the message says why, for the teacher."""


@dataclass(frozen=True, slots=True)
class TagEdit:
    """One change made to a tag in review: what changed, from what, to what, by whom, when."""

    id: str
    tag_id: str
    change: str
    old_value: str | None
    new_value: str | None
    edited_by: str
    edited_at: str


def get_tag(store: Store, tag_id: str) -> Tag:
    """One tag by id (deleted or not); ReviewError when there is none."""
    found = tag_store.tag_by_id(store, tag_id)
    if found is None:
        raise ReviewError("That tag is no longer in this interview. Reopen the review.")
    return found


def move_tag(store: Store, tag_id: str, t_ms: int, *, edited_by: str = "") -> Tag:
    """Put a tag at a new time on the audio clock, keeping the time it was first given."""
    if t_ms < 0:
        raise ReviewError("A tag cannot be placed before the start of the recording.")
    tag = get_tag(store, tag_id)
    with store.db.atomic():
        store.db.execute(
            "UPDATE tags SET original_t_ms = COALESCE(original_t_ms, t_ms), t_ms = ?, "
            "edited_at = ? WHERE id = ?",
            [int(t_ms), now_iso(), tag_id],
        )
        _log(store, tag, MOVED, str(tag.t_ms), str(int(t_ms)), edited_by)
    return get_tag(store, tag_id)


def change_code(
    store: Store,
    tag_id: str,
    code: str,
    *,
    script: InterviewScript | None,
    codes: StrategyCodes | None = None,
    edited_by: str = "",
) -> Tag:
    """Give a strategy tag another code; its stage is read again from the task's scoring guide."""
    tag = get_tag(store, tag_id)
    if tag.kind == STRATEGY and codes is not None and code not in codes:
        raise ReviewError(f"'{code}' is not one of the strategy codes. Choose one from the list.")
    stage = stage_for(script, tag.task_id, code) if tag.kind == STRATEGY else tag.stage
    with store.db.atomic():
        store.db.execute(
            "UPDATE tags SET code = ?, stage = ?, edited_at = ? WHERE id = ?",
            [code, stage, now_iso(), tag_id],
        )
        _log(store, tag, CODE, tag.code, code, edited_by)
    return get_tag(store, tag_id)


def change_note(store: Store, tag_id: str, note: str, *, edited_by: str = "") -> Tag:
    """Write, change or clear the note on a tag."""
    tag = get_tag(store, tag_id)
    with store.db.atomic():
        store.db.execute(
            "UPDATE tags SET note = ?, edited_at = ? WHERE id = ?", [note, now_iso(), tag_id]
        )
        _log(store, tag, NOTE, tag.note, note, edited_by)
    return get_tag(store, tag_id)


def delete_tag(store: Store, tag_id: str, *, edited_by: str = "") -> Tag:
    """Take a tag out of the judgement; it stays in the database and can be restored."""
    return _set_deleted(store, tag_id, True, edited_by)


def restore_tag(store: Store, tag_id: str, *, edited_by: str = "") -> Tag:
    """Bring back a deleted tag."""
    return _set_deleted(store, tag_id, False, edited_by)


def add_tag(
    store: Store,
    session_id: str,
    *,
    t_ms: int,
    kind: str,
    code: str,
    task_id: str | None,
    script: InterviewScript | None,
    note: str = "",
    has_audio: bool = True,
    edited_by: str = "",
) -> Tag:
    """Add a tag while listening back, at a time on the audio clock; strategy tags get a stage."""
    if kind not in KINDS:
        raise ReviewError(f"'{kind}' is not a kind of tag ({', '.join(KINDS)}).")
    if t_ms < 0:
        raise ReviewError("A tag cannot be placed before the start of the recording.")
    section = script.section_of(task_id) if script and task_id else None
    if script is not None and task_id and section is None:
        raise ReviewError(f"Task '{task_id}' is not in {script.title}. Choose one of its tasks.")
    stage = stage_for(script, task_id, code) if kind == STRATEGY else None
    with store.db.atomic():
        tag = tag_store.record_tag(
            store,
            session_id=session_id,
            t_ms=t_ms,
            kind=kind,
            code=code,
            section_id=section.id if section else None,
            task_id=task_id,
            stage=stage,
            note=note,
            has_audio=has_audio,
        )
        store.db.execute("UPDATE tags SET edited_at = ? WHERE id = ?", [now_iso(), tag.id])
        _log(store, tag, ADDED, None, f"{t_ms}", edited_by)
    return tag


def undo_edit(
    store: Store,
    edit: TagEdit,
    *,
    script: InterviewScript | None,
    codes: StrategyCodes | None = None,
    edited_by: str = "",
) -> Tag:
    """Take one review edit back by making the opposite edit (itself logged, so nothing is lost)."""
    tag_id = edit.tag_id
    if edit.change == MOVED:
        return move_tag(store, tag_id, int(edit.old_value or 0), edited_by=edited_by)
    if edit.change == CODE:
        code = edit.old_value or ""
        return change_code(store, tag_id, code, script=script, codes=codes, edited_by=edited_by)
    if edit.change == NOTE:
        return change_note(store, tag_id, edit.old_value or "", edited_by=edited_by)
    if edit.change == DELETED:
        return restore_tag(store, tag_id, edited_by=edited_by)
    return delete_tag(store, tag_id, edited_by=edited_by)  # restored or added


def stage_for(script: InterviewScript | None, task_id: str | None, code: str) -> int | None:
    """The stage a code shows on a task alone (just knew only on a basic fact), or None."""
    task = script.task(task_id) if script and task_id else None
    return task_stage(task, [code]) if task else None


def original_times(store: Store, session_id: str) -> dict[str, int]:
    """Tag id → the time it was first given, for the tags moved in review."""
    rows = store.db.execute(
        "SELECT id, original_t_ms FROM tags WHERE session_id = ? AND original_t_ms IS NOT NULL",
        [session_id],
    ).fetchall()
    return {tag_id: t_ms for tag_id, t_ms in rows}


def tag_history(store: Store, tag_id: str) -> list[TagEdit]:
    """Every review edit of one tag, oldest first."""
    rows = store.db.execute(
        "SELECT id, tag_id, change, old_value, new_value, edited_by, edited_at FROM tag_edits "
        "WHERE tag_id = ? ORDER BY edited_at, rowid",
        [tag_id],
    ).fetchall()
    return [TagEdit(*row) for row in rows]


def edited_tag_ids(store: Store, session_id: str) -> set[str]:
    """The tags of a session changed or added in review."""
    rows = store.db.execute(
        "SELECT DISTINCT tag_id FROM tag_edits WHERE session_id = ?", [session_id]
    ).fetchall()
    return {row[0] for row in rows}


def _set_deleted(store: Store, tag_id: str, deleted: bool, edited_by: str) -> Tag:
    tag = get_tag(store, tag_id)
    if tag.deleted == deleted:
        return tag
    with store.db.atomic():
        store.db.execute(
            "UPDATE tags SET deleted = ?, edited_at = ? WHERE id = ?",
            [int(deleted), now_iso(), tag_id],
        )
        _log(store, tag, DELETED if deleted else RESTORED, None, None, edited_by)
    return get_tag(store, tag_id)


def _log(
    store: Store,
    tag: Tag,
    change: str,
    old_value: str | None,
    new_value: str | None,
    edited_by: str,
) -> None:
    store.db.execute(
        "INSERT INTO tag_edits (id, tag_id, session_id, change, old_value, new_value, edited_by, "
        "edited_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [new_id(), tag.id, tag.session_id, change, old_value, new_value, edited_by, now_iso()],
    )
