"""Saved instructional groups: dated plans per class and strategy domain."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ikan_desktop.domain.groups import GroupedChild, InstructionalGroup
from ikan_desktop.store.database import Store, new_id, now_iso


@dataclass(frozen=True, slots=True)
class SavedPlan:
    """Groups a teacher saved for one class and domain, and when."""

    id: str
    saved_at: str
    groups: tuple[InstructionalGroup, ...]


def save_plan(
    store: Store,
    class_id: str,
    domain: str,
    groups: Sequence[InstructionalGroup],
    *,
    saved_by: str = "",
    saved_at: str | None = None,
) -> SavedPlan:
    """Save the groups as a new dated plan (earlier plans stay, for the history)."""
    plan_id, when = new_id(), saved_at or now_iso()
    with store.db.atomic():
        store.db.execute(
            "INSERT INTO group_plans (id, class_id, domain, saved_at, saved_by) "
            "VALUES (?, ?, ?, ?, ?)",
            [plan_id, class_id, domain, when, saved_by],
        )
        for position, group in enumerate(groups):
            group_id = new_id()
            store.db.execute(
                "INSERT INTO instructional_groups (id, plan_id, position, name, from_stage, "
                "to_stage) VALUES (?, ?, ?, ?, ?, ?)",
                [group_id, plan_id, position, group.name, group.from_stage, group.to_stage],
            )
            store.db.conn.executemany(
                "INSERT INTO group_members (group_id, student_id, stage) VALUES (?, ?, ?)",
                [(group_id, c.student_id, c.stage) for c in group.members],
            )
    return SavedPlan(plan_id, when, tuple(groups))


def latest_plan(store: Store, class_id: str, domain: str) -> SavedPlan | None:
    """The most recently saved groups for this class and domain, or None."""
    head = store.db.execute(
        "SELECT id, saved_at FROM group_plans WHERE class_id = ? AND domain = ? "
        "ORDER BY saved_at DESC, rowid DESC LIMIT 1",
        [class_id, domain],
    ).fetchone()
    if head is None:
        return None
    rows = store.db.execute(
        "SELECT g.id, g.name, g.from_stage, g.to_stage, m.student_id, s.name, m.stage "
        "FROM instructional_groups g "
        "LEFT JOIN group_members m ON m.group_id = g.id "
        "LEFT JOIN students s ON s.id = m.student_id "
        "WHERE g.plan_id = ? ORDER BY g.position, s.name",
        [head[0]],
    ).fetchall()
    groups: dict[str, tuple[tuple[str, int | None, int | None], list[GroupedChild]]] = {}
    for group_id, name, from_stage, to_stage, student_id, student_name, stage in rows:
        entry = groups.setdefault(group_id, ((name, from_stage, to_stage), []))
        if student_id is not None:
            entry[1].append(GroupedChild(student_id, student_name or "", stage))
    return SavedPlan(
        head[0],
        head[1],
        tuple(
            InstructionalGroup(domain, head_[1], head_[2], tuple(members), head_[0])
            for head_, members in groups.values()
        ),
    )
