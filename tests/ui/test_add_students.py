"""Adding a class by hand: save and add another, the class remembered, duplicates, typed dates."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot
from ui_helpers import when_dialog_opens

from ikan_desktop.store import open_store
from ikan_desktop.ui.main_window import MainWindow, open_data_folder
from ikan_desktop.ui.roster.student_dialog import StudentDialog
from ikan_desktop.workflows import roster


def make_window(qtbot: QtBot, folder: Path, *, demo: bool = False) -> MainWindow:
    store = open_data_folder(folder, demo=demo)
    assert store is not None
    window = MainWindow(home_folder=folder, store=store, demo=demo)
    qtbot.addWidget(window)
    window.show()
    return window


def _rows(data_dir: Path) -> dict[str, dict]:
    with open_store(data_dir) as store:
        return {row["name"]: row for row in roster.student_rows(store, include_archived=True)}


def test_save_and_add_another_keeps_the_class_and_reads_typed_dates(
    qtbot: QtBot, data_dir: Path
) -> None:
    window = make_window(qtbot, data_dir)
    seen: list[str] = []

    def first(dialog: StudentDialog) -> None:
        dialog.name.setText("Aroha Ngata")
        dialog.class_name.setCurrentText("Room 5")
        dialog.start_known.setChecked(True)
        qtbot.keyClicks(dialog.start_date.line, "3 Feb 2024")
        dialog.findChild(object, "saveAndAddAnother").click()
        QTimer.singleShot(50, lambda: second(dialog))

    def second(dialog: StudentDialog) -> None:
        seen.append(dialog.class_name.currentText())
        seen.append(dialog.name.text())
        dialog.name.setText("Liam O'Connor")
        dialog.start_known.setChecked(True)
        dialog.start_date.line.setText("3/2/2024")
        dialog.save_button.click()

    when_dialog_opens(first)
    window.add_student()
    assert seen == ["Room 5", ""]  # the class stays, the name is cleared for the next child
    rows = _rows(data_dir)
    assert rows["Aroha Ngata"]["school_start_date"] == "2024-02-03"  # not 3 Dec
    assert rows["Liam O'Connor"]["school_start_date"] == "2024-02-03"  # NZ: day first
    assert rows["Liam O'Connor"]["class"] == "Room 5"

    opened: list[str] = []

    def next_time(dialog: StudentDialog) -> None:
        opened.append(dialog.class_name.currentText())
        dialog.reject()

    when_dialog_opens(next_time)
    window.add_student()
    assert opened == ["Room 5"]  # remembered for the next time the dialog opens


def test_a_likely_duplicate_is_warned_about_once(qtbot: QtBot, data_dir: Path) -> None:
    window = make_window(qtbot, data_dir, demo=True)
    warnings: list[str] = []

    def add_twin(dialog: StudentDialog) -> None:
        dialog.name.setText("Huhana Kereama")  # the demo has Hūhana Kereama
        dialog.save_button.click()

        def warned() -> None:
            warnings.append(dialog.problems.text())
            dialog.save_button.click()  # a different child after all

        QTimer.singleShot(50, warned)

    when_dialog_opens(add_twin)
    window.add_student()
    assert "There is already a student called Hūhana Kereama in Room 7 (demo)." in warnings[0]
    assert "Save again" in warnings[0]
    window.close_store()
    with open_store(data_dir / "demo-class") as store:
        names = [row["name"] for row in roster.student_rows(store)]
    assert "Huhana Kereama" in names


def test_a_date_that_is_not_a_date_keeps_the_dialog_open(qtbot: QtBot, data_dir: Path) -> None:
    window = make_window(qtbot, data_dir)
    problems: list[str] = []

    def type_nonsense(dialog: StudentDialog) -> None:
        dialog.name.setText("Ana Lemalu")
        dialog.start_known.setChecked(True)
        dialog.start_date.line.setText("31 Febtember")
        dialog.save_button.click()

        def check() -> None:
            problems.append(dialog.problems.text())
            dialog.start_date.line.setText(f"{date(2023, 2, 6):%Y-%m-%d}")
            dialog.save_button.click()

        QTimer.singleShot(50, check)

    when_dialog_opens(type_nonsense)
    window.add_student()
    assert problems[0].startswith("School start date: “31 Febtember” is not a date")
    assert _rows(data_dir)["Ana Lemalu"]["school_start_date"] == "2023-02-06"


def test_an_imported_date_of_birth_shows_in_the_dialog_and_can_be_corrected(
    qtbot: QtBot, data_dir: Path, tmp_path: Path
) -> None:
    roster_file = tmp_path / "room9.csv"
    roster_file.write_text(
        "Student ID,First name,Surname,Room,Date of birth\n2001,Tāne,Pōmare,Room 9,14/08/2017\n",
        encoding="utf-8",
    )
    from ikan_desktop.cli import main

    assert main(["import-roster", str(roster_file), "--date-order", "dmy"]) == 0
    student_id = _rows(data_dir)["Tāne Pōmare"]["id"]
    window = make_window(qtbot, data_dir)
    shown: list[object] = []

    def correct(dialog: StudentDialog) -> None:
        shown.append(dialog.birth_known.isChecked())
        shown.append(dialog.birth_date.date())
        dialog.birth_date.line.setText("15 Aug 2017")
        dialog.save_button.click()

    when_dialog_opens(correct)
    window.edit_student(student_id)
    assert shown == [True, date(2017, 8, 14)]
    assert _rows(data_dir)["Tāne Pōmare"]["date_of_birth"] == "2017-08-15"
