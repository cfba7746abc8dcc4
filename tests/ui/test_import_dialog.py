"""The import dialog with real files and a real database: map, preview, import, import again."""

from __future__ import annotations

from pathlib import Path

import roster_files as rf
from pytestqt.qtbot import QtBot

from ikan_desktop.exchange.roster_csv import IGNORE
from ikan_desktop.store import open_store
from ikan_desktop.store.settings import get_setting
from ikan_desktop.ui.roster.import_dialog import ImportDialog
from ikan_desktop.workflows import roster
from ikan_desktop.workflows.roster_import import DATE_ORDER_SETTING


def _open(qtbot: QtBot, store, path: Path) -> ImportDialog:
    dialog = ImportDialog(None, store)
    qtbot.addWidget(dialog)
    dialog.load(path)
    qtbot.waitUntil(lambda: dialog.sheet is not None, timeout=5000)
    return dialog


def _import(qtbot: QtBot, dialog: ImportDialog) -> None:
    with qtbot.waitSignal(dialog.imported, timeout=5000):
        dialog.import_button.click()


def test_preview_then_import_then_nothing_new(qtbot: QtBot, tmp_path: Path, data_dir: Path) -> None:
    path = rf.write(tmp_path, "kamar.csv", rf.KAMAR)
    with open_store(data_dir) as store:
        dialog = _open(qtbot, store, path)
        assert "kamar.csv" in dialog.file_label.text()
        assert [row[:3] for row in dialog.model.rows] == [
            ("Add", "2", "Aroha Ngata"),
            ("Add", "4", "Priya Raman"),
            ("Add", "5", "Tāne Ō'Brien-Pōtae"),
        ]
        assert roster.student_rows(store) == []  # the preview wrote nothing
        assert dialog.import_button.text() == "&Import 3 students"
        _import(qtbot, dialog)
        assert len(roster.student_rows(store)) == 3

        again = _open(qtbot, store, path)
        assert {row[0] for row in again.model.rows} == {"Up to date"}
        assert not again.import_button.isEnabled()


def test_the_teacher_changes_the_mapping_and_the_class(
    qtbot: QtBot, tmp_path: Path, data_dir: Path
) -> None:
    path = rf.write(tmp_path, "kamar.csv", rf.KAMAR)
    with open_store(data_dir) as store:
        dialog = _open(qtbot, store, path)
        preferred = dialog.mapping.choosers[2]  # "Preferred Name": make it not imported
        entry = dialog.mapping.choosers[7]  # "Entry Date"
        entry.setCurrentIndex(entry.findData(IGNORE))
        assert all(row[5] == "" for row in dialog.model.rows)  # no start dates now
        dialog.class_name.setCurrentText("Room 5")  # previewed once typing pauses
        qtbot.waitUntil(lambda: {row[3] for row in dialog.model.rows} == {"Room 5"}, timeout=3000)
        first = dialog.mapping.choosers[1]
        first.setCurrentIndex(first.findData(IGNORE))
        surname = dialog.mapping.choosers[0]
        surname.setCurrentIndex(surname.findData(IGNORE))
        assert not dialog.import_button.isEnabled()
        assert "first name" in dialog.problem.text()
        first.setCurrentIndex(first.findData("first_name"))
        surname.setCurrentIndex(surname.findData("last_name"))
        assert preferred.currentData() == "preferred_name"
        _import(qtbot, dialog)
        rows = roster.student_rows(store)
    assert {r["class"] for r in rows} == {"Room 5"}
    assert all(r["school_start_date"] is None for r in rows)


def test_ambiguous_dates_wait_for_the_teacher(qtbot: QtBot, tmp_path: Path, data_dir: Path) -> None:
    path = rf.write(tmp_path, "names.csv", rf.FULL_NAME)
    with open_store(data_dir) as store:
        dialog = _open(qtbot, store, path)
        assert not dialog.import_button.isEnabled()
        assert "3 February 2023 or 2 March 2023" in dialog.date_note.text()
        dialog.date_order.setCurrentIndex(dialog.date_order.findData("mdy"))
        dialog.date_order.activated.emit(dialog.date_order.currentIndex())
        assert dialog.model.rows[0][5] == "2 Mar 2023"
        _import(qtbot, dialog)
        assert get_setting(store, DATE_ORDER_SETTING) == "mdy"  # not asked again next time


def test_a_file_that_is_not_a_class_list_says_why(
    qtbot: QtBot, tmp_path: Path, data_dir: Path
) -> None:
    path = tmp_path / "letter.txt"
    path.write_text("Dear parents,\nThe trip is on Friday.\n")
    with open_store(data_dir) as store:
        dialog = ImportDialog(None, store)
        qtbot.addWidget(dialog)
        dialog.load(path)
        qtbot.waitUntil(lambda: "could not be imported" in dialog.file_label.text(), timeout=5000)
        assert "no column looks like a student's name" in dialog.problem.text()
        assert not dialog.import_button.isEnabled()
