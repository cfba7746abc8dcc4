"""File ▸ New school year… on the demo class: the moves are shown, then made."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from ikan_desktop.store import open_store
from ikan_desktop.ui.roster.school_year_dialog import SchoolYearDialog
from ikan_desktop.workflows import roster
from ikan_desktop.workflows.roster import DEMO_CLASS


def test_move_the_demo_class_up(qtbot: QtBot, data_dir: Path) -> None:
    with open_store(data_dir) as store:
        roster.seed_demo_class(store)
        dialog = SchoolYearDialog(None, store, class_name=DEMO_CLASS)
        qtbot.addWidget(dialog)
        dialog.to_class.setText("Room 8")
        shown = [dialog.moves.item(i).text() for i in range(dialog.moves.count())]
        assert "Liam O'Connor:  Year 1 → 2" in shown
        assert "into Room 8" in dialog.summary.text()
        dialog.move_button.click()
        rows = {r["name"]: r for r in roster.student_rows(store)}
    assert (rows["Liam O'Connor"]["year_level"], rows["Liam O'Connor"]["class"]) == (2, "Room 8")
