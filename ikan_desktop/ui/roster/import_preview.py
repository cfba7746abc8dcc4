"""The two tables of the import dialog: the file's columns with their mapping, and the preview."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
)

from ikan_desktop.exchange.roster_csv import FIELD_LABELS, RosterSheet
from ikan_desktop.ui.widgets.row_table import Index, RowTableModel
from ikan_desktop.workflows.roster_import import ImportPlan

SAMPLE_ROWS = 3
ADD, UPDATE, SAME, SKIP = "Add", "Update", "Up to date", "Skipped"
_COLOURS = {ADD: "#e3f4e1", UPDATE: "#fff4ce", SAME: "#f2f2f2", SKIP: "#fbe3e3"}


class ColumnMapping(QTableWidget):
    """One column per file column: a field chooser above a few of the file's values."""

    mapping_changed = Signal()

    def __init__(self) -> None:
        super().__init__(objectName="columnMapping")
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.choosers: list[QComboBox] = []

    def show_sheet(self, sheet: RosterSheet) -> None:
        """The header, a chooser per column preset to the suggested field, and sample rows."""
        headers = sheet.headers
        width = max(len(headers), *(len(r) for r in sheet.body[:SAMPLE_ROWS]), 1)
        self.clear()
        self.setColumnCount(width)
        self.setRowCount(1 + min(SAMPLE_ROWS, len(sheet.body)))
        self.setHorizontalHeaderLabels(
            [
                headers[i] if i < len(headers) and headers[i] else f"Column {i + 1}"
                for i in range(width)
            ]
        )
        self.choosers = []
        for column in range(width):
            chooser = QComboBox(objectName=f"mapColumn{column}")
            for field, label in FIELD_LABELS.items():
                chooser.addItem(label, field)
            suggested = sheet.mapping[column] if column < len(sheet.mapping) else ""
            chooser.setCurrentIndex(max(0, chooser.findData(suggested)))
            chooser.currentIndexChanged.connect(self.mapping_changed)
            self.setCellWidget(0, column, chooser)
            self.choosers.append(chooser)
        for row, cells in enumerate(sheet.body[:SAMPLE_ROWS], start=1):
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setForeground(QBrush(QColor("#555")))
                self.setItem(row, column, item)
        self.resizeColumnsToContents()
        for column in range(width):
            self.setColumnWidth(column, min(max(self.columnWidth(column), 150), 240))
        self.setRowHeight(0, 32)
        self.setFixedHeight(self._height())

    def mapping(self) -> tuple[str, ...]:
        """The field chosen for every column (empty for "Not imported")."""
        return tuple(chooser.currentData() for chooser in self.choosers)

    def _height(self) -> int:
        rows = sum(self.rowHeight(r) for r in range(self.rowCount()))
        scroll = self.horizontalScrollBar().sizeHint().height()
        return rows + self.horizontalHeader().height() + scroll + 4


class PreviewModel(RowTableModel):
    """Every row of the file with what the import will do with it, in file order."""

    columns = ("Will be", "Line", "Name", "Class", "Year", "Start date", "Details")

    def show_plan(self, plan: ImportPlan | None) -> None:
        self.beginResetModel()
        self.rows = _rows(plan) if plan else []
        self.endResetModel()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return row[index.column()]
        if role == Qt.ItemDataRole.BackgroundRole and index.column() == 0:
            return QBrush(QColor(_COLOURS[row[0]]))
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (1, 4):
            return Qt.AlignmentFlag.AlignCenter
        return None

    def count(self, status: str) -> int:
        return sum(1 for row in self.rows if row[0] == status)


def _rows(plan: ImportPlan) -> list[tuple[str, ...]]:
    rows: list[tuple[Any, ...]] = []
    for entry in plan.added:
        rows.append((ADD, *_entry_cells(entry), "new"))
    for update in plan.updated:
        rows.append((UPDATE, *_entry_cells(update.entry), "; ".join(update.changes)))
    for entry in plan.unchanged:
        rows.append((SAME, *_entry_cells(entry), "already in the app"))
    for skipped in plan.skipped:
        rows.append((SKIP, skipped.line, skipped.text, "", "", "", skipped.reason))
    rows.sort(key=lambda row: row[1])
    return [(status, str(line), *rest) for status, line, *rest in rows]


def _entry_cells(entry: Any) -> Sequence[Any]:
    year = "" if entry.year_level is None else str(entry.year_level)
    started = f"{entry.school_start_date:%-d %b %Y}" if entry.school_start_date else ""
    return (entry.line, entry.name, entry.class_name, year, started)


__all__ = ["ColumnMapping", "PreviewModel", "QModelIndex"]
