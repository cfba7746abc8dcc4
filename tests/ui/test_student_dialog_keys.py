"""The add-student dialog is usable from the keyboard alone: every row has its own Alt key."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel
from pytestqt.qtbot import QtBot
from ui_helpers import mnemonic

from ikan_desktop.ui.roster.student_dialog import StudentDialog


def _dialog(qtbot: QtBot) -> StudentDialog:
    dialog = StudentDialog(None, classes=["Room 7"])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def test_every_row_and_box_has_its_own_alt_key(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot)
    texts = [label.text() for label in dialog.findChildren(QLabel) if label.buddy()]
    texts += [b.text() for b in dialog.findChildren(QAbstractButton) if b.isVisible()]
    letters = [mnemonic(t) for t in texts if mnemonic(t)]
    assert len(letters) == len(set(letters)), texts
    assert mnemonic(dialog.consent.text()) and mnemonic(dialog.start_known.text())


def test_alt_keys_reach_the_start_date_and_the_consent(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    assert dialog.focusWidget() is dialog.start_known  # "School start date" lands on its box
    assert not dialog.consent.isChecked()
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(dialog.consent.isChecked)  # a mnemonic clicks the box after a moment
