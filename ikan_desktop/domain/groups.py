"""Instructional groups: children who work on the same next step, per strategy domain.

A suggested group holds the children confirmed at the same stage, named by the transition it
works on ("Advanced counting → Early additive part-whole"). The teacher moves children between
groups and renames them; a saved set of groups is dated, so a later round can show who has
moved beyond the stage their group was working from.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace


@dataclass(frozen=True, slots=True)
class GroupedChild:
    """A child in a group, with the stage they were at when the group was made."""

    student_id: str
    name: str
    stage: int | None


@dataclass(frozen=True, slots=True)
class InstructionalGroup:
    """Children working on one transition (from_stage → to_stage) in one domain."""

    domain_id: str
    from_stage: int | None
    to_stage: int | None
    members: tuple[GroupedChild, ...]
    name: str = ""

    @property
    def size(self) -> int:
        return len(self.members)


@dataclass(frozen=True, slots=True)
class MovedOn:
    """A child now beyond the stage their saved group was working from."""

    student_id: str
    name: str
    group_name: str
    from_stage: int
    now: int


def suggest_groups(
    domain_id: str, children: Sequence[GroupedChild], top_stage: int
) -> tuple[InstructionalGroup, ...]:
    """One group per confirmed stage, lowest first; children with no stage yet last."""
    by_stage: dict[int | None, list[GroupedChild]] = {}
    for child in children:
        by_stage.setdefault(child.stage, []).append(child)
    groups = []
    for stage in sorted(s for s in by_stage if s is not None):
        members = tuple(sorted(by_stage[stage], key=lambda c: c.name.casefold()))
        groups.append(InstructionalGroup(domain_id, stage, min(stage + 1, top_stage), members))
    if None in by_stage:
        members = tuple(sorted(by_stage[None], key=lambda c: c.name.casefold()))
        groups.append(InstructionalGroup(domain_id, None, None, members))
    return tuple(groups)


def transition_title(
    group: InstructionalGroup, stage_names: Mapping[int, str], domain_name: str
) -> str:
    """ "Advanced counting → Early additive part-whole, addition & subtraction: 6 children"."""
    count = f"{group.size} child{'ren' if group.size != 1 else ''}"
    if group.from_stage is None:
        return f"{group.name.strip() or 'Not yet interviewed'}: {count}"
    start = stage_names.get(group.from_stage, str(group.from_stage))
    if group.to_stage is None or group.to_stage == group.from_stage:
        move = f"Extending {start}"
    else:
        move = f"{start} → {stage_names.get(group.to_stage, str(group.to_stage))}"
    if group.name.strip():  # the teacher's name, with the step it works on
        return f"{group.name.strip()} ({move}): {count}"
    return f"{move}, {domain_name.lower()}: {count}"


def move_child(
    groups: Sequence[InstructionalGroup], student_id: str, to_group: int
) -> tuple[InstructionalGroup, ...]:
    """The groups with one child moved to the group at index `to_group` (kept in name order)."""
    child = next((c for g in groups for c in g.members if c.student_id == student_id), None)
    if child is None or not 0 <= to_group < len(groups):
        return tuple(groups)
    moved = []
    for index, group in enumerate(groups):
        members = [c for c in group.members if c.student_id != student_id]
        if index == to_group:
            members.append(child)
            members.sort(key=lambda c: c.name.casefold())
        moved.append(replace(group, members=tuple(members)))
    return tuple(moved)


def rename_group(
    groups: Sequence[InstructionalGroup], index: int, name: str
) -> tuple[InstructionalGroup, ...]:
    """The groups with one renamed ("" goes back to the transition's name)."""
    return tuple(replace(g, name=name.strip()) if i == index else g for i, g in enumerate(groups))


def group_of(groups: Sequence[InstructionalGroup], student_id: str) -> int | None:
    """The index of the group holding this child, or None."""
    return next(
        (i for i, g in enumerate(groups) if any(c.student_id == student_id for c in g.members)),
        None,
    )


def moved_on(
    saved: Sequence[InstructionalGroup],
    stages_now: Mapping[str, int],
    stage_names: Mapping[int, str],
    domain_name: str,
) -> tuple[MovedOn, ...]:
    """Children whose confirmed stage is now above both the stage they were at when the groups
    were saved and the stage their group works from (a child the teacher placed in a higher
    group has not moved out of it by reaching that group's stage)."""
    found = []
    for group in saved:
        if group.from_stage is None:
            continue
        for child in group.members:
            now = stages_now.get(child.student_id)
            then = child.stage if child.stage is not None else group.from_stage
            if now is not None and now > max(then, group.from_stage):
                title = transition_title(group, stage_names, domain_name).rsplit(":", 1)[0]
                found.append(MovedOn(child.student_id, child.name, title, group.from_stage, now))
    return tuple(found)
