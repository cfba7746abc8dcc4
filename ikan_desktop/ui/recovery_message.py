"""The one calm message after start-up recovered interrupted interviews."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from ikan_desktop.workflows.recovery import RecoveryReport


def recovery_message_box(parent: QWidget | None, report: RecoveryReport) -> QMessageBox | None:
    """Build the message (None when there is nothing to tell): no traceback, no jargon."""
    if not report.has_news:
        return None
    box = QMessageBox(parent)
    box.setObjectName("recoveryMessage")
    box.setIcon(QMessageBox.Icon.Information)  # nothing was lost: information, not a warning
    box.setWindowTitle("ikan-desktop")
    box.setText(f"<b>{report.title}</b>")
    box.setInformativeText(report.message)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    return box


def show_recovery_message(parent: QWidget | None, report: RecoveryReport) -> None:
    """Tell the teacher, once, what start-up recovery saved; does nothing when all was well."""
    box = recovery_message_box(parent, report)
    if box is not None:
        box.exec()
