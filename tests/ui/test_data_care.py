"""The data-care items of the main window, driven through real dialogs."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
)
from pytestqt.qtbot import QtBot
from ui_helpers import when_dialog_opens

from ikan_desktop.store import open_store
from ikan_desktop.store.audit import audit_entries
from ikan_desktop.ui.data_care import backup_actions, deletion_actions, reminders
from ikan_desktop.ui.data_care.audit_dialog import AuditDialog
from ikan_desktop.ui.data_care.consent_dialog import ConsentDialog
from ikan_desktop.ui.main_window import MainWindow, open_data_folder
from ikan_desktop.ui.settings.data_care import DataCareDialog
from ikan_desktop.workflows import auto_backup, backup, retention
from ikan_desktop.workflows.roster import seed_demo_class


@pytest.fixture
def teacher(data_dir: Path) -> Path:
    with open_store(data_dir) as store:
        seed_demo_class(store)
    return data_dir


def make_window(qtbot: QtBot, folder: Path) -> MainWindow:
    store = open_data_folder(folder)
    assert store is not None
    window = MainWindow(home_folder=folder, store=store)
    qtbot.addWidget(window)
    window.show()
    return window


def recording(folder: Path) -> tuple[str, Path]:
    with open_store(folder) as store:
        sid, audio = store.db.execute(
            "SELECT id, audio_path FROM sessions WHERE audio_path IS NOT NULL"
        ).fetchone()
    return sid, folder / audio


def when_message(action) -> None:
    """Run `action(box)` on the next message box (not the busy dialog before it)."""

    def poll() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, poll)
            return
        action(box)

    QTimer.singleShot(0, poll)


def click(dialog, text: str) -> None:
    button = next(b for b in dialog.findChildren(QPushButton) if b.text().replace("&", "") == text)
    button.click()


def test_recordings_past_retention_are_deleted_after_one_confirmation_at_start(
    qtbot: QtBot, teacher: Path
) -> None:
    sid, wav = recording(teacher)
    with open_store(teacher) as store:
        store.db.execute(
            "UPDATE sessions SET started_at = '2024-05-01T09:00:00+00:00' WHERE id = ?", [sid]
        )
    seen: list[str] = []

    def answer(box: QMessageBox) -> None:
        seen.append(box.text() + box.detailedText())
        click(box, "Delete 1 recording")

    when_dialog_opens(answer)
    window = make_window(qtbot, teacher)
    qtbot.waitUntil(lambda: not wav.exists())
    assert "12-month retention period" in seen[0] and "Aroha Ngata" in seen[0]
    assert "1 recording past the retention period deleted." in window.statusBar().currentMessage()


def test_automatic_deletion_does_not_ask(qtbot: QtBot, teacher: Path) -> None:
    sid, wav = recording(teacher)
    with open_store(teacher) as store:
        store.db.execute(
            "UPDATE sessions SET started_at = '2024-05-01T09:00:00+00:00' WHERE id = ?", [sid]
        )
        retention.save_retention(store, months=6, automatic=True)
    make_window(qtbot, teacher)
    qtbot.waitUntil(lambda: not wav.exists())
    assert QApplication.activeModalWidget() is None


def test_deleting_the_selected_student_names_them_and_removes_them(
    qtbot: QtBot, teacher: Path
) -> None:
    window = make_window(qtbot, teacher)
    student = window.roster.selected()
    assert student is not None
    texts: list[str] = []

    def answer(box: QMessageBox) -> None:
        texts.append(box.text())
        click(box, f"Delete {student.name}")

    when_dialog_opens(answer)
    deletion_actions.delete_selected_student(window)
    assert texts[0].startswith(f"Delete {student.name} entirely:")
    assert window.roster.model.rowCount() == 7
    assert audit_entries(window.store)[0].what == f"{student.name} and all their data"


def test_keeping_is_the_default_of_a_deletion(qtbot: QtBot, teacher: Path) -> None:
    window = make_window(qtbot, teacher)
    when_dialog_opens(lambda box: box.reject())
    deletion_actions.delete_selected_student(window)
    assert window.roster.model.rowCount() == 8


def test_withdrawing_consent_asks_about_recordings_and_history_shows_it(
    qtbot: QtBot, teacher: Path
) -> None:
    _sid, wav = recording(teacher)
    window = make_window(qtbot, teacher)
    with open_store(teacher) as store:
        aroha = store.db.execute("SELECT id FROM students WHERE name = 'Aroha Ngata'").fetchone()[0]
    dialog = ConsentDialog(window, window.store, aroha)
    qtbot.addWidget(dialog)
    questions: list[str] = []

    def recordings(box: QMessageBox) -> None:
        questions.append(box.text())
        click(box, "Delete the recordings now")

    when_dialog_opens(lambda ask: (when_dialog_opens(recordings, after_ms=50), ask.accept()))
    dialog.withdraw.click()
    assert questions == ["<b>Aroha Ngata has 1 recorded interview.</b>"]
    assert not wav.exists()
    assert (
        "are not recorded" in dialog.state.text() and "1 recording deleted" in dialog.state.text()
    )
    assert dialog.table.item(0, 1).text() == "withdrawn"
    assert "delete now" in dialog.table.item(0, 3).text()
    assert dialog.give.isEnabled() and not dialog.withdraw.isEnabled()


def test_restore_from_the_menu_replaces_the_data_and_keeps_the_old_aside(
    qtbot: QtBot, teacher: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = tmp_path / "other"
    with open_store(other) as store:
        seed_demo_class(store)
        store.db.execute("UPDATE students SET name = 'Restored ' || name")
    saved = backup.make_backup(other, tmp_path / "other.ikanbackup").path
    window = make_window(qtbot, teacher)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(saved), ""))
    messages: list[str] = []

    def yes(box: QMessageBox) -> None:
        messages.append(box.text())
        box.button(QMessageBox.StandardButton.Yes).click()
        when_message(lambda done: (messages.append(done.text()), done.accept()))

    when_message(yes)
    backup_actions.restore(window)
    qtbot.waitUntil(lambda: len(messages) == 2, timeout=20000)
    assert "holds 8 students and 33 interviews; every checksum matches" in messages[0]
    assert "moved aside" in messages[0]
    assert messages[1].startswith("Restored 8 students")
    assert "Restored" in window.roster.selected().name
    aside = list(teacher.parent.glob(f"{teacher.name}.before-restore-*"))
    assert len(aside) == 1 and (aside[0] / "ikan.sqlite").is_file()
    assert audit_entries(window.store)[0].action == "restored"


def test_settings_are_saved_and_close_starts_the_automatic_backup(
    qtbot: QtBot, teacher: Path, tmp_path: Path
) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    window = make_window(qtbot, teacher)
    dialog = DataCareDialog(window.store, window)
    qtbot.addWidget(dialog)
    dialog.page.folder.setText(str(stick))
    dialog.page.keep.setValue(2)
    dialog.page.months.setValue(18)
    dialog.accept()
    assert auto_backup.automatic_folder(window.store) == stick
    assert retention.retention_months(window.store) == 18
    assert reminders.start_backup_on_close(window)
    qtbot.waitUntil(
        lambda: len(list(stick.glob("ikan-desktop-auto-*.ikanbackup"))) == 1, timeout=20000
    )
    made = next(stick.glob("*.ikanbackup"))
    qtbot.waitUntil(lambda: auto_backup.backup_reminder(window.store) is None, timeout=20000)
    assert backup.verify_backup(made).students == 8


def test_the_audit_log_lists_what_was_done(qtbot: QtBot, teacher: Path, tmp_path: Path) -> None:
    window = make_window(qtbot, teacher)
    backup.record_backup(window.store, backup.make_backup(teacher, tmp_path / "b.ikanbackup"))
    dialog = AuditDialog(window, window.store)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 2).text() == "backed up"
    assert "b.ikanbackup" in dialog.table.item(0, 3).text()


def test_merge_from_the_menu_shows_the_merge_report(
    qtbot: QtBot, teacher: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    colleague = tmp_path / "colleague"
    with open_store(colleague) as store:
        seed_demo_class(store)
        store.db.execute("UPDATE students SET external_id = '', name = 'New ' || name")
    saved = backup.make_backup(colleague, tmp_path / "colleague.ikanbackup", passphrase="tūī").path
    window = make_window(qtbot, teacher)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(saved)], ""))
    reports: list[str] = []

    def passphrase(ask) -> None:
        ask.setTextValue("tūī")
        ask.accept()

    def report() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or dialog.objectName() != "textReport":
            QTimer.singleShot(20, report)
            return
        reports.append(dialog.text.toPlainText())
        dialog.accept()

    def poll_passphrase() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QInputDialog):
            QTimer.singleShot(20, poll_passphrase)
            return
        passphrase(dialog)
        QTimer.singleShot(0, report)

    QTimer.singleShot(0, poll_passphrase)
    backup_actions.merge(window)
    qtbot.waitUntil(lambda: bool(reports), timeout=30000)
    assert reports[0].startswith("Merged colleague.ikanbackup\nStudents added: 8")
    assert window.roster.model.rowCount() == 16


def test_back_up_from_the_menu_writes_the_file_and_clears_the_reminder(
    qtbot: QtBot, teacher: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "friday"
    window = make_window(qtbot, teacher)
    reminder = window.statusBar().findChild(QLabel, "backupReminder")
    assert reminder.text().startswith("No backup yet")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    when_message(lambda box: box.button(QMessageBox.StandardButton.No).click())
    backup_actions.back_up(window)
    qtbot.waitUntil(lambda: "Backed up 8 students" in window.statusBar().currentMessage())
    assert backup.verify_backup(tmp_path / "friday.ikanbackup").sessions == 33
    assert reminder.isHidden()


def test_unticking_consent_in_the_details_asks_and_keeps_when_told(
    qtbot: QtBot, teacher: Path
) -> None:
    _sid, wav = recording(teacher)
    window = make_window(qtbot, teacher)
    with open_store(teacher) as store:
        aroha = store.db.execute("SELECT id FROM students WHERE name = 'Aroha Ngata'").fetchone()[0]
    asked: list[str] = []

    def untick(dialog) -> None:
        dialog.consent.setChecked(False)

        def keep(box: QMessageBox) -> None:
            asked.append(box.text())
            click(box, "Keep until the retention date")

        when_message(keep)
        dialog.accept()

    when_dialog_opens(untick)
    window.edit_student(aroha)
    assert asked == ["<b>Aroha Ngata has 1 recorded interview.</b>"]
    assert wav.exists()
    from ikan_desktop.store.consent import consent_history

    history = consent_history(window.store, aroha)
    assert [e.event for e in history] == ["withdrawn"]
    assert "keep until the retention date" in history[0].note


def test_deleting_only_the_recording_from_the_interview_list(qtbot: QtBot, teacher: Path) -> None:
    from ikan_desktop.ui.review.actions import open_session_list

    sid, wav = recording(teacher)
    window = make_window(qtbot, teacher)
    dialog = open_session_list(window, window.store)
    qtbot.addWidget(dialog)
    dialog.table.selectRow([r["id"] for r in dialog.model.rows].index(sid))
    button = dialog.findChild(QPushButton, "deleteSession")
    assert button.isEnabled()
    texts: list[str] = []
    when_message(lambda box: (texts.append(box.text()), click(box, "Delete the recording")))
    button.menu().actions()[0].trigger()
    assert "only the audio goes" in texts[0]
    assert not wav.exists()
    row = [r["id"] for r in dialog.model.rows].index(sid)
    assert dialog.model.index(row, 6).data() == "Deleted (by the teacher)"


def test_every_data_care_menu_item_opens_its_dialog(qtbot: QtBot, teacher: Path) -> None:
    from PySide6.QtGui import QAction

    window = make_window(qtbot, teacher)
    opened: list[str] = []

    def close(dialog) -> None:
        opened.append(dialog.objectName())
        dialog.reject()

    for name in ("auditLog", "dataCareSettings", "consent", "deleteStudent", "deleteArchived"):
        when_dialog_opens(close)
        window.findChild(QAction, name).trigger()
    assert opened[:3] == ["auditLog", "settingsDialog", "consentDialog"]
    assert opened[3] == "confirmDeletion" and len(opened) == 5
    assert window.roster.model.rowCount() == 8


def test_backups_and_retention_is_a_page_of_the_one_settings_dialog(
    qtbot: QtBot, teacher: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ikan_desktop.ui.settings import dialog as settings_dialog

    window = make_window(qtbot, teacher)
    opened: list[settings_dialog.SettingsDialog] = []

    def watch(self: settings_dialog.SettingsDialog) -> int:
        opened.append(self)
        return 0  # cancelled

    monkeypatch.setattr(settings_dialog.SettingsDialog, "exec", watch)
    window.findChild(QAction, "dataCareSettings").trigger()
    (dialog,) = opened
    titles = [dialog.contents.item(r).text() for r in range(dialog.contents.count())]
    assert titles == ["Teacher and school", "Microphone and screen", "Backups and retention"]
    assert dialog.contents.currentItem().text() == "Backups and retention"
