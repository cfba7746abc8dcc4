"""The student list's maths columns: stage per strategy domain, knowledge, last interview, status.

The framework, and the standing of the children already listed, are read on a worker thread
(on a read-only connection of its own) once the first frame is painted; until then the list
shows its admin columns only, and the window stays responsive however long the school's history.
Each child's standing is read once: children listed later are read when their row is loaded.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QItemSelectionModel, QModelIndex, Qt
from PySide6.QtWidgets import QTableView
from shiboken6 import isValid

from ikan_desktop.domain.students import Student
from ikan_desktop.ui.background import run_in_background

if TYPE_CHECKING:  # the columns' machinery loads with the framework, after the first frame
    from ikan_desktop.domain.framework_records import Framework
    from ikan_desktop.workflows.class_view import ListStanding

NOT_INTERVIEWED = "Not yet interviewed"
TO_CONFIRM = "To confirm"
TAIL = ("Knowledge", "Last interview", "Status")
TAIL_WIDTH = 115
DOMAIN_WIDTHS = (130, 190)  # a strategy domain's column: at least, at most


class MathsColumns:
    """The extra columns of a student table model, after its own `first` columns."""

    def __init__(self, model: QAbstractTableModel, first: int) -> None:
        self._model = model
        self._first = first
        self.framework: Framework | None = None
        self._standing: dict[str, ListStanding] = {}
        self._today = date.today()
        self._generation = 0  # counts `forget`s, so a read begun before one is not used after

    @property
    def count(self) -> int:
        if self.framework is None:
            return 0
        return len(self.framework.strategy_domain_ids) + len(TAIL)

    def load_in_background(self) -> None:
        """Read the framework and the listed children's standing off the GUI thread, then add
        the columns."""
        students: list[Student] = list(getattr(self._model, "rows", []))
        path: Path = self._model.store.path  # type: ignore[attr-defined]
        today, generation = self._today, self._generation

        def work() -> tuple[Framework, dict[str, ListStanding], int]:
            framework = _read_framework()
            return framework, _read_standing(path, students, framework, today), generation

        run_in_background(
            work, on_done=lambda found: self.attach(*found), on_error=lambda _error: None
        )

    def attach(
        self,
        framework: Framework,
        standing: dict[str, ListStanding] | None = None,
        generation: int | None = None,
    ) -> None:
        """Add the columns for this framework, with any standing already read for them."""
        if self.framework is not None or not isValid(self._model):
            return  # already there, or the list was closed while the framework was read
        if standing and generation == self._generation:  # the data has not changed since
            self._standing.update(standing)
        rows: list[Student] = getattr(self._model, "rows", [])
        self.framework = framework
        try:
            self.read(rows)  # children listed while the worker read (usually none)
        except sqlite3.ProgrammingError:  # the data was closed meanwhile (the app is closing)
            self.framework = None
            return
        count = self.count
        self.framework = None
        self._model.beginInsertColumns(QModelIndex(), self._first, self._first + count - 1)
        self.framework = framework
        self._model.endInsertColumns()

    def forget(self) -> None:
        self._standing.clear()
        self._today = date.today()
        self._generation += 1

    def read(self, students: Iterable[Student]) -> None:
        """Read the standing of these children (their latest interviews only)."""
        if self.framework is None:
            return
        from ikan_desktop.workflows.class_view import list_standing

        store = self._model.store  # type: ignore[attr-defined]
        for student in students:
            if student.id not in self._standing:
                self._standing[student.id] = list_standing(
                    store, student, self.framework, self._today
                )

    def standing(self, student: Student) -> ListStanding | None:
        return self._standing.get(student.id)

    def header(self, section: int, role: int) -> Any:
        if self.framework is None:
            return None
        domains = self.framework.strategy_domains
        column = section - self._first
        if role == Qt.ItemDataRole.DisplayRole:
            if column < len(domains):
                return domains[column].name.split(" ")[0]
            return TAIL[column - len(domains)]
        if role == Qt.ItemDataRole.ToolTipRole and column < len(domains):
            return f"Current confirmed stage in {domains[column].name.lower()}"
        return None

    def data(self, student: Student, section: int, role: int) -> Any:
        standing = self._standing.get(student.id)
        if standing is None or self.framework is None:
            return None
        domains = self.framework.strategy_domain_ids
        column = section - self._first
        if column < len(domains):
            return self._stage_data(standing, domains[column], role)
        tail = TAIL[column - len(domains)]
        recent = standing.recent
        if role == Qt.ItemDataRole.DisplayRole:
            if tail == "Knowledge":
                return self._knowledge_text(standing)
            if tail == "Last interview":
                return f"{recent.last_interview:%d %b %Y}" if recent.last_interview else ""
            return status_text(standing)
        if role == Qt.ItemDataRole.ToolTipRole and tail == "Knowledge":
            return self._knowledge_tooltip(standing)
        return None

    def sort_key(self, student: Student, section: int) -> tuple[Any, ...]:
        standing = self._standing.get(student.id)
        assert self.framework is not None
        if standing is None:
            return (-1,)
        domains = self.framework.strategy_domain_ids
        column = section - self._first
        if column < len(domains):
            cell = standing.cells.get(domains[column])
            if cell is None or cell.stage is None:
                return (-1, -1)
            return (cell.stage.value.rank, cell.band.order if cell.band else -1)
        tail = TAIL[column - len(domains)]
        recent = standing.recent
        if tail == "Knowledge":
            known = [s.stage for s in recent.knowledge.values()]
            return (min(known) if known else -1, sum(known))
        if tail == "Last interview":
            return (recent.last_interview.toordinal() if recent.last_interview else 0,)
        return (status_text(standing),)

    def _stage_data(self, standing: ListStanding, domain_id: str, role: int) -> Any:
        from ikan_desktop.ui.overview.bands import band_fill, band_words  # after the first frame

        cell = standing.cells.get(domain_id)
        if cell is None or cell.stage is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{cell.stage.text} · {cell.stage_name}"
        if role == Qt.ItemDataRole.BackgroundRole:
            return band_fill(cell.band)
        if role == Qt.ItemDataRole.ForegroundRole and cell.band is not None:
            return Qt.GlobalColor.black
        if role == Qt.ItemDataRole.ToolTipRole:
            expected = f"; expected now: stage {cell.expected}" if cell.expected else ""
            return (
                f"Stage {cell.stage.text}: {cell.stage_name}, confirmed "
                f"{cell.stage.on:%d %b %Y} — {band_words(cell.band)}{expected}"
            )
        return None

    def _knowledge_text(self, standing: ListStanding) -> str:
        assert self.framework is not None
        parts = [
            f"{_initials(d.name)} {standing.recent.knowledge[d.id].stage}"
            for d in self.framework.knowledge_domains
            if d.id in standing.recent.knowledge
        ]
        return " · ".join(parts)

    def _knowledge_tooltip(self, standing: ListStanding) -> str:
        assert self.framework is not None
        lines = [
            f"{d.name}: stage {standing.recent.knowledge[d.id].stage}"
            for d in self.framework.knowledge_domains
            if d.id in standing.recent.knowledge
        ]
        return "\n".join(lines) or "No knowledge check confirmed yet"


def _read_framework() -> Framework:
    # Imported here: reading the framework pulls in YAML and JSON Schema, which start-up skips.
    from ikan_desktop.domain.framework import load_framework

    return load_framework()


def _read_standing(
    path: Path, students: list[Student], framework: Framework, today: date
) -> dict[str, ListStanding]:
    from ikan_desktop.store.database import reading_connection
    from ikan_desktop.workflows.class_view import list_standing

    with reading_connection(path) as reader:
        return {s.id: list_standing(reader, s, framework, today) for s in students}


def status_text(standing: ListStanding) -> str:
    """ "Not yet interviewed", "To confirm" (the latest interview has no confirmed stage) or ""."""
    if not standing.recent.interviewed:
        return NOT_INTERVIEWED
    return TO_CONFIRM if standing.recent.to_confirm else ""


def fit_table(table: QTableView) -> None:
    """Let the columns sort from their headers, starting in the list's own order (class, name)."""
    header = table.horizontalHeader()
    header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    table.setWordWrap(False)  # one line per child; the tooltip has the whole stage name
    table.setColumnWidth(5, 150)
    table.setSortingEnabled(True)
    model = table.model()

    def place(_parent: QModelIndex, first: int, last: int) -> None:
        if not isValid(table):
            return  # the columns arrived after the list's window was closed
        # The maths right after the name, where a teacher looks first; admin columns after.
        # The domains share what the list's width leaves after the name and the last three
        # columns, so Status shows without scrolling (the tooltip holds a whole stage name).
        domains = last - first + 1 - len(TAIL)
        room = table.viewport().width() - table.columnWidth(0) - len(TAIL) * TAIL_WIDTH
        width = max(DOMAIN_WIDTHS[0], min(DOMAIN_WIDTHS[1], room // max(1, domains)))
        for offset, column in enumerate(range(first, last + 1)):
            header.moveSection(header.visualIndex(column), 1 + offset)
            table.setColumnWidth(column, width if column <= last - len(TAIL) else TAIL_WIDTH)
        # A row chosen before the columns came must stay wholly selected, or it no longer
        # counts as the chosen student.
        selection = table.selectionModel()
        for row in {index.row() for index in selection.selectedIndexes()}:
            selection.select(
                model.index(row, 0),
                QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
            )

    model.columnsInserted.connect(place)


def _initials(name: str) -> str:
    return "".join(word[0].upper() for word in name.replace(",", " ").split() if word[0].isalpha())
