"""What runs around the main window: the backup reminder, the retention check at start and
daily, and the automatic backup as the app closes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Slot
from PySide6.QtWidgets import QLabel, QMessageBox

from ikan_desktop.ui.background import run_in_background
from ikan_desktop.workflows import auto_backup, retention
from ikan_desktop.workflows.deletion import plural

if TYPE_CHECKING:
    from ikan_desktop.ui.main_window import MainWindow

DAY_MS = 24 * 60 * 60 * 1000
SHOWN_AT_MOST = 12
FIRST_CHECK_AFTER_MS = 1500


def install(window: MainWindow) -> None:
    """Add the reminder to the status bar, check retention now and daily, back up on quit."""
    label = QLabel(objectName="backupReminder")
    label.setStyleSheet("color: #8a4b00;")
    window.statusBar().addPermanentWidget(label)

    def refresh() -> None:
        text = (
            None
            if window.demo or window.store is None
            else auto_backup.backup_reminder(window.store)
        )
        label.setText(text or "")
        label.setVisible(bool(text))

    window.data_care_refresh = refresh  # type: ignore[attr-defined]
    refresh()
    daily = QTimer(window, objectName="retentionTimer", interval=DAY_MS)
    daily.timeout.connect(lambda: check_retention_soon(window))
    daily.start()
    # Soon after the first screen, not during it: on years of recordings the check would compete
    # with drawing the window. A single shot with the window as context is dropped with it.
    QTimer.singleShot(FIRST_CHECK_AFTER_MS, window, lambda: check_retention_soon(window))
    app = QCoreApplication.instance()
    if app is not None:
        # A child of the window: the connection goes when the window does.
        window.data_care_on_quit = _OnQuit(window)  # type: ignore[attr-defined]
        app.aboutToQuit.connect(window.data_care_on_quit.run)  # type: ignore[attr-defined]


class _OnQuit(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    @Slot()
    def run(self) -> None:
        start_backup_on_close(self.window)


def check_retention_soon(window: MainWindow) -> None:
    """Look for recordings past their date off the GUI thread (a school's years of recordings
    never hold up the first screen), then ask about them on it."""
    store = window.store
    if store is None or window.demo:
        return
    path = store.path

    def ask(due: list[retention.DueRecording]) -> None:
        if window.store is store and due:  # still the same data: the teacher did not switch
            ask_about_due(window, due)

    run_in_background(
        lambda: retention.due_recordings_in(path),
        on_done=ask,
        on_error=lambda _e: None,
        parent=window,
    )


def check_retention(window: MainWindow) -> int:
    """List recordings past their date; delete them after one confirmation (or automatically)."""
    store = window.store
    if store is None or window.demo:
        return 0
    return ask_about_due(window, retention.due_recordings(store))


def ask_about_due(window: MainWindow, due: list[retention.DueRecording]) -> int:
    """Ask once (unless deleting is automatic), then delete; how many recordings were deleted."""
    store = window.store
    if store is None or not due:
        return 0
    if not retention.auto_delete(store):
        listing = retention.describe_due(due[:SHOWN_AT_MOST])
        if len(due) > SHOWN_AT_MOST:
            listing += f"\n… and {len(due) - SHOWN_AT_MOST} more"
        box = QMessageBox(
            QMessageBox.Icon.Question, "Recordings past their retention date", "", parent=window
        )
        box.setObjectName("retentionQuestion")
        box.setText(
            f"<b>{plural(len(due), 'recording')} reached the end of the "
            f"{retention.retention_months(store)}-month retention period.</b>"
        )
        box.setInformativeText(
            f"Delete {'it' if len(due) == 1 else 'them'} now? Only the audio goes: the observations, stages and notes are kept, "
            "and review will say when each recording was deleted."
        )
        box.setDetailedText(listing)
        delete = box.addButton(
            f"Delete {plural(len(due), 'recording')}", QMessageBox.ButtonRole.DestructiveRole
        )
        later = box.addButton("Not now", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(later)
        box.exec()
        if box.clickedButton() is not delete:
            return 0
    deleted = retention.purge(store, due)
    window.statusBar().showMessage(
        f"{plural(deleted, 'recording')} past the retention period deleted.", 10000
    )
    return deleted


def start_backup_on_close(window: MainWindow) -> bool:
    """Start the automatic backup (its own process, so closing does not wait); True if started."""
    store = window.store
    if store is None or window.demo or auto_backup.automatic_folder(store) is None:
        return False
    return auto_backup.start_automatic_backup(store.folder) is not None
