"""Deleting with a confirmation that says exactly what goes (a child, archived children, an
interview or only its recording)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMenu, QMessageBox, QPushButton, QWidget

from ikan_desktop.store import Store
from ikan_desktop.workflows import deletion

if TYPE_CHECKING:
    from ikan_desktop.ui.main_window import MainWindow
    from ikan_desktop.ui.review.session_list import SessionListDialog


def confirm(parent: QWidget | None, title: str, text: str, action: str) -> bool:
    """A warning-style question whose default is *not* to delete."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=parent)
    box.setObjectName("confirmDeletion")
    delete = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton("Keep", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    return box.clickedButton() is delete


def delete_selected_student(window: MainWindow) -> None:
    """Delete the selected child entirely, after saying what goes."""
    student = window.roster.selected()
    if student is None:
        return
    text = deletion.describe_student_deletion(window.store, [student.id])
    if confirm(window, "Delete a student", text, f"Delete {student.name}"):
        deletion.delete_students(window.store, [student.id])
        window.roster.reload()
        window.statusBar().showMessage(f"{student.name} and all their data deleted.", 8000)


def delete_archived_students(window: MainWindow) -> None:
    """The end-of-year clear-out: every archived child, in one confirmation."""
    ids = deletion.archived_students(window.store)
    if not ids:
        QMessageBox.information(
            window, "Delete archived students", "There are no archived students to delete."
        )
        return
    text = deletion.describe_student_deletion(window.store, ids)
    label = f"Delete {deletion.plural(len(ids), 'student')}"
    if confirm(window, "Delete archived students", text, label):
        count = deletion.delete_students(window.store, ids)
        window.roster.reload()
        window.statusBar().showMessage(
            f"{deletion.plural(count, 'archived student')} deleted.", 8000
        )


def add_delete_button(dialog: SessionListDialog, store: Store) -> QPushButton:
    """Give the interview list a Delete… button: the recording only, or the whole interview."""
    button = QPushButton("&Delete…", objectName="deleteSession")
    menu = QMenu(button)
    recording = menu.addAction("Delete the &recording only…")
    interview = menu.addAction("Delete the whole &interview…")
    button.setMenu(menu)

    def delete_recording() -> None:
        session_id = dialog.selected()
        if session_id is None:
            return
        text = deletion.describe_recording_deletion(store, session_id)
        if confirm(dialog, "Delete a recording", text, "Delete the recording"):
            deletion.delete_recording(store, session_id)
            dialog.reload()

    def delete_interview() -> None:
        session_id = dialog.selected()
        if session_id is None:
            return
        text = deletion.describe_interview_deletion(store, session_id)
        if confirm(dialog, "Delete an interview", text, "Delete the interview"):
            deletion.delete_interview(store, session_id)
            dialog.reload()

    def enable() -> None:
        row = next((r for r in dialog.model.rows if r["id"] == dialog.selected()), None)
        button.setEnabled(row is not None and row.get("state") not in ("recording", "paused"))
        recording.setEnabled(bool(row and row.get("has_audio")))

    recording.triggered.connect(delete_recording)
    interview.triggered.connect(delete_interview)
    menu.aboutToShow.connect(enable)
    dialog.table.selectionModel().selectionChanged.connect(lambda *_: enable())
    row = dialog.layout().itemAt(dialog.layout().count() - 1).layout()
    row.insertWidget(row.indexOf(dialog.export_button), button)
    enable()
    return button
