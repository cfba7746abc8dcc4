"""Tags and section decisions. Every call is one committed row: nothing waits in memory."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ikan_desktop.domain.stamps import whole_number
from ikan_desktop.domain.tags import Tag
from ikan_desktop.store.database import Store, new_id, now_iso

_TAG_COLUMNS = (
    "id, session_id, t_ms, wall_time, section_id, task_id, kind, code, stage, note, "
    "has_audio, deleted"
)


def record_tag(store: Store, **fields: Any) -> Tag:
    """Write one tag (the fields of `new_tag`) and commit it before returning."""
    tag = new_tag(**fields)
    insert_tag(store, tag)
    return tag


def new_tag(
    *,
    session_id: str,
    t_ms: int,
    kind: str,
    code: str,
    section_id: str | None = None,
    task_id: str | None = None,
    stage: int | None = None,
    note: str = "",
    has_audio: bool = True,
) -> Tag:
    """A tag with its id and wall time, not yet written (`insert_tag` writes it)."""
    return Tag(
        id=new_id(),
        session_id=session_id,
        t_ms=int(t_ms),
        wall_time=now_iso(),
        section_id=section_id,
        task_id=task_id,
        kind=kind,
        code=code,
        stage=stage,
        note=note,
        has_audio=has_audio,
    )


def insert_tag(store: Store, tag: Tag) -> None:
    """Write one tag as its own committed row."""
    store.db.execute(
        f"INSERT INTO tags ({_TAG_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
        [
            tag.id,
            tag.session_id,
            tag.t_ms,
            tag.wall_time,
            tag.section_id,
            tag.task_id,
            tag.kind,
            tag.code,
            tag.stage,
            tag.note,
            int(tag.has_audio),
        ],
    )


def set_deleted(store: Store, tag_id: str, deleted: bool = True) -> None:
    """Mark a tag deleted (or restore it). Tags are never erased."""
    store.db.execute("UPDATE tags SET deleted = ? WHERE id = ?", [int(deleted), tag_id])


def set_note(store: Store, tag_id: str, note: str) -> None:
    """Attach or change the note on a tag."""
    store.db.execute("UPDATE tags SET note = ? WHERE id = ?", [note, tag_id])


def clamp_to_audio(store: Store, session_id: str, end_ms: int) -> int:
    """Bring tags stamped past the end of the saved audio back to its end; returns how many.

    The clock runs a few milliseconds ahead of the last chunk of audio it has seen; when that
    audio never reached the disk (a pause, a stop, a kill), a tag must still point at sound.
    Tags made without audio (after the microphone was lost) are on their own clock and stay.
    """
    cursor = store.db.execute(
        "UPDATE tags SET t_ms = ? WHERE session_id = ? AND has_audio = 1 AND t_ms > ?",
        [int(end_ms), session_id, int(end_ms)],
    )
    return cursor.rowcount


def tags_for_session(store: Store, session_id: str, *, include_deleted: bool = False) -> list[Tag]:
    """A session's tags in clock order."""
    where = "" if include_deleted else " AND deleted = 0"
    rows = store.db.execute(
        f"SELECT {_TAG_COLUMNS} FROM tags WHERE session_id = ?{where} ORDER BY t_ms, rowid",
        [session_id],
    ).fetchall()
    found = []
    for row in rows:  # a time another program mangled cannot be placed: that tag is left out
        t_ms = store.read_value(f"a tag ({row[0]})", "time", row[2], whole_number, skipped=True)
        if t_ms is not None:
            stage = store.read_value(f"a tag ({row[0]})", "stage", row[8], whole_number)
            found.append(_tag((*row[:2], t_ms, *row[3:8], stage, *row[9:])))
    return found


def tag_by_id(store: Store, tag_id: str) -> Tag | None:
    """One tag (deleted or not), or None when there is no such tag."""
    row = store.db.execute(f"SELECT {_TAG_COLUMNS} FROM tags WHERE id = ?", [tag_id]).fetchone()
    return _tag(row) if row else None


def _tag(row: tuple[Any, ...]) -> Tag:
    (tid, sid, t_ms, wall, section, task, kind, code, stage, note, has_audio, deleted) = row
    return Tag(
        id=tid,
        session_id=sid,
        t_ms=t_ms,
        wall_time=wall,
        section_id=section,
        task_id=task,
        kind=kind,
        code=code,
        stage=stage,
        note=note,
        has_audio=bool(has_audio),
        deleted=bool(deleted),
    )


@dataclass(frozen=True, slots=True)
class DecisionRow:
    """A section's end: what the rule suggested and what the teacher chose."""

    id: str
    session_id: str
    section_id: str
    suggested: str
    chosen: str
    overridden: bool
    target_section_id: str | None
    t_ms: int


def record_decision(
    store: Store,
    *,
    session_id: str,
    section_id: str,
    suggested: str,
    chosen: str,
    target_section_id: str | None,
    t_ms: int,
) -> DecisionRow:
    """Log a section decision; an override keeps the rule's suggestion beside the choice."""
    row = DecisionRow(
        id=new_id(),
        session_id=session_id,
        section_id=section_id,
        suggested=suggested,
        chosen=chosen,
        overridden=suggested != chosen,
        target_section_id=target_section_id,
        t_ms=int(t_ms),
    )
    store.db.execute(
        "INSERT INTO section_decisions (id, session_id, section_id, suggested, chosen, "
        "overridden, target_section_id, t_ms, wall_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            row.id,
            session_id,
            section_id,
            suggested,
            chosen,
            int(row.overridden),
            target_section_id,
            row.t_ms,
            now_iso(),
        ],
    )
    return row


def decisions_for_session(store: Store, session_id: str) -> list[DecisionRow]:
    """A session's section decisions, in order."""
    rows = store.db.execute(
        "SELECT id, session_id, section_id, suggested, chosen, overridden, target_section_id, "
        "t_ms FROM section_decisions WHERE session_id = ? ORDER BY t_ms, rowid",
        [session_id],
    ).fetchall()
    return [DecisionRow(*row[:5], bool(row[5]), row[6], row[7]) for row in rows]
