"""The interview list answers one Enter with one action."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from review_helpers import recorded_interview

from ikan_desktop.store import Store, open_store


def test_one_enter_opens_the_selected_interview_once(qtbot: QtBot, data_dir) -> None:
    from PySide6.QtCore import Qt

    from ikan_desktop.ui.review.session_list import SessionListDialog

    store: Store = open_store(data_dir)
    session_id = recorded_interview(store, audio=False)
    dialog = SessionListDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    opened: list[str] = []
    dialog.open_requested.connect(opened.append)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    assert opened == [session_id]
    store.close()
