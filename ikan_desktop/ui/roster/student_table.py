"""A lazy table model of students: rows are fetched a page at a time as the list scrolls.

Beside the admin columns it shows the maths: per strategy domain the current confirmed stage
(coloured by how it compares with the expectation), the knowledge stages, the last interview,
and whether it still needs confirming. Those columns arrive just after the first frame is
painted (the framework file takes a moment to read), and each page reads only its children's
latest interviews, so the list opens as fast with ten years of history as with one.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, Qt

from ikan_desktop.domain.students import Student
from ikan_desktop.store import Store
from ikan_desktop.store import students as student_store
from ikan_desktop.ui.roster.first_paint import after_first_paint
from ikan_desktop.ui.roster.maths_columns import MathsColumns
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

    def __init__(self, store: Store, *, maths: bool = True) -> None:
        super().__init__()
        self._store = store
        self._total = 0
        self._search = ""
        self._include_archived = False
        self._sort: tuple[int, bool] | None = None  # (column, descending)
        self.maths = MathsColumns(self, len(COLUMNS))
        self.reload()
        if maths:
            after_first_paint(self.maths.load_in_background)

    @property
    def store(self) -> Store:
        return self._store

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS) + self.maths.count

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if section >= len(COLUMNS) and orientation == Qt.Orientation.Horizontal:
            return self.maths.header(section, role)
        return super().headerData(section, orientation, role)

    def set_store(self, store: Store) -> None:
        self._store = store
        self.maths.forget()
        self.reload()

    def set_filter(
        self, *, search: str | None = None, include_archived: bool | None = None
    ) -> None:
        if search is not None:
            self._search = search
        if include_archived is not None:
            self._include_archived = include_archived
        self.reload(keep_maths=True)  # a new filter changes who is listed, not their stages

    def reload(self, *, keep_maths: bool = False) -> None:
        """Forget loaded rows and count again (after an edit or a new filter)."""
        self.beginResetModel()
        self.rows = []
        if not keep_maths:
            self.maths.forget()
        self._total = student_store.count_students(
            self._store, include_archived=self._include_archived, search=self._search
        )
        self.endResetModel()
        if self._sort is not None:
            self._sort_all()
        elif self.canFetchMore(QModelIndex()):
            self.fetchMore(QModelIndex())

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by any column; -1 goes back to class then name, a page at a time."""
        descending = order == Qt.SortOrder.DescendingOrder
        if column < 0 and self._sort is None:
            return  # already in the list's own order
        self._sort = None if column < 0 else (column, descending)
        if self._sort is None:
            self.reload()
        else:
            self._sort_all()

    def _sort_all(self) -> None:
        assert self._sort is not None
        column, descending = self._sort
        self.layoutAboutToBeChanged.emit()
        while self.canFetchMore(QModelIndex()):
            self._fetch_page()
        self.rows.sort(key=lambda s: self._sort_key(s, column), reverse=descending)
        self.layoutChanged.emit()

    def _sort_key(self, student: Student, column: int) -> tuple[Any, ...]:
        name = student.details.name.casefold()
        if column >= len(COLUMNS):
            return (*self.maths.sort_key(student, column), name)
        d = student.details
        keys: tuple[Any, ...] = (
            name,
            d.preferred_name.casefold(),
            d.class_name.casefold(),
            -1 if d.year_level is None else d.year_level,
            d.school_start_date.toordinal() * -1 if d.school_start_date else 1,
            (d.recording_consent, d.consent_date.toordinal() if d.consent_date else 0),
        )
        return (keys[column], name)

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
        self._fetch_page(insert=True)

    def _fetch_page(self, *, insert: bool = False) -> list[Student]:
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
            return page
        self.maths.read(page)
        first = len(self.rows)
        if insert:
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self.rows.extend(page)
        if insert:
            self.endInsertRows()
        return page

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        student = self.rows[index.row()]
        d = student.details
        if index.column() >= len(COLUMNS):
            return self.maths.data(student, index.column(), role)
        if role == Qt.ItemDataRole.DisplayRole:
            values = (
                d.name + ("  (archived)" if student.archived else ""),
                d.preferred_name,
                d.class_name,
                "" if d.year_level is None else str(d.year_level),
                time_at_school(d.school_start_date),
                _consent_words(d.recording_consent, d.consent_date),
            )
            return values[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 5:
            if d.recording_consent:
                return "Interviews with this student are recorded."
            return "No recording consent: interviews run without audio."
        if role == Qt.ItemDataRole.UserRole:
            return student.id
        return None


def _consent_words(given: bool, since: date | None) -> str:
    """ "Yes, since 3 Feb 2026"; "Yes" when the date is not known (an import, a mangled row)."""
    if not given:
        return "No"
    return f"Yes, since {since:%d %b %Y}" if since else "Yes"
