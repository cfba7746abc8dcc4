"""The class overview window: the grid a teacher reads, and a cell that opens its evidence."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ikan_desktop.store import judgements as judgement_store
from ikan_desktop.store import open_store
from ikan_desktop.ui.overview.bands import BAND_FILL
from ikan_desktop.ui.overview.overview_window import GAP_MARK, OverviewWindow
from ikan_desktop.workflows import roster

CLASS = "Room 7 (demo)"


@pytest.fixture
def window(qtbot: QtBot, data_dir: Path):
    store = open_store(data_dir)
    roster.seed_demo_class(store)
    window = OverviewWindow(store, [CLASS], CLASS)
    qtbot.addWidget(window)
    window.show()
    yield window
    store.close()


def _row(window: OverviewWindow, name: str) -> int:
    return next(r for r, row in enumerate(window.rows) if row.student.name == name)


def test_the_grid_shows_stage_change_band_and_gap(window: OverviewWindow) -> None:
    row = _row(window, "Aroha Ngata")
    item = window.table.item(row, 1)
    assert item.text().startswith("↑2")
    assert "4 AC · Advanced counting" in item.text()
    assert item.background().color() in BAND_FILL.values()
    ana = window.table.item(_row(window, "Ana Lemalu"), 3)
    assert GAP_MARK in ana.text() and "fractions" in ana.toolTip()
    assert "moved up since the last round" in window.summary.text()


def test_sorting_by_a_domain_stage(window: OverviewWindow) -> None:
    index = window.sort_box.findText("Addition & subtraction: stage")
    window.sort_box.setCurrentIndex(index)
    assert window.table.item(0, 0).text() == "Hūhana Kereama"
    assert window.table.item(7, 0).text() == "Liam O'Connor"


def test_enter_on_a_cell_asks_for_the_interview_behind_it(
    qtbot: QtBot, window: OverviewWindow
) -> None:
    row = _row(window, "Sione Taufa")
    window.table.setCurrentCell(row, 2)
    window.table.setFocus()
    with qtbot.waitSignal(window.evidence_requested) as opened:
        qtbot.keyClick(window.table, Qt.Key.Key_Return)
    session_id = opened.args[0]
    confirmed = judgement_store.confirmed_stages(window._store, session_id)
    assert any(c.domain == "multiplicative" and c.stage == 4 for c in confirmed)


def test_the_over_time_tab_shows_rounds_and_each_childs_movement(window: OverviewWindow) -> None:
    window.tabs.setCurrentWidget(window.progress)
    rounds = window.progress.rounds
    assert rounds.rowCount() >= 3 * 3
    assert rounds.item(0, 0).text() == "Addition & subtraction"
    children = window.progress.children
    row = next(r for r in range(children.rowCount()) if children.item(r, 0).text() == "Aroha Ngata")
    path = children.item(row, 1).text()
    assert [p for p in path.split("   ")[0].split(" → ") if p != "·"] == ["1", "2", "4"]
    assert path.endswith("(↑3)")


@pytest.mark.parametrize("width", [1090, 1366])
def test_knowledge_shows_without_scrolling_on_a_laptop(
    qtbot: QtBot, data_dir: Path, width: int
) -> None:
    # 1090 is a 1366-pixel screen at 125 % text, in Qt's own pixels.
    store = open_store(data_dir)
    roster.seed_demo_class(store)
    window = OverviewWindow(store, [CLASS], CLASS)
    qtbot.addWidget(window)
    window.resize(width, 600)
    window.show()
    qtbot.waitExposed(window)
    header = window.table.horizontalHeader()
    knowledge = window.table.columnCount() - 1
    assert window.table.horizontalHeaderItem(knowledge).text() == "Knowledge"
    assert header.sectionViewportPosition(knowledge) + 100 <= window.table.viewport().width()
    assert header.sectionSize(1) >= 170  # a stage stays readable
    window.sort_box.setCurrentIndex(1)  # refilled: the widths hold
    assert header.sectionViewportPosition(knowledge) + 100 <= window.table.viewport().width()
    store.close()
