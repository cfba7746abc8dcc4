"""Settings: the teacher's name, school, class, microphone, text size and pre-roll, and where
they show: confirmations "by" the teacher, profiles headed with teacher and school."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot
from review_helpers import recorded_interview

from ikan_desktop.store import open_store
from ikan_desktop.ui.settings import extra_pages
from ikan_desktop.ui.settings.dialog import SettingsDialog, add_settings_page
from ikan_desktop.ui.settings.text_size import apply_text_size
from ikan_desktop.workflows.preferences import read_preferences
from ikan_desktop.workflows.profiles import save_student_profile
from ikan_desktop.workflows.review import GLOBAL, load_review
from ikan_desktop.workflows.review_judgement import confirm_row, judgement_rows


def fill_in(qtbot: QtBot, store) -> SettingsDialog:
    dialog = SettingsDialog(store)
    qtbot.addWidget(dialog)
    teacher, screen = dialog.pages[0], dialog.pages[1]
    teacher.teacher.setText("Whaea Mere")
    teacher.school.setText("Kōwhai School")
    teacher.default_class.setCurrentText("Room 7")
    screen.text_size.setCurrentIndex(screen.text_size.findData(130))
    screen.preroll.setCurrentIndex(screen.preroll.findData(8))
    dialog.accept()
    return dialog


def test_settings_are_kept_in_the_data_folder(qtbot: QtBot, data_dir: Path) -> None:
    store = open_store(data_dir)
    fill_in(qtbot, store)
    store.close()
    again = open_store(data_dir)
    prefs = read_preferences(again)
    assert (prefs.teacher_name, prefs.school_name, prefs.default_class) == (
        "Whaea Mere",
        "Kōwhai School",
        "Room 7",
    )
    assert (prefs.text_size, prefs.preroll_s) == (130, 8)
    reopened = SettingsDialog(again)
    qtbot.addWidget(reopened)
    assert reopened.pages[0].teacher.text() == "Whaea Mere"
    assert reopened.pages[1].preroll.currentData() == 8
    again.close()


def test_confirmations_are_by_the_teacher_and_the_profile_names_teacher_and_school(
    qtbot: QtBot, data_dir: Path, tmp_path: Path
) -> None:
    store = open_store(data_dir)
    fill_in(qtbot, store)
    session_id = recorded_interview(store, assessor="")
    review = load_review(store, session_id)
    rows = {row.domain: row for row in judgement_rows(store, review)}
    confirmed = confirm_row(store, review, rows["additive"], 4)
    confirm_row(store, review, rows[GLOBAL], 4)
    assert confirmed.confirmed_by == "Whaea Mere"
    pdf = save_student_profile(store, review.student.id, tmp_path / "profile.pdf")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "Whaea Mere" in text and "Kōwhai School" in text
    store.close()


def test_text_size_scales_the_app_font(qtbot: QtBot) -> None:
    app = QApplication.instance()
    before = app.font().pointSizeF()
    apply_text_size(130)
    assert abs(app.font().pointSizeF() - before * 1.3) < 0.01
    apply_text_size(100)
    assert abs(app.font().pointSizeF() - before) < 0.01


def test_other_parts_of_the_app_can_add_a_page(
    qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(extra_pages, "_EXTRA_PAGES", [])
    saved: list[str] = []

    class BackupPage(QLabel):
        title = "Backups"

        def save(self, store) -> None:
            saved.append("backups")

    add_settings_page(lambda store: BackupPage("Backup folder"))
    store = open_store(data_dir)
    dialog = SettingsDialog(store)
    qtbot.addWidget(dialog)
    titles = [dialog.contents.item(i).text() for i in range(dialog.contents.count())]
    assert titles[-1] == "Backups"
    dialog.accept()
    assert saved == ["backups"]
    store.close()


def mnemonics(widget) -> list[str]:
    """The Alt+letter keys of the widget's visible labels and buttons."""
    from PySide6.QtWidgets import QAbstractButton

    keys = []
    for child in widget.findChildren(QLabel) + widget.findChildren(QAbstractButton):
        text = child.text().replace("&&", "")
        if child.isVisible() and "&" in text:
            keys.append(text[text.index("&") + 1].lower())
    return keys


def test_no_two_controls_share_an_alt_key(qtbot: QtBot, data_dir: Path) -> None:
    store = open_store(data_dir)
    dialog = SettingsDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    for row in range(dialog.contents.count()):
        dialog.contents.setCurrentRow(row)
        keys = mnemonics(dialog)
        assert len(keys) == len(set(keys)), keys
    store.close()


def test_every_label_with_an_alt_key_has_a_control_to_go_to(qtbot: QtBot, data_dir: Path) -> None:
    store = open_store(data_dir)
    dialog = SettingsDialog(store)
    qtbot.addWidget(dialog)
    for label in dialog.findChildren(QLabel):
        if "&" in label.text().replace("&&", ""):
            assert label.buddy() is not None, label.text()  # else "&" shows as it is
    store.close()
