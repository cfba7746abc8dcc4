"""Help for a new teacher: the interview guide and the one-page keyboard card."""

from __future__ import annotations

import subprocess
from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ikan_desktop.domain.strategy_codes import load_strategy_codes
from ikan_desktop.store import open_store
from ikan_desktop.ui.help.guide import GuideWindow
from ikan_desktop.ui.main_window import MainWindow
from ikan_desktop.workflows.interview_keys import strategy_keys
from ikan_desktop.workflows.keyboard_card import keyboard_card_pdf


def test_the_keyboard_card_is_one_page_listing_every_strategy_with_its_key(
    tmp_path: Path,
) -> None:
    codes = load_strategy_codes()
    path = tmp_path / "card.pdf"
    path.write_bytes(keyboard_card_pdf(codes))
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    assert "Pages:           1" in info
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True)
    words = " ".join(text.stdout.split())
    for code in codes:
        assert code.label in words, code.id
    assert f"{strategy_keys(codes)['make_ten']} Made a ten" in words
    assert "Accept the suggestion" in words and "Stop here" in words


def test_the_guide_opens_from_the_welcome_page_and_explains_stages_and_banks(
    qtbot: QtBot, tmp_path: Path
) -> None:
    store = open_store(tmp_path / "data")
    window = MainWindow(home_folder=tmp_path / "data", store=store)
    qtbot.addWidget(window)
    window.show()
    assert window.pages.currentWidget() is window.welcome
    window.welcome.open_guide.emit()
    guide = next(w for w in QApplication.topLevelWidgets() if isinstance(w, GuideWindow))
    qtbot.addWidget(guide)
    text = guide.text.toPlainText()
    assert "Your first interview, step by step" in text
    assert "Advanced counting" in text and "AC→EA" in text
    assert "EA = Early additive part-whole" in text
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    names = [a.text() for a in help_menu.actions()]
    assert "Interview &guide" in names and "&Keyboard card" in names
    window.close_store()


def test_the_guide_closes_with_escape_like_the_other_windows(qtbot: QtBot) -> None:
    from PySide6.QtCore import Qt

    guide = GuideWindow.show_for(None)
    qtbot.addWidget(guide)
    qtbot.waitExposed(guide)
    guide.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is guide)
    qtbot.keyClick(guide.text, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not guide.isVisible())
