"""The backups and retention settings: reachable by Alt keys, and a page Settings can hold."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QAbstractButton, QLabel
from pytestqt.qtbot import QtBot
from ui_helpers import mnemonic

from ikan_desktop.store import open_store
from ikan_desktop.ui.settings.data_care import DataCareDialog, DataCarePage
from ikan_desktop.workflows import auto_backup, retention


def test_every_control_has_its_own_alt_key(qtbot: QtBot, tmp_path: Path) -> None:
    with open_store(tmp_path / "data") as store:
        dialog = DataCareDialog(store)
        qtbot.addWidget(dialog)
        dialog.show()
        texts = [b.text() for b in dialog.findChildren(QAbstractButton) if b.isVisible()]
        texts += [label.text() for label in dialog.findChildren(QLabel) if label.buddy()]
        letters = [mnemonic(text) for text in texts if mnemonic(text)]
        assert len(letters) >= 6  # the four fields and their two buttons
        assert len(set(letters)) == len(letters), texts
        assert not {"o", "c"} & set(letters)  # many desktops give OK and Cancel these


def test_the_page_saves_the_way_a_settings_dialog_asks(qtbot: QtBot, tmp_path: Path) -> None:
    with open_store(tmp_path / "data") as store:
        page = DataCarePage(store)
        qtbot.addWidget(page)
        assert page.title == "Backups and retention"
        page.keep.setValue(7)
        page.months.setValue(18)
        assert page.keep.text() == "7 backups"  # says what is counted
        page.save(store)  # a Settings dialog calls save(store) on every page
        assert auto_backup.keep_count(store) == 7
        assert retention.retention_months(store) == 18
