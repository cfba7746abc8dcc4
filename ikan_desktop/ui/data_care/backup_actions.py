"""File ▸ Back up…, Restore… and Merge a colleague's backup…: dialogs around the backup workflows."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ikan_desktop.exchange.backup import SUFFIX
from ikan_desktop.store import Store, open_store
from ikan_desktop.ui.data_care.busy import (
    ask_passphrase,
    run_busy,
    show_backup_error,
    with_passphrase_retry,
)
from ikan_desktop.workflows import backup

if TYPE_CHECKING:
    from ikan_desktop.ui.main_window import MainWindow

FILTER = f"ikan-desktop backups (*{SUFFIX})"


def back_up(window: MainWindow) -> None:
    """Ask where, whether to protect it with a passphrase, then write the backup off the GUI thread."""
    store = window.store
    suggested = str(Path.home() / backup.default_backup_name())
    chosen, _filter = QFileDialog.getSaveFileName(window, "Back up", suggested, FILTER)
    if not chosen:
        return
    target = Path(chosen if chosen.endswith(SUFFIX) else chosen + SUFFIX)
    asked = chosen.endswith(SUFFIX)  # the dialog asked before replacing exactly this file
    protect = QMessageBox.question(
        window,
        "Protect this backup?",
        "Protect the backup with a passphrase? Then a lost USB stick does not give away the "
        "children's recordings. Without the passphrase the backup cannot be opened.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    passphrase = None
    if protect == QMessageBox.StandardButton.Yes:
        passphrase = ask_passphrase(window, new=True)
        if passphrase is None:
            return
    folder = store.folder

    def done(result: backup.BackupDone) -> None:
        backup.record_backup(store, result)
        window.statusBar().showMessage(result.message, 15000)
        refresh = getattr(window, "data_care_refresh", None)
        if refresh:
            refresh()

    run_busy(
        window,
        "Backing up…",
        lambda: backup.make_backup(folder, target, passphrase=passphrase, overwrite=asked),
        done,
    )


def restore(window: MainWindow) -> None:
    """Check a backup, ask before replacing the current data (kept aside), then restore it."""
    if window.demo:
        QMessageBox.information(
            window, "Restore", "Go back to your own students first (File ▸ Back to my students)."
        )
        return
    chosen, _filter = QFileDialog.getOpenFileName(
        window, "Restore a backup", str(Path.home()), FILTER
    )
    if not chosen:
        return
    path = Path(chosen)
    found: dict[str, str | None] = {}

    def check(passphrase: str | None) -> backup.BackupCheck:
        found["passphrase"] = passphrase
        return backup.verify_backup(path, passphrase=passphrase, scratch_in=window.home_folder)

    with_passphrase_retry(
        window,
        "Checking the backup…",
        path.name,
        check,
        lambda result: _confirm_and_restore(window, path, result, found.get("passphrase")),
    )


def _confirm_and_restore(
    window: MainWindow, path: Path, check: backup.BackupCheck, passphrase: str | None
) -> None:
    folder = window.home_folder
    made = check.manifest.created_at[:16].replace("T", " at ")
    answer = QMessageBox.question(
        window,
        "Replace your data with this backup?",
        f"The backup {path.name} was made on {made} and holds {check.students} students and "
        f"{check.sessions} interviews; every checksum matches.\n\n"
        f"Restoring replaces everything now in {folder}. The current data is not deleted: it is "
        f"moved aside to a folder named “{folder.name}.before-restore-…” beside it.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return
    try:
        backup.refuse_if_in_use(folder)
    except backup.BackupError as error:
        show_backup_error(window, error)
        return
    window.close_store()

    def reopen(result: backup.RestoreDone | None) -> None:
        window.switch_to(demo=False)
        if result is not None:
            QMessageBox.information(window, "Restored", result.message)

    def failed(error: Exception) -> None:
        show_backup_error(window, error)
        reopen(None)

    run_busy(
        window,
        "Restoring…",
        lambda: backup.restore_backup(path, folder, replace=True, passphrase=passphrase),
        reopen,
        failed,
    )


def merge(window: MainWindow) -> None:
    """Merge one or more colleagues' backups into the open data, then show the merge report."""
    chosen, _filter = QFileDialog.getOpenFileNames(
        window, "Merge a colleague's backup", str(Path.home()), FILTER
    )
    if not chosen:
        return
    _merge_next(window, window.store, [Path(p) for p in chosen], [])


def _merge_next(window: MainWindow, store: Store, paths: list[Path], reports: list[str]) -> None:
    from ikan_desktop.workflows.merge import merge_backup

    if not paths:
        _show_report(window, "\n\n".join(reports))
        window.roster.reload()
        return
    path, rest = paths[0], paths[1:]
    folder = store.folder

    def work(passphrase: str | None) -> object:
        # Its own connection: the app's stays with the GUI thread, which may read meanwhile.
        with open_store(folder) as own:
            return merge_backup(own, path, passphrase=passphrase)

    with_passphrase_retry(
        window,
        f"Merging {path.name}…",
        path.name,
        work,
        lambda result: _merge_next(window, store, rest, [*reports, result.report()]),
    )


def _show_report(parent: QWidget, text: str) -> None:
    from ikan_desktop.ui.data_care.audit_dialog import TextReport

    TextReport(parent, "Merge report", text).exec()
