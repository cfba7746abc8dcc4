"""Keys a teacher relies on: every Alt letter in one place does one thing, every shortcut one job.

Several parts of the app add menu items and buttons to the main window; a repeated Alt letter
only moves between the items that share it (nothing happens), and a repeated shortcut does
nothing at all ("ambiguous"). These tests look at what the assembled window really holds.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QMenu
from pytestqt.qtbot import QtBot
from ui_helpers import mnemonic

from ikan_desktop.ui.main_window import MainWindow, open_data_folder


def _window(qtbot: QtBot, folder: Path, *, demo: bool = False) -> MainWindow:
    store = open_data_folder(folder, demo=demo)
    assert store is not None
    window = MainWindow(home_folder=folder, store=store, demo=demo)
    qtbot.addWidget(window)
    window.show()
    return window


def _repeated(letters: list[tuple[str, str]]) -> dict[str, list[str]]:
    counts = Counter(letter for letter, _ in letters if letter)
    return {
        letter: [text for key, text in letters if key == letter]
        for letter, n in counts.items()
        if n > 1
    }


def _menus(window: MainWindow) -> list[QMenu]:
    return [a.menu() for a in window.menuBar().actions() if a.menu() is not None]


def test_no_two_items_in_one_menu_share_an_alt_letter(qtbot: QtBot, data_dir: Path) -> None:
    window = _window(qtbot, data_dir, demo=True)
    for menu in _menus(window):
        items = [(mnemonic(a.text()), a.text()) for a in menu.actions() if not a.isSeparator()]
        assert all(letter for letter, _ in items), f"{menu.title()}: an item without an Alt key"
        assert _repeated(items) == {}, menu.title()
    titles = [(mnemonic(a.text()), a.text()) for a in window.menuBar().actions()]
    assert _repeated(titles) == {}


def test_a_menu_has_no_empty_groups(qtbot: QtBot, data_dir: Path) -> None:
    window = _window(qtbot, data_dir)
    for menu in _menus(window):
        kinds = ["-" if a.isSeparator() else "x" for a in menu.actions()]
        assert "--" not in "".join(kinds), f"{menu.title()}: two separators in a row"
        assert kinds[0] != "-" and kinds[-1] != "-", f"{menu.title()}: a separator at an end"


def test_the_student_list_buttons_and_the_menu_bar_share_no_alt_letter(
    qtbot: QtBot, data_dir: Path
) -> None:
    window = _window(qtbot, data_dir, demo=True)
    assert window.pages.currentWidget() is window.roster
    letters = [(mnemonic(a.text()), a.text()) for a in window.menuBar().actions()]
    letters += [(mnemonic(b.text()), b.text()) for b in window.roster.findChildren(QAbstractButton)]
    assert _repeated(letters) == {}


def test_the_welcome_buttons_and_the_menu_bar_share_no_alt_letter(
    qtbot: QtBot, data_dir: Path
) -> None:
    window = _window(qtbot, data_dir)
    assert window.pages.currentWidget() is window.welcome
    letters = [(mnemonic(a.text()), a.text()) for a in window.menuBar().actions()]
    letters += [
        (mnemonic(b.text()), b.text()) for b in window.welcome.findChildren(QAbstractButton)
    ]
    assert _repeated(letters) == {}


def test_no_two_shortcuts_in_the_main_window_clash(qtbot: QtBot, data_dir: Path) -> None:
    window = _window(qtbot, data_dir, demo=True)
    keys: list[tuple[str, str]] = []
    for action in window.findChildren(QAction):
        for sequence in action.shortcuts():
            keys.append((sequence.toString(), action.text()))
    for shortcut in window.findChildren(QShortcut):
        keys.append((shortcut.key().toString(), shortcut.objectName() or "a shortcut"))
    assert len(keys) > 10  # the menus' and the student list's shortcuts are all seen
    assert _repeated([(k, what) for k, what in keys if k]) == {}
    assert QKeySequence("Ctrl+N").toString() in {k for k, _ in keys}


def test_the_demo_title_names_the_app_once(qtbot: QtBot, data_dir: Path) -> None:
    window = _window(qtbot, data_dir, demo=True)
    # The window system shows the title plus " — ikan-desktop" (the app's display name) unless
    # the title already ends with it: so it must end with it, and name it only there.
    assert window.windowTitle().endswith("ikan-desktop")
    assert window.windowTitle().count("ikan-desktop") == 1
    assert "demo" in window.windowTitle().lower()


def test_saving_the_class_profiles_with_no_class_says_why(qtbot: QtBot, data_dir: Path) -> None:
    from PySide6.QtWidgets import QMessageBox
    from ui_helpers import when_dialog_opens

    window = _window(qtbot, data_dir)  # no students yet: no class to save
    seen: list[str] = []

    def read(box: QMessageBox) -> None:
        seen.append(box.text())
        box.accept()

    when_dialog_opens(read)
    window.print_class()
    assert seen and "Select a student" in seen[0]
