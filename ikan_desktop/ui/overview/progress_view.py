"""The class's progress over time, in the overview: each round's spread by band, and each
child's stages round by round (the class report's figures, on screen)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ikan_desktop.domain.expectations import ExpectationBand
from ikan_desktop.ui.overview.bands import BAND_FILL
from ikan_desktop.workflows.class_progress import ClassProgress

BANDS = (
    ExpectationBand.WELL_BELOW,
    ExpectationBand.BELOW,
    ExpectationBand.AT,
    ExpectationBand.ABOVE,
)


class ProgressView(QWidget):
    """Two tables: rounds by band per domain, and children's stages per round."""

    def __init__(self) -> None:
        super().__init__()
        self.rounds = _table("progressRounds")
        self.children = _table("progressChildren")
        splitter = QSplitter(Qt.Orientation.Vertical)
        self.rounds_note = QLabel()
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 4, 0, 0)
        lower_layout.addWidget(self.rounds_note)
        lower_layout.addWidget(self.children, 1)
        splitter.addWidget(self.rounds)
        splitter.addWidget(lower)
        note = QLabel(
            "A round is a school term. Each child counts once per round, at their latest stage "
            "that term. Class ▸ Class report prints these figures (and writes them as CSV)."
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(splitter, 1)

    def show_progress(self, progress: ClassProgress) -> None:
        headers = ["Domain", "Round", "Children", *(b.label for b in BANDS), "Median stage"]
        rows = [(d, s) for d in progress.domains for s in d.spreads]
        self.rounds.setColumnCount(len(headers))
        self.rounds.setHorizontalHeaderLabels(headers)
        self.rounds.setRowCount(len(rows))
        for r, (domain, one) in enumerate(rows):
            median = one.median_stage
            values = [
                domain.name,
                one.round.label,
                str(one.children),
                *(str(one.bands.get(b.value, 0)) for b in BANDS),
                "" if median is None else f"{median:g}",
            ]
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                if 3 <= c < 3 + len(BANDS) and value != "0":
                    item.setBackground(BAND_FILL[BANDS[c - 3]])
                    item.setForeground(Qt.GlobalColor.black)
                self.rounds.setItem(r, c, item)
        self.rounds.resizeColumnsToContents()
        domains = progress.domains
        self.children.setColumnCount(1 + len(domains))
        self.children.setHorizontalHeaderLabels(["Child", *(d.name for d in domains)])
        self.rounds_note.setText(
            "Each child's stage round by round ("
            + " · ".join(r.label for r in progress.rounds)
            + "); · not assessed that round."
        )
        movements = domains[0].movements if domains else ()
        self.children.setRowCount(len(movements))
        for r, child in enumerate(movements):
            self.children.setItem(r, 0, QTableWidgetItem(child.name))
            for c, domain in enumerate(domains, start=1):
                moved = domain.movements[r]
                path = " → ".join("·" if s is None else str(s) for s in moved.stages)
                gained = moved.gained
                if gained:
                    path += f"   ({'↑' if gained > 0 else '↓'}{abs(gained)})"
                self.children.setItem(r, c, QTableWidgetItem(path))
        self.children.resizeColumnsToContents()


def _table(name: str) -> QTableWidget:
    table = QTableWidget(objectName=name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    return table
