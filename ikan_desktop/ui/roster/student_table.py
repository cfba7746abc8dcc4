"""A lazy table model of students: rows are fetched a page at a time as the list scrolls."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, Qt

from ikan_desktop.domain.students import Student
from ikan_desktop.store import Store
from ikan_desktop.store import students as student_store
from ikan_desktop.ui.widgets.row_table import Index, RowTableModel

PAGE = 200
COLUMNS = ("Name", "Preferred name", "Class", "Year", "Time at school", "Recording consent")


def time_at_school(start: date | None, today: date | None = None) -> str:
    """'2 years 3 months' from a school start date, for the list."""
    if start is None:
        return ""
    today = today or date.today()
    months = (today.year - start.year) * 12 + today.month - start.month
    if today.day < start.day:
        months -= 1
    months = max(months, 0)
    years, rest = divmod(months, 12)
    parts = []
    if years:
        parts.append(f"{years} year{'s' if years != 1 else ''}")
    if rest or not years:
        parts.append(f"{rest} month{'s' if rest != 1 else ''}")
    return " ".join(parts)


class StudentTableModel(RowTableModel):
    """Students of one store, filtered by a search text; archived ones only when asked."""

    columns = COLUMNS

    def __init__(self, store: Store) -> None:
        super().__init__()
        self._store = store
        self._total = 0
        self._search = ""
        self._include_archived = False
        self.reload()

    def set_store(self, store: Store) -> None:
        self._store = store
        self.reload()

    def set_filter(
        self, *, search: str | None = None, include_archived: bool | None = None
    ) -> None:
        if search is not None:
            self._search = search
        if include_archived is not None:
            self._include_archived = include_archived
        self.reload()

    def reload(self) -> None:
        """Forget loaded rows and count again (after an edit or a new filter)."""
        self.beginResetModel()
        self.rows = []
        self._total = student_store.count_students(
            self._store, include_archived=self._include_archived, search=self._search
        )
        self.endResetModel()
        if self.canFetchMore(QModelIndex()):
            self.fetchMore(QModelIndex())

    @property
    def total(self) -> int:
        return self._total

    def student_at(self, row: int) -> Student:
        return self.rows[row]

    def row_of(self, student_id: str) -> int | None:
        """The row showing this student, loading further pages until found."""
        while True:
            for number, student in enumerate(self.rows):
                if student.id == student_id:
                    return number
            if not self.canFetchMore(QModelIndex()):
                return None
            self.fetchMore(QModelIndex())

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self.rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        page = list(
            student_store.iter_students(
                self._store,
                include_archived=self._include_archived,
                search=self._search,
                offset=len(self.rows),
                limit=PAGE,
            )
        )
        if not page:
            self._total = len(self.rows)
            return
        first = len(self.rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self.rows.extend(page)
        self.endInsertRows()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        student = self.rows[index.row()]
        d = student.details
        if role == Qt.ItemDataRole.DisplayRole:
            values = (
                d.name + ("  (archived)" if student.archived else ""),
                d.preferred_name,
                d.class_name,
                "" if d.year_level is None else str(d.year_level),
                time_at_school(d.school_start_date),
                f"Yes, since {d.consent_date:%d %b %Y}" if d.recording_consent else "No",
            )
            return values[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 5:
            if d.recording_consent:
                return "Interviews with this student are recorded."
            return "No recording consent: interviews run without audio."
        if role == Qt.ItemDataRole.UserRole:
            return student.id
        return None
