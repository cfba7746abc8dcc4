"""The review's tag list shows each task's response time on its first strategy tag."""

from __future__ import annotations

from pathlib import Path

from interview_helpers import start_interview
from PySide6.QtCore import Qt

from ikan_desktop.ui.review.tag_list import TagTableModel
from ikan_desktop.workflows.clock import MonotonicClock
from ikan_desktop.workflows.review import load_review


def test_the_task_column_says_how_long_the_child_took(data_dir: Path) -> None:
    now = [50.0]
    store, interview, _ = start_interview(
        data_dir, clock=MonotonicClock(now=lambda: now[0]), start="counting-all-or-on"
    )
    task = interview.task.id
    now[0] += 3.0
    interview.respond("correct")
    now[0] += 1.0
    interview.tag("just_knew")
    now[0] += 2.0
    interview.tag("just_knew")
    interview.finish()
    model = TagTableModel()
    model.show_review(load_review(store, interview.session_id), set())
    column = [model.data(model.index(r, 2), Qt.ItemDataRole.DisplayRole) for r in range(3)]
    assert column == ["Correct", "Just knew · 4 s", "Just knew"]
    shown_task = model.data(model.index(1, 1), Qt.ItemDataRole.DisplayRole)
    assert shown_task != task and shown_task.strip()  # the task's title, never its id
    store.close()
