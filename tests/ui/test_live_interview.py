"""A whole interview driven from the keyboard on the real live screen, checked in the database."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from interview_helpers import live_window, start_interview
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from ui_helpers import when_dialog_opens

from ikan_desktop.store.location import DB_NAME
from ikan_desktop.ui.interview.live_window import LiveWindow


def open_window(qtbot: QtBot, data_dir: Path, start: str = "counting-all-or-on") -> LiveWindow:
    store, interview, rules = start_interview(data_dir, start=start)
    window = live_window(interview, rules)
    # At the end of a test, let the window close without asking (a teacher is always asked).
    qtbot.addWidget(window, before_close_func=lambda w: setattr(w, "_allow_close", True))
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.store = store  # closed with the test's data folder
    return window


def rows(folder: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(folder / DB_NAME)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_a_whole_interview_by_keys_to_a_stop_decision(qtbot: QtBot, data_dir: Path) -> None:
    window = open_window(qtbot, data_dir)
    interview = window.interview
    section = interview.section
    pressed: list[tuple[str, str]] = []
    for number, task in enumerate(section.tasks):
        choice = task.choices[number % 2]
        key = choice.key  # the code's own key, the same on every task
        # Focus sits on another widget: keys still reach the interview.
        qtbot.keyClick(window.stop_button, key)
        pressed.append((task.id, choice.code))
        if number == 0:
            qtbot.keyClick(window, Qt.Key.Key_F)
            qtbot.keyClick(window, Qt.Key.Key_Backspace)  # undo the flag
        qtbot.keyClick(window.task_panel, Qt.Key.Key_Right)
    assert interview.pending is not None
    assert window.scoring.currentIndex() == 1  # the decision page is showing
    suggested = interview.pending.suggestion.action
    qtbot.keyClick(window, Qt.Key.Key_2)  # stop here
    assert interview.finished

    tags = rows(data_dir, "SELECT task_id, code, t_ms, deleted, kind FROM tags ORDER BY rowid")
    live = [(t[0], t[1]) for t in tags if not t[3] and t[4] == "strategy"]
    assert live == pressed
    assert [t[1] for t in tags if t[3]] == ["flag"]
    times = [t[2] for t in tags]
    assert times == sorted(times)
    decision = rows(data_dir, "SELECT suggested, chosen, overridden FROM section_decisions")
    assert decision == [(suggested, "stop", int(suggested != "stop"))]
    assert rows(data_dir, "SELECT state FROM sessions") == [("finished",)]


def test_keys_do_nothing_while_typing_a_note(qtbot: QtBot, data_dir: Path) -> None:
    window = open_window(qtbot, data_dir)
    qtbot.keyClick(window, Qt.Key.Key_N)
    assert window.note.isVisible() and window.note.hasFocus()
    qtbot.keyClicks(window.note, "J3 counted on")
    assert rows(data_dir, "SELECT count(*) FROM tags") == [(0,)]
    qtbot.keyClick(window.note, Qt.Key.Key_Return)
    assert rows(data_dir, "SELECT kind, note FROM tags") == [("note", "J3 counted on")]
    assert not window.note.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_J)
    assert rows(data_dir, "SELECT code FROM tags ORDER BY rowid") == [("note",), ("just_knew",)]
    assert "just_knew" in window.strip.texts()[0]


def test_escape_and_closing_never_end_the_interview(qtbot: QtBot, data_dir: Path) -> None:
    window = open_window(qtbot, data_dir)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.isVisible() and not window.interview.finished
    asked: list[str] = []

    def say_no(box: QMessageBox) -> None:
        asked.append(box.text())
        box.button(QMessageBox.StandardButton.No).click()

    when_dialog_opens(say_no)
    window.close()
    assert asked and "Stop the interview now?" in asked[0]
    assert window.isVisible() and not window.interview.finished
    assert rows(data_dir, "SELECT state FROM sessions") == [("recording",)]
