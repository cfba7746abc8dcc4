"""Groups of the demo class: suggested, saved with a date, moved on, and the group sheet PDF."""

from __future__ import annotations

import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from ikan_desktop.domain.framework import load_framework
from ikan_desktop.domain.groups import move_child
from ikan_desktop.store import groups as group_store
from ikan_desktop.store import open_store
from ikan_desktop.workflows import roster
from ikan_desktop.workflows.class_groups import (
    class_groups,
    groups_json,
    save_group_sheet,
    save_groups,
)

CLASS = "Room 7 (demo)"


@pytest.fixture
def store(data_dir: Path):
    store = open_store(data_dir)
    roster.seed_demo_class(store)
    yield store
    store.close()


def test_suggested_groups_come_from_current_stages(store) -> None:
    additive = class_groups(store, CLASS).domain("additive")
    assert additive.saved is None
    by_stage = {g.from_stage: [c.name for c in g.members] for g in additive.suggested}
    assert by_stage[4] == ["Aroha Ngata", "Sione Taufa"]
    assert by_stage[6] == ["Ana Lemalu", "Jack Thompson", "Priya Raman"]


def test_saved_groups_come_back_and_show_who_has_moved_on(store, tmp_path: Path) -> None:
    additive = class_groups(store, CLASS).domain("additive")
    aroha = next(c for g in additive.suggested for c in g.members if c.name == "Aroha Ngata")
    # Saved a year ago with Aroha in the stage-2 group (where she was then).
    target = next(i for i, g in enumerate(additive.suggested) if g.from_stage == 2)
    earlier = tuple(
        replace(g, members=tuple(replace(c, stage=2) if c is aroha else c for c in g.members))
        for g in move_child(additive.suggested, aroha.student_id, target)
    )
    found = class_groups(store, CLASS)
    group_store.save_plan(
        store, found.class_id, "additive", earlier, saved_at="2025-12-01T00:00:00+00:00"
    )
    again = class_groups(store, CLASS).domain("additive")
    assert again.saved is not None and again.current == again.saved.groups
    assert [(m.name, m.from_stage, m.now) for m in again.moved_on] == [("Aroha Ngata", 2, 4)]
    data = groups_json(class_groups(store, CLASS), load_framework())
    saved = data["domains"][0]["saved"]
    assert saved["saved_on"] == "2025-12-01"
    assert saved["moved_on"][0]["name"] == "Aroha Ngata"
    sheet = save_group_sheet(store, CLASS, tmp_path / "saved.pdf")
    text = subprocess.run(["pdftotext", str(sheet), "-"], capture_output=True, text=True).stdout
    assert "groups saved 1 December 2025" in text
    assert "Aroha Ngata (now stage 4)" in " ".join(text.split())
    # A newer save replaces it as the current plan.
    save_groups(store, CLASS, "additive", additive.suggested)
    assert not class_groups(store, CLASS).domain("additive").moved_on


def test_group_sheet_is_one_a4_page_per_domain_with_next_steps(store, tmp_path: Path) -> None:
    target = save_group_sheet(store, CLASS, tmp_path / "groups.pdf")
    info = subprocess.run(["pdfinfo", str(target)], capture_output=True, text=True).stdout
    assert "Pages:           3" in info
    assert "595.276 x 841.89" in info
    text = subprocess.run(
        ["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True
    ).stdout
    first = text.split("\f")[0]
    assert "Addition & subtraction: instructional groups" in first
    assert "Hūhana Kereama" in first
    assert "Teaching moves for this next step" in first
    steps = load_framework().next_steps("additive", 4)
    assert steps is not None and steps.teacher[0][:30] in " ".join(first.split())
