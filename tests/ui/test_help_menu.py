"""Help ▸ Check this computer, Help ▸ Report a problem, the About box, the last safety net."""

from __future__ import annotations

import logging
import sys
import threading
import zipfile
from pathlib import Path

import pytest
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot
from tones import tone_wav
from ui_helpers import when_dialog_opens

from ikan_desktop import __version__
from ikan_desktop.app import start_app
from ikan_desktop.store import students as student_store
from ikan_desktop.store.logbook import start_log, stop_log
from ikan_desktop.ui import crash
from ikan_desktop.ui.help.identity import about_text
from ikan_desktop.ui.main_window import MainWindow, open_data_folder


@pytest.fixture
def window(qtbot: QtBot, data_dir: Path) -> MainWindow:
    start_log(data_dir, __version__)
    store = open_data_folder(data_dir, demo=False)
    assert store is not None
    from ikan_desktop.workflows import roster

    roster.seed_demo_class(store)
    main = MainWindow(home_folder=data_dir, store=store)
    qtbot.addWidget(main)
    main.show()
    yield main
    stop_log()
    main.close_store()


def help_action(window: MainWindow, name: str) -> QAction:
    """An item of the Help menu, found in the menu the teacher opens."""
    (help_menu,) = [a.menu() for a in window.menuBar().actions() if a.text() == "&Help"]
    (action,) = [a for a in help_menu.actions() if a.objectName() == name]
    return action


@pytest.mark.audio
def test_check_this_computer_reports_each_part_in_plain_lines(
    qtbot: QtBot, window: MainWindow, virtual_mic, tmp_path: Path
) -> None:
    player = virtual_mic.play(tone_wav(tmp_path / "tone.wav", seconds=5))
    try:
        help_action(window, "checkComputerAction").trigger()
        dialog = window.computer_check
        with qtbot.waitSignal(dialog.finished_checks, timeout=20000) as done:
            pass
    finally:
        player.wait(10)
    report = done.args[0]
    assert f"ikan-desktop {__version__}" in report
    assert "OK      Microphone: " in report and "sound came through" in report
    assert "dBFS" in report
    assert "OK      Data folder:" in report and "OK      Free space:" in report
    assert "OK      Database: intact (8 students" in report
    assert "Audio playback: a tone was played" in report
    qtbot.mouseClick(
        dialog.copy_button, __import__("PySide6.QtCore").QtCore.Qt.MouseButton.LeftButton
    )
    assert QGuiApplication.clipboard().text() == report
    for student in student_store.iter_students(window.store):
        assert student.name not in report
    dialog.close()


def test_report_a_problem_saves_a_zip_with_the_log_and_no_names(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = [s.name for s in student_store.iter_students(window.store)]
    try:
        raise ValueError(f"could not draw the profile of {names[0]}")
    except ValueError:
        logging.getLogger("ikan_desktop.test").exception("profile failed")
    out = tmp_path / "for IT" / "report"
    out.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    said: list[str] = []

    def read_and_close(box: QMessageBox) -> None:
        said.append(box.text() + box.informativeText())
        box.accept()

    when_dialog_opens(read_and_close)
    help_action(window, "reportProblemAction").trigger()
    qtbot.waitUntil(lambda: bool(said))
    assert "has not sent anything" in said[0]
    with zipfile.ZipFile(out.with_name("report.zip")) as archive:
        files = set(archive.namelist())
        assert {"README.txt", "computer-check.txt", "logs/ikan-desktop.log"} <= files
        check = archive.read("computer-check.txt").decode()
        log = archive.read("logs/ikan-desktop.log").decode()
        everything = "".join(archive.read(name).decode() for name in files)
    assert "Database: intact" in check
    assert "ValueError" in log and "profile failed" in log
    for name in names:
        assert name not in everything


def test_about_names_version_licence_and_where_the_data_is(data_dir: Path) -> None:
    text = about_text(data_dir)
    assert __version__ in text and "MIT" in text
    assert str(data_dir) in text and str(data_dir / "logs") in text


def test_every_window_carries_the_app_icon(qtbot: QtBot, data_dir: Path) -> None:
    started = start_app(data_dir=str(data_dir))
    assert started is not None
    app, main = started
    qtbot.addWidget(main)
    sizes = {size.width() for size in app.windowIcon().availableSizes()}
    assert {16, 32, 48, 256} <= sizes
    assert not main.windowIcon().isNull()
    main.close_store()


def test_an_unexpected_error_is_a_plain_message_and_a_line_in_the_log(
    qtbot: QtBot, window: MainWindow, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    monkeypatch.setattr(crash, "_state", {"showing": False, "last": 0.0})
    crash.install_crash_handler()
    seen: list[QMessageBox] = []

    def read_and_close(box: QMessageBox) -> None:
        seen.append((box.objectName(), box.text() + box.informativeText() + box.detailedText()))
        box.accept()

    when_dialog_opens(read_and_close)
    name = next(iter(student_store.iter_students(window.store))).name
    try:
        raise KeyError(f"no interview for {name}")
    except KeyError:
        sys.excepthook(*sys.exc_info())
    ((name, text),) = seen
    assert name == "unexpectedError"
    assert "Something went wrong" in text and "Report a problem" in text
    assert "Traceback" not in text
    log = (data_dir / "logs" / "ikan-desktop.log").read_text()
    assert "KeyError" in log and "test_help_menu.py" in log
    assert name not in log
