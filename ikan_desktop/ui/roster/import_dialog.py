"""Import a class list: the file's columns and how they map, a preview of every row, then import.

Nothing is written until the teacher presses Import. The file is read, and the import written,
off the GUI thread; the preview follows every change of mapping, class or date order at once.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ikan_desktop.audio.signals import emit_safely
from ikan_desktop.domain.dates import DAY_FIRST, MONTH_FIRST, UnreadableDate, parse_date
from ikan_desktop.exchange.roster_csv import RosterSheet, mapping_problem
from ikan_desktop.store import Store
from ikan_desktop.ui.background import run_in_background
from ikan_desktop.ui.roster.import_preview import ADD, SKIP, UPDATE, ColumnMapping, PreviewModel
from ikan_desktop.ui.widgets.row_table import row_table
from ikan_desktop.workflows import roster_import
from ikan_desktop.workflows.roster import class_names

FILE_FILTER = "Class lists (*.csv *.tsv *.txt *.xlsx);;All files (*)"
_NOTE = "color: #7a5300; background: #fff4ce; padding: 4px 8px; border-radius: 4px;"
_PROBLEM = "color: #a40000;"


def choose_roster_file(parent: QWidget | None) -> Path | None:
    """Ask for the school system's export; None when the teacher cancels."""
    name, _ = QFileDialog.getOpenFileName(
        parent, "Import a class list", str(Path.home()), FILE_FILTER
    )
    return Path(name) if name else None


class ImportDialog(QDialog):
    """The whole import in one window; `imported` carries how many were added and updated."""

    imported = Signal(int, int)

    def __init__(self, parent: QWidget | None, store: Store) -> None:
        super().__init__(parent)
        self.store = store
        self.sheet: RosterSheet | None = None
        self.plan: roster_import.ImportPlan | None = None
        self.order_chosen = False
        self.setWindowTitle("Import a class list")
        self._fit_screen(parent)

        self.file_label = QLabel("Reading the file…", objectName="importFile", wordWrap=True)
        self.other_file = QPushButton("Choose another &file…", objectName="otherFile")
        self.class_name = QComboBox(objectName="importClass", editable=True)
        self.class_name.addItems(["", *class_names(store)])
        self.class_name.lineEdit().setPlaceholderText("As in the file's class column")
        self.date_order = QComboBox(objectName="dateOrder")
        self.date_order.addItem("Day first: 3/2/2024 is 3 February (NZ)", DAY_FIRST)
        self.date_order.addItem("Month first: 3/2/2024 is March 2 (US)", MONTH_FIRST)
        self.date_order.setPlaceholderText("Choose: day first or month first?")
        self.date_note = QLabel(objectName="dateNote", wordWrap=True)
        self.date_note.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.mapping = ColumnMapping()
        self.summary = QLabel(objectName="importSummary")
        self.summary.setStyleSheet("font-weight: 600;")
        self.model = PreviewModel()
        self.preview = row_table("importPreview", self.model, (90, 50, 220, 110, 50, 100))
        self.problem = QLabel(objectName="importProblem", wordWrap=True)
        self.problem.setStyleSheet(_PROBLEM)
        self.problem.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(
            "&Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setObjectName("importButton")
        self.import_button.setEnabled(False)

        top = QHBoxLayout()
        top.addWidget(self.file_label, 1)
        top.addWidget(self.other_file)
        options = QFormLayout()
        options.addRow("Put everyone in &class", self.class_name)
        options.addRow("&Dates in this file", self.date_order)
        options.addRow("", self.date_note)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(options)
        layout.addWidget(
            QLabel("<b>Columns</b> — change what a column holds if it was not recognised:")
        )
        layout.addWidget(self.mapping)
        layout.addWidget(self.summary)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

        self.other_file.clicked.connect(self._choose_other)
        self._typing = QTimer(self, singleShot=True, interval=250)  # preview once typing pauses
        self._typing.timeout.connect(self.replan)
        self.class_name.currentTextChanged.connect(lambda _text: self._typing.start())
        self.date_order.activated.connect(self._order_chosen)
        self.mapping.mapping_changed.connect(self.replan)
        self.buttons.rejected.connect(self.reject)
        self.import_button.clicked.connect(self._commit)

    def _fit_screen(self, parent: QWidget | None) -> None:
        """As large as is useful, never larger than the screen (1366×728 at 125 % too)."""
        screen = (parent.screen() if parent else None) or QGuiApplication.primaryScreen()
        room = screen.availableGeometry()
        self.resize(min(1040, room.width() - 40), min(660, room.height() - 60))

    # ----- the file -------------------------------------------------------------------------
    def load(self, path: Path) -> None:
        """Read the file off the GUI thread; the preview appears when it is read."""
        self.file_label.setText(f"Reading <b>{path.name}</b>…")
        self._busy(True)
        run_in_background(
            lambda: roster_import.load_roster(path),
            on_done=self.show_sheet,
            on_error=lambda error: self._file_failed(path, error),
            parent=self,
        )

    def show_sheet(self, sheet: RosterSheet) -> None:
        """The file is read: show its columns, decide the date order, preview."""
        self._busy(False)
        self.sheet = sheet
        rows = len(sheet.body)
        self.file_label.setText(
            f"<b>{sheet.name}</b> — {rows} row{'s' if rows != 1 else ''} under the header on "
            f"line {sheet.header_line} ({sheet.table.description})"
        )
        self.mapping.show_sheet(sheet)
        self.order_chosen = False
        decided = roster_import.decide_date_order(self.store, sheet, sheet.mapping, None)
        self.date_order.setCurrentIndex(self.date_order.findData(decided[0]) if decided else -1)
        self.replan()

    def _file_failed(self, path: Path, error: Exception) -> None:
        self._busy(False)
        self.sheet = None
        self.file_label.setText(f"<b>{path.name}</b> could not be imported.")
        self.mapping.setRowCount(0)
        self.mapping.setColumnCount(0)
        self.model.show_plan(None)
        self.summary.clear()
        if isinstance(error, roster_import.TableFileError):
            self._show_problem(f"{error} Nothing was imported; choose another file.")
        else:
            self._show_problem(f"{path.name} could not be read ({error}). Nothing was imported.")

    def _choose_other(self) -> None:
        path = choose_roster_file(self)
        if path:
            self.load(path)

    # ----- the preview ----------------------------------------------------------------------
    def _order_chosen(self, _index: int) -> None:
        self.order_chosen = True
        self.replan()

    def replan(self) -> None:
        """Preview again with the current mapping, class and date order."""
        if self.sheet is None:
            return
        mapping = self.mapping.mapping()
        order = self.date_order.currentData() if self.date_order.currentIndex() >= 0 else None
        problem = mapping_problem(mapping)
        self.plan = None
        if problem:
            self._show_problem(problem)
        else:
            try:
                self.plan = roster_import.plan_import(
                    self.store,
                    self.sheet,
                    mapping=mapping,
                    date_order=order if self.order_chosen else None,
                    class_name=self.class_name.currentText(),
                )
            except roster_import.DateOrderNeeded as needed:
                self._show_problem("Choose how this file writes its dates (above).")
                self._note(
                    f"Dates such as {needed.example} could be read either way "
                    f"({_both_ways(needed.example)}). Choose how this file writes them; the app "
                    "remembers your choice."
                )
            else:
                self.problem.hide()
                self._note("" if self.order_chosen else self.plan.date_order_reason)
        self.model.show_plan(self.plan)
        self._show_summary()

    def _show_summary(self) -> None:
        plan = self.plan
        if plan is None:
            self.summary.clear()
            self.import_button.setEnabled(False)
            return
        adding, updating = len(plan.added), len(plan.updated)
        parts = [
            f"{adding} to add",
            f"{updating} to update",
            f"{len(plan.unchanged)} already up to date",
        ]
        parts.append(
            f"{len(plan.skipped)} skipped (see the reasons below)"
            if plan.skipped
            else "none skipped"
        )
        if plan.new_classes:
            parts.append("new class: " + ", ".join(plan.new_classes))
        self.summary.setText(" · ".join(parts))
        self.import_button.setEnabled(adding + updating > 0)
        self.import_button.setText(_import_words(adding, updating))
        self.import_button.setDefault(True)

    def _note(self, text: str) -> None:
        self.date_note.setText(text)
        self.date_note.setStyleSheet(_NOTE if "either way" in text else "color: #555;")
        self.date_note.setVisible(bool(text))

    def _show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()

    # ----- the import -----------------------------------------------------------------------
    def _commit(self) -> None:
        plan = self.plan
        if plan is None:
            return
        self._busy(True)
        if self.order_chosen:
            roster_import.remember_date_order(self.store, plan.date_order)
        run_in_background(
            lambda: roster_import.commit_import(self.store, plan),
            on_done=lambda _ids: self._committed(plan),
            on_error=self._commit_failed,
            parent=self,
        )

    def _committed(self, plan: roster_import.ImportPlan) -> None:
        self._busy(False)
        emit_safely(self.imported, len(plan.added), len(plan.updated))
        self.accept()

    def _commit_failed(self, error: Exception) -> None:
        self._busy(False)
        self._show_problem(
            f"The class list could not be saved ({error}). Nothing was imported: the import is "
            "all or nothing. Try again, or restart the app."
        )

    def _busy(self, busy: bool) -> None:
        for widget in (self.import_button, self.other_file, self.mapping, self.date_order):
            widget.setEnabled(not busy)
        self.class_name.setEnabled(not busy)
        if busy:
            self.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.unsetCursor()
            self._show_summary()


def _both_ways(example: str) -> str:
    try:
        day_first, month_first = parse_date(example, DAY_FIRST), parse_date(example, MONTH_FIRST)
    except UnreadableDate:
        return "day or month first"
    return f"{day_first:%-d %B %Y} or {month_first:%-d %B %Y}"


def _import_words(adding: int, updating: int) -> str:
    if not adding and not updating:
        return "Nothing to import"
    if adding and updating:
        return f"&Import: add {adding}, update {updating}"
    if updating:
        return f"&Update {updating} student{'s' if updating != 1 else ''}"
    return f"&Import {adding} student{'s' if adding != 1 else ''}"


__all__ = ["ADD", "SKIP", "UPDATE", "ImportDialog", "choose_roster_file"]
