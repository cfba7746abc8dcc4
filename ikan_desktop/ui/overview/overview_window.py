"""The class overview: every child × strategy domain, coloured by band, with change and gaps.

Double-click a cell (or press Enter on it) to open the interview behind that stage, with its
evidence, in the review window.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ikan_desktop.domain.expectations import ExpectationBand
from ikan_desktop.domain.framework import Framework, load_framework
from ikan_desktop.store.database import Store
from ikan_desktop.ui.overview.bands import BAND_FILL, band_fill, band_words
from ikan_desktop.ui.overview.progress_view import ProgressView
from ikan_desktop.ui.screen_fit import fit_to_screen
from ikan_desktop.workflows.class_progress import class_progress
from ikan_desktop.workflows.class_view import (
    ChildRow,
    ClassOverview,
    StageCell,
    class_overview,
    sorted_rows,
)

GAP_MARK = "⚠"
CHILD_WIDTH, EXPECTED_WIDTH, KNOWLEDGE_WIDTH = 200, 100, 160
DOMAIN_WIDTHS = (170, 250)  # a strategy domain's column: at least, at most
SORTS = (("stage", "stage"), ("band", "band"), ("change", "change since last round"))


class OverviewWindow(QWidget):
    """One class at a glance; asks the main window to open a child's evidence."""

    evidence_requested = Signal(str)
    groups_requested = Signal(str)
    closed = Signal()

    def __init__(self, store: Store, class_names: list[str], class_name: str) -> None:
        super().__init__()
        self.setWindowTitle("Class overview")
        fit_to_screen(self, 1180, 600)
        self._store = store
        self.framework: Framework = load_framework()
        self.overview: ClassOverview | None = None
        self.rows: list[ChildRow] = []
        self._fitted = False

        self.class_box = QComboBox(objectName="overviewClass")
        self.class_box.addItems(class_names)
        self.sort_box = QComboBox(objectName="overviewSort")
        self.sort_box.addItem("Name", ("name", None))
        for domain in self.framework.strategy_domains:
            for key, words in SORTS:
                self.sort_box.addItem(f"{domain.name}: {words}", (key, domain.id))
        self.title = QLabel(objectName="overviewTitle")
        self.title.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.table = QTableWidget(objectName="overviewGrid")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.summary = QLabel(objectName="overviewSummary")
        self.summary.setWordWrap(True)
        legend = QLabel(_legend(), objectName="overviewLegend")
        legend.setWordWrap(True)
        groups = QPushButton("Instructional &groups…", objectName="openGroups")
        evidence = QPushButton("Open &evidence", objectName="openEvidence")

        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(QLabel("&Class:", buddy=self.class_box))
        top.addWidget(self.class_box)
        top.addSpacing(12)
        top.addWidget(QLabel("&Sort by:", buddy=self.sort_box))
        top.addWidget(self.sort_box)
        bottom = QHBoxLayout()
        bottom.addWidget(legend, 1)
        bottom.addWidget(evidence)
        bottom.addWidget(groups)
        now = QWidget()
        now_layout = QVBoxLayout(now)
        now_layout.setContentsMargins(0, 0, 0, 0)
        now_layout.addWidget(self.table, 1)
        now_layout.addWidget(self.summary)
        now_layout.addLayout(bottom)
        self.progress = ProgressView()
        self.tabs = QTabWidget(objectName="overviewTabs")
        self.tabs.addTab(now, "&Now")
        self.tabs.addTab(self.progress, "Over &time")
        self.tabs.currentChanged.connect(lambda _i: self._show_progress())
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)

        self.class_box.setCurrentText(class_name)
        self.class_box.currentTextChanged.connect(lambda _name: self.reload())
        self.sort_box.currentIndexChanged.connect(lambda _i: self._fill())
        self.table.cellDoubleClicked.connect(self._open_cell)
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.table, self._open_current)
        QShortcut(QKeySequence(Qt.Key.Key_Enter), self.table, self._open_current)
        QShortcut(QKeySequence.StandardKey.Close, self, self.close)
        evidence.clicked.connect(self._open_current)
        groups.clicked.connect(lambda: self.groups_requested.emit(self.class_box.currentText()))
        self.reload()

    def reload(self) -> None:
        """Read the chosen class again (after a review confirms a stage, say)."""
        name = self.class_box.currentText()
        self.overview = class_overview(self._store, name, framework=self.framework)
        self._progress_for = ""
        self._fill()
        self._show_progress()

    def _show_progress(self) -> None:
        """Read the class's history when the Over time tab is shown (not before)."""
        name = self.class_box.currentText()
        if self.tabs.currentWidget() is self.progress and self._progress_for != name:
            progress = class_progress(self._store, name, framework=self.framework)
            self.progress.show_progress(progress)
            self._progress_for = name

    def cell_at(self, row: int, column: int) -> StageCell | None:
        domains = self.framework.strategy_domain_ids
        if not 0 <= row < len(self.rows) or not 1 <= column <= len(domains):
            return None
        return self.rows[row].cell(domains[column - 1])

    def _fill(self) -> None:
        assert self.overview is not None
        key, domain_id = self.sort_box.currentData() or ("name", None)
        self.rows = sorted_rows(self.overview, by=key, domain_id=domain_id)
        domains = self.framework.strategy_domains
        headers = ["Child", *(d.name for d in domains), "Expected now", "Knowledge"]
        self.table.clear()
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            self.table.setItem(r, 0, QTableWidgetItem(row.student.name))
            for c, domain in enumerate(domains, start=1):
                self.table.setItem(r, c, self._stage_item(row.cell(domain.id)))
            expected = next((cell.expected for cell in row.cells if cell.expected), "")
            self.table.setItem(r, len(domains) + 1, QTableWidgetItem(expected))
            self.table.setItem(r, len(domains) + 2, self._knowledge_item(row))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self._fit_columns()
        count = len(self.rows)
        self.title.setText(
            f"{self.overview.class_name}: {count} child{'ren' if count != 1 else ''}"
        )
        self.summary.setText(self._summary())

    def _fit_columns(self) -> None:
        """The domains share what the grid's width leaves after the child, the expected stage
        and the knowledge, so Knowledge shows without scrolling on a laptop at 125 %."""
        domains = len(self.framework.strategy_domains)
        room = self.table.viewport().width() - CHILD_WIDTH - EXPECTED_WIDTH - KNOWLEDGE_WIDTH
        width = max(DOMAIN_WIDTHS[0], min(DOMAIN_WIDTHS[1], room // max(1, domains)))
        self.table.setColumnWidth(0, CHILD_WIDTH)
        for c in range(1, domains + 1):
            self.table.setColumnWidth(c, width)
        self.table.setColumnWidth(domains + 1, EXPECTED_WIDTH)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._fitted:  # once, at the size the window opened at; the teacher may drag
            self._fitted = True
            self._fit_columns()

    def _stage_item(self, cell: StageCell) -> QTableWidgetItem:
        if cell.stage is None:
            item = QTableWidgetItem("not yet")
            item.setForeground(Qt.GlobalColor.darkGray)
            item.setToolTip("No confirmed stage in this domain yet.")
            return item
        abbreviation = self.framework.stage(cell.stage.stage).abbreviation
        text = f"{cell.stage.text} {abbreviation} · {cell.stage_name}"
        marks = " ".join(
            m for m in (cell.change_text, GAP_MARK if cell.knowledge_behind else "") if m
        )
        item = QTableWidgetItem(f"{marks}  {text}" if marks else text)
        fill = band_fill(cell.band)
        if fill is not None:
            item.setBackground(fill)
            item.setForeground(Qt.GlobalColor.black)
        lines = [
            f"Stage {cell.stage.text}: {cell.stage_name}, confirmed {cell.stage.on:%d %b %Y}",
            f"{band_words(cell.band).capitalize()}"
            + (f" (expected now: {cell.expected})" if cell.expected else ""),
        ]
        if cell.change is not None:
            lines.append(f"Change since the previous round: {cell.change_text}")
        if cell.knowledge_behind:
            names = ", ".join(
                self.framework.knowledge_domain(k).name.lower() for k in cell.knowledge_behind
            )
            lines.append(f"{GAP_MARK} Knowledge behind this stage: {names}")
        lines.append("Double-click to open the interview and its evidence.")
        item.setToolTip("\n".join(lines))
        return item

    def _knowledge_item(self, row: ChildRow) -> QTableWidgetItem:
        parts = [
            f"{_initials(d.name)} {row.knowledge[d.id]}"
            for d in self.framework.knowledge_domains
            if d.id in row.knowledge
        ]
        item = QTableWidgetItem(" · ".join(parts))
        item.setToolTip(
            "\n".join(
                f"{d.name}: stage {row.knowledge[d.id]}"
                for d in self.framework.knowledge_domains
                if d.id in row.knowledge
            )
            or "No knowledge check confirmed yet"
        )
        return item

    def _summary(self) -> str:
        parts = []
        for domain in self.framework.strategy_domains:
            counts = {band: 0 for band in ExpectationBand}
            moved = 0
            for row in self.rows:
                cell = row.cell(domain.id)
                if cell.band is not None:
                    counts[cell.band] += 1
                if cell.change:
                    moved += cell.change > 0
            text = " · ".join(f"{counts[b]} {band_words(b)}" for b in reversed(ExpectationBand))
            parts.append(f"<b>{domain.name}</b>: {text}; {moved} moved up since the last round")
        return "<br>".join(parts)

    def _open_current(self) -> None:
        self._open_cell(self.table.currentRow(), self.table.currentColumn())

    def _open_cell(self, row: int, column: int) -> None:
        cell = self.cell_at(row, column)
        if cell is not None and cell.stage is not None and cell.stage.session_id:
            self.evidence_requested.emit(cell.stage.session_id)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closed.emit()
        super().closeEvent(event)


def _legend() -> str:
    """The colour key; each entry keeps its words together when the line wraps."""

    def whole(text: str) -> str:
        return text.replace(" ", "&nbsp;")

    swatches = " ".join(
        f"<span style='background:{BAND_FILL[b].name()}'>&nbsp;{whole(band_words(b))}&nbsp;</span>"
        for b in reversed(ExpectationBand)
    )
    gained = whole("↑ stages gained since the last round")
    return f"{swatches} &nbsp; {gained} &nbsp; {whole(f'{GAP_MARK} knowledge behind')}"


def _initials(name: str) -> str:
    return "".join(word[0].upper() for word in name.replace(",", " ").split() if word[0].isalpha())
