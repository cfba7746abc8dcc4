"""File ▸ Audit log…: who deleted, exported, backed up, restored or merged what, and when."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ikan_desktop.store import Store
from ikan_desktop.store.audit import audit_entries


def local_time(stamp: str) -> str:
    """'2026-12-07 14:05' in the computer's time zone."""
    try:
        return datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return stamp


class AuditDialog(QDialog):
    """The audit log, newest first, read-only."""

    def __init__(self, parent: QWidget | None, store: Store) -> None:
        super().__init__(parent)
        self.setObjectName("auditLog")
        self.setWindowTitle("Audit log")
        self.resize(900, 480)
        entries = audit_entries(store)
        self.table = QTableWidget(len(entries), 4, objectName="auditTable")
        self.table.setHorizontalHeaderLabels(["When", "Who", "Action", "What"])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        for row, entry in enumerate(entries):
            values = (local_time(entry.at), entry.who, entry.action, entry.what)
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(entry.detail or value)
                self.table.setItem(row, column, item)
        self.table.setColumnWidth(0, 130)
        self.table.setColumnWidth(1, 120)
        self.table.setColumnWidth(2, 90)
        self.table.horizontalHeader().setStretchLastSection(True)
        intro = QLabel(
            "Deletions, exports, backups, restores, merges and consent changes, newest first. "
            "Entries are only ever added."
        )
        intro.setWordWrap(True)
        empty = QLabel("Nothing has been recorded yet.", objectName="auditEmpty")
        empty.setVisible(not entries)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(empty)
        layout.addWidget(buttons)


class TextReport(QDialog):
    """A plain-text report (the merge report) the teacher can read and copy."""

    def __init__(self, parent: QWidget | None, title: str, text: str) -> None:
        super().__init__(parent)
        self.setObjectName("textReport")
        self.setWindowTitle(title)
        self.resize(760, 460)
        self.text = QPlainTextEdit(text, objectName="reportText")
        self.text.setReadOnly(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
