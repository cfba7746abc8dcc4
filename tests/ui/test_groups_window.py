"""The groups window driven from the keyboard: move a child, rename a group, save, reopen."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ikan_desktop.store import open_store
from ikan_desktop.ui.overview.groups_window import GroupsWindow
from ikan_desktop.workflows import roster

CLASS = "Room 7 (demo)"


@pytest.fixture
def store(data_dir: Path):
    store = open_store(data_dir)
    roster.seed_demo_class(store)
    yield store
    store.close()


def _open(qtbot: QtBot, store) -> GroupsWindow:
    window = GroupsWindow(store, CLASS)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def _names(window: GroupsWindow, index: int) -> list[str]:
    widget = window.lists[index]
    return [widget.item(r).text().split("  (")[0] for r in range(widget.count())]


def test_move_rename_save_and_reopen(qtbot: QtBot, store) -> None:
    window = _open(qtbot, store)
    assert window.state.text().startswith("Suggested")
    assert _names(window, 1) == ["Aroha Ngata", "Sione Taufa"]
    window.lists[1].setFocus()
    window.lists[1].setCurrentRow(0)
    qtbot.keyClick(window.lists[1], Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert _names(window, 1) == ["Sione Taufa"]
    assert _names(window, 2) == ["Aroha Ngata", "Mereana Tūhoe-Walker"]
    assert window.titles[2].text().endswith(": 2 children")
    assert "not saved" in window.state.text()
    edit = window.name_edits[2]
    edit.setFocus()
    qtbot.keyClicks(edit, "Kea group")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert window.titles[2].text() == (
        "Kea group (Early additive part-whole → Advanced additive / early multiplicative "
        "part-whole): 2 children"
    )
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert window.state.text().startswith("Groups saved")
    window.close()

    again = _open(qtbot, store)
    assert again.state.text().startswith("Groups saved")
    assert _names(again, 2) == ["Aroha Ngata", "Mereana Tūhoe-Walker"]
    assert again.titles[2].text().startswith("Kea group (Early additive")
    # The other domains keep their suggestions until they are saved.
    again.domain_box.setCurrentIndex(1)
    assert again.state.text().startswith("Suggested")


def test_a_child_dragged_into_another_list_moves_group(qtbot: QtBot, store) -> None:
    window = _open(qtbot, store)
    source, target = window.lists[1], window.lists[0]
    item = source.takeItem(0)  # what a drop does: the item leaves one list for the other
    target.addItem(item)
    qtbot.waitUntil(lambda: window.titles[0].text().endswith(": 2 children"))
    assert "Aroha Ngata" in _names(window, 0)
    assert window.groups["additive"][0].members[0].name == "Aroha Ngata"


def test_five_groups_fit_a_laptop_at_125_percent_with_their_lists_level(
    qtbot: QtBot, store
) -> None:
    window = _open(qtbot, store)
    window.resize(1090, 600)  # a 1366-pixel screen at 125 % text, in Qt's own pixels
    qtbot.waitUntil(lambda: window.lists[0].isVisible())
    QApplication.processEvents()
    assert len(window.lists) == 5
    scroll = window.columns.parentWidget().parentWidget()
    assert not scroll.horizontalScrollBar().isVisible()
    last = window.lists[-1]
    right = last.mapTo(window, last.rect().topRight()).x()
    assert right <= window.width()
    tops = {w.mapTo(window, w.rect().topLeft()).y() for w in window.lists}
    assert len(tops) == 1  # the children's lists start level, however the titles wrap
