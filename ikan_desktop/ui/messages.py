"""Dialogs that explain a problem to a teacher: what happened, what is safe, what to do."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from ikan_desktop.store import StoreError


def show_store_error(parent: QWidget | None, error: StoreError) -> None:
    """A calm, specific message for a database that cannot be opened."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("ikan-desktop")
    box.setText(f"<b>{error.title}</b>")
    box.setInformativeText(error.message)
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    box.setObjectName("storeError")
    box.exec()


def unreadable_summary(notes: list[str]) -> str:
    """One status-bar line for stored values that could not be read (shown as unknown)."""
    more = f" (and {len(notes) - 1} more)" if len(notes) > 1 else ""
    return f"Some saved details could not be read: {notes[0]}{more}."
