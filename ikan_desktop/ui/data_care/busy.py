"""Run slow data work behind a small modal "working…" dialog, off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QProgressDialog, QWidget

from ikan_desktop.exchange.backup import BackupError, PassphraseNeeded
from ikan_desktop.ui.background import run_in_background


def run_busy(
    parent: QWidget,
    text: str,
    work: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[Exception], None] | None = None,
) -> QProgressDialog:
    """Show a busy dialog while `work()` runs in the background; then call back on the GUI thread."""
    dialog = QProgressDialog(text, "", 0, 0, parent)
    dialog.setObjectName("dataBusy")
    dialog.setWindowTitle("ikan-desktop")
    dialog.setCancelButton(None)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)
    dialog.show()

    def done(result: Any) -> None:
        dialog.close()
        on_done(result)

    def failed(error: Exception) -> None:
        dialog.close()
        (on_error or (lambda e: show_backup_error(parent, e)))(error)

    run_in_background(work, on_done=done, on_error=failed, parent=parent)
    return dialog


def show_backup_error(parent: QWidget | None, error: Exception) -> None:
    """A plain message for a backup problem (never a traceback)."""
    if isinstance(error, BackupError):
        title, text = error.title, error.message
    elif isinstance(error, OSError):
        title = "The files could not be read or written"
        text = f"{error.strerror or error}. Nothing in your data was changed."
    else:
        title, text = "Something went wrong", f"{error}. Nothing in your data was changed."
    box = QMessageBox(QMessageBox.Icon.Warning, "ikan-desktop", f"<b>{title}</b>", parent=parent)
    box.setObjectName("backupError")
    box.setInformativeText(text)
    box.exec()


def ask_passphrase(parent: QWidget, *, new: bool, name: str = "") -> str | None:
    """Ask for a passphrase (twice for a new one); None when the teacher cancels."""
    prompt = (
        "Choose a passphrase for this backup. Without it the backup cannot be opened, so keep "
        "it somewhere safe (not with the USB stick)."
        if new
        else f"{name} is protected by a passphrase. Type it to open the backup."
    )
    while True:
        first, ok = QInputDialog.getText(
            parent, "Backup passphrase", prompt, QLineEdit.EchoMode.Password
        )
        if not ok:
            return None
        if not first:
            prompt = "An empty passphrase protects nothing. Please type a passphrase."
            continue
        if not new:
            return first
        again, ok = QInputDialog.getText(
            parent,
            "Backup passphrase",
            "Type the same passphrase again.",
            QLineEdit.EchoMode.Password,
        )
        if not ok:
            return None
        if again == first:
            return first
        prompt = "The two passphrases were different. Please choose it again."


def with_passphrase_retry(
    parent: QWidget,
    text: str,
    name: str,
    work: Callable[[str | None], Any],
    on_done: Callable[[Any], None],
) -> None:
    """Run `work(None)`; if the backup turns out to be encrypted, ask and run `work(passphrase)`."""

    def failed(error: Exception) -> None:
        if isinstance(error, PassphraseNeeded):
            if "does not open" in error.title:
                show_backup_error(parent, error)
            passphrase = ask_passphrase(parent, new=False, name=name)
            if passphrase is not None:
                run_busy(parent, text, lambda: work(passphrase), on_done, failed)
            return
        show_backup_error(parent, error)

    run_busy(parent, text, lambda: work(None), on_done, failed)
