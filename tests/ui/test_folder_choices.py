"""Folder choosers open in the teacher's home folder, never wherever the app was started from."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from ikan_desktop.store import open_store
from ikan_desktop.ui.profile.actions import save_class_profiles
from ikan_desktop.ui.review.actions import export_session_dialog, save_clip_dialog


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[str]:
    """The folder each chooser starts in; the teacher cancels every one."""
    started: list[str] = []

    def choose(_parent: Any, _title: str, folder: str = "", *_rest: Any) -> str:
        started.append(folder)
        return ""

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", choose)
    monkeypatch.chdir(tmp_path)  # started from some other folder, e.g. a terminal's
    return started


def test_every_folder_chooser_starts_at_home(
    qtbot: QtBot, tmp_path: Path, asked: list[str]
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    with open_store(tmp_path / "data") as store:
        assert save_class_profiles(parent, store, "Room 7") is None
        export_session_dialog(parent, store, "no-such-interview")
        save_clip_dialog(parent, store, "no-such-tag", preroll_ms=3000)
    assert asked == [str(Path.home())] * 3
