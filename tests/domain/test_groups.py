"""Instructional groups: suggested by stage, named by transition, moved, renamed, moved on."""

from __future__ import annotations

from ikan_desktop.domain.groups import (
    GroupedChild,
    group_of,
    move_child,
    moved_on,
    rename_group,
    suggest_groups,
    transition_title,
)

NAMES = {
    4: "Advanced counting",
    5: "Early additive",
    6: "Advanced additive",
    8: "Advanced proportional",
}
KIDS = [
    GroupedChild("a", "Aroha", 4),
    GroupedChild("b", "Ben", 5),
    GroupedChild("c", "Cara", 4),
    GroupedChild("d", "Dev", None),
    GroupedChild("e", "Ema", 8),
]


def test_children_at_one_stage_form_a_group_named_by_its_transition() -> None:
    groups = suggest_groups("additive", KIDS, top_stage=8)
    assert [(g.from_stage, g.to_stage) for g in groups] == [(4, 5), (5, 6), (8, 8), (None, None)]
    assert [c.name for c in groups[0].members] == ["Aroha", "Cara"]
    titles = [transition_title(g, NAMES, "Addition & subtraction") for g in groups]
    assert titles[0] == "Advanced counting → Early additive, addition & subtraction: 2 children"
    assert titles[2] == "Extending Advanced proportional, addition & subtraction: 1 child"
    assert titles[3] == "Not yet interviewed: 1 child"


def test_a_move_and_a_rename_change_only_what_the_teacher_changed() -> None:
    groups = suggest_groups("additive", KIDS, top_stage=8)
    moved = move_child(groups, "a", 1)
    assert [c.name for c in moved[0].members] == ["Cara"]
    assert [c.name for c in moved[1].members] == ["Aroha", "Ben"]
    assert group_of(moved, "a") == 1
    assert move_child(groups, "a", 9) == groups  # no such group: nothing moves
    renamed = rename_group(moved, 1, "  Kea  ")
    assert (
        transition_title(renamed[1], NAMES, "Addition & subtraction")
        == "Kea (Early additive → Advanced additive): 2 children"
    )
    assert renamed[0] == moved[0]


def test_children_beyond_their_saved_groups_stage_have_moved_on() -> None:
    saved = suggest_groups("additive", KIDS, top_stage=8)
    now = {"a": 5, "b": 5, "c": 4}
    found = moved_on(saved, now, NAMES, "Addition & subtraction")
    assert [(m.name, m.from_stage, m.now) for m in found] == [("Aroha", 4, 5)]
    assert found[0].group_name == "Advanced counting → Early additive, addition & subtraction"


def test_a_child_placed_in_a_lower_group_has_not_moved_on_until_they_pass_their_own_stage() -> None:
    saved = suggest_groups("additive", KIDS, top_stage=8)
    placed = move_child(saved, "b", 0)  # Ben (stage 5) works with the stage-4 group
    assert moved_on(placed, {"b": 5}, NAMES, "Addition & subtraction") == ()
    assert [m.name for m in moved_on(placed, {"b": 6}, NAMES, "Addition & subtraction")] == ["Ben"]
