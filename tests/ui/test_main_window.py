"""The main window driven as a teacher would: keyboard and clicks on real widgets."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from pytestqt.qtbot import QtBot
from ui_helpers import when_dialog_opens

from ikan_desktop.store import open_store
from ikan_desktop.store import students as student_store
from ikan_desktop.store.location import DB_NAME, demo_dir
from ikan_desktop.ui.main_window import MainWindow, open_data_folder
from ikan_desktop.ui.roster.student_dialog import StudentDialog


def make_window(qtbot: QtBot, folder: Path, *, demo: bool = False) -> MainWindow:
    store = open_data_folder(folder, demo=demo)
    assert store is not None
    window = MainWindow(home_folder=folder, store=store, demo=demo)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def test_empty_state_welcomes_and_adds_a_student_by_keyboard(qtbot: QtBot, data_dir: Path) -> None:
    window = make_window(qtbot, data_dir)
    assert window.pages.currentWidget() is window.welcome
    assert not window.banner.isVisible()

    def fill(dialog: StudentDialog) -> None:
        qtbot.keyClicks(dialog.name, "Aroha Ngata")
        dialog.class_name.setCurrentText("Room 5")
        dialog.consent.setChecked(True)
        qtbot.keyClick(dialog, Qt.Key.Key_Return)

    when_dialog_opens(fill)
    qtbot.keyClick(window.welcome.add_button, Qt.Key.Key_Space)
    assert window.pages.currentWidget() is window.roster
    assert window.roster.model.total == 1
    assert window.roster.selected().name == "Aroha Ngata"
    window.close_store()
    with open_store(data_dir) as store:
        (student,) = student_store.iter_students(store)
        assert student.details.class_name == "Room 5"
        assert student.details.recording_consent


def test_invalid_details_keep_the_dialog_open_with_a_reason(qtbot: QtBot, data_dir: Path) -> None:
    window = make_window(qtbot, data_dir)
    seen: list[str] = []

    def submit_empty_then_cancel(dialog: StudentDialog) -> None:
        qtbot.keyClick(dialog, Qt.Key.Key_Return)

        def check() -> None:
            seen.append(dialog.problems.text())
            dialog.reject()

        QTimer.singleShot(50, check)

    when_dialog_opens(submit_empty_then_cancel)
    window.add_student()
    assert seen == ["Please enter the student's name."]
    assert window.pages.currentWidget() is window.welcome


def test_demo_class_is_kept_apart_and_archiving_hides_a_student(
    qtbot: QtBot, data_dir: Path
) -> None:
    window = make_window(qtbot, data_dir)
    qtbot.mouseClick(window.welcome.demo_button, Qt.MouseButton.LeftButton)
    assert window.demo and window.banner.isVisible()
    assert window.roster.model.total == 8
    first = window.roster.selected()
    assert first is not None
    qtbot.mouseClick(window.roster.archive_button, Qt.MouseButton.LeftButton)
    assert window.roster.model.total == 7
    assert "archived" in window.statusBar().currentMessage()
    window.roster.show_archived.setChecked(True)
    assert window.roster.model.total == 8

    window.switch_to(demo=False)
    assert window.pages.currentWidget() is window.welcome
    window.close_store()
    with open_store(data_dir) as real:
        assert student_store.count_students(real, include_archived=True) == 0
    assert (demo_dir(data_dir) / DB_NAME).exists()


def test_edit_from_the_keyboard(qtbot: QtBot, data_dir: Path) -> None:
    window = make_window(qtbot, data_dir, demo=True)
    window.roster.table.setFocus()

    def rename(dialog: StudentDialog) -> None:
        dialog.preferred.setText("Ro")
        dialog.accept()

    when_dialog_opens(rename)
    qtbot.keyClick(window.roster.table, Qt.Key.Key_F2)
    assert window.roster.selected().details.preferred_name == "Ro"


def test_a_broken_database_shows_a_calm_message(qtbot: QtBot, data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / DB_NAME).write_bytes(b"\x00" * 4096)
    shown: list[str] = []

    def read_and_close(box: QMessageBox) -> None:
        shown.append(box.text() + " " + box.informativeText())
        box.done(QDialog.DialogCode.Rejected)

    when_dialog_opens(read_and_close)
    assert open_data_folder(data_dir) is None
    assert "not an SQLite database" in shown[0]
    assert "has not been changed" in shown[0]
    assert (data_dir / DB_NAME).read_bytes() == b"\x00" * 4096


def test_the_demo_students_interviews_open_for_review_from_the_list(
    qtbot: QtBot, data_dir: Path
) -> None:
    from ikan_desktop.ui.review.review_window import ReviewWindow
    from ikan_desktop.ui.review.session_list import SessionListDialog

    window = make_window(qtbot, data_dir, demo=True)
    aroha = next(s for s in student_store.iter_students(window.store) if s.name == "Aroha Ngata")
    window.roster.select_student(aroha.id)
    qtbot.keyClick(window.roster.table, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    dialog = window.session_list
    assert isinstance(dialog, SessionListDialog)
    qtbot.addWidget(dialog)
    names = {dialog.model.index(r, 1).data() for r in range(dialog.model.rowCount())}
    assert names == {"Aroha Ngata"}
    recorded = [r for r in range(dialog.model.rowCount()) if dialog.model.rows[r]["has_audio"]]
    assert len(recorded) == 1  # the recorded demo interview, beside her past rounds
    dialog.table.selectRow(recorded[0])
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    review = next(w for w in QApplication.topLevelWidgets() if isinstance(w, ReviewWindow))
    qtbot.addWidget(review)
    assert review.review.student.id == aroha.id
    assert review.review.audio_path is not None
