"""Export results for the school system: choose the class, the dates and the shape, then save.

Interviews that are finished but not confirmed are listed, so the teacher can confirm them
before exporting; only confirmed stages ever leave the app. The save dialog asks before it
replaces a file.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ikan_desktop.audio.signals import emit_safely
from ikan_desktop.domain.dates import UnreadableDate, parse_date
from ikan_desktop.exchange.results_csv import FULL, NZ_SMS
from ikan_desktop.store import Store
from ikan_desktop.store.database import reading_connection
from ikan_desktop.store.settings import get_setting
from ikan_desktop.ui.background import run_in_background
from ikan_desktop.workflows import results_export
from ikan_desktop.workflows.roster import DATE_ORDER_SETTING, class_names


class ResultsDialog(QDialog):
    """Export results: what will go out, what is held back, and where it is saved."""

    review_requested = Signal(str)

    def __init__(self, parent: QWidget | None, store: Store, *, class_name: str = "") -> None:
        super().__init__(parent)
        self.store = store
        self.export: results_export.ResultsExport | None = None
        self.saved: Path | None = None
        self.setWindowTitle("Export results for the school system")
        self.resize(620, 480)

        self.class_name = QComboBox(objectName="resultsClass")
        self.class_name.addItem("All classes", "")
        for name in class_names(store):
            self.class_name.addItem(name, name)
        self.class_name.setCurrentIndex(max(0, self.class_name.findData(class_name)))
        self.since = QLineEdit(
            objectName="resultsSince", placeholderText="Every date (or e.g. 1 Feb 2026)"
        )
        self.preset = QComboBox(objectName="resultsPreset")
        self.preset.addItem("Every column (stages, qualifiers, knowledge, expectation)", FULL)
        self.preset.addItem("NZ school system: student ID, date, GloSS form, stages", NZ_SMS)
        self.summary = QLabel(objectName="resultsSummary", wordWrap=True)
        self.summary.setStyleSheet("font-weight: 600;")
        self.held_label = QLabel(
            "Finished but not confirmed yet, so not exported. Open one (double-click) to review "
            "and confirm it, then export again:",
            wordWrap=True,
        )
        self.held = QListWidget(objectName="unconfirmedRounds")
        self.problem = QLabel(objectName="resultsProblem", wordWrap=True)
        self.problem.setStyleSheet("color: #a40000;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save_button = self.buttons.addButton(
            "&Save CSV…", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setObjectName("saveResults")

        form = QFormLayout()
        form.addRow("&Class", self.class_name)
        form.addRow("&From", self.since)
        form.addRow("S&hape", self.preset)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.held_label)
        layout.addWidget(self.held, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

        self.class_name.currentIndexChanged.connect(lambda _i: self.refresh())
        self.since.editingFinished.connect(self.refresh)
        self.held.itemActivated.connect(
            lambda item: emit_safely(self.review_requested, item.data(Qt.ItemDataRole.UserRole))
        )
        self.buttons.rejected.connect(self.reject)
        self.save_button.clicked.connect(self._choose_and_save)
        self.refresh()

    def refresh(self) -> None:
        """Gather the results again (off the GUI thread) for the chosen class and dates."""
        try:
            since = self._since()
        except UnreadableDate as error:
            self._problem(str(error))
            return
        self._problem("")
        self.save_button.setEnabled(False)
        self.summary.setText("Gathering the confirmed results…")
        name = self.class_name.currentData()
        run_in_background(
            lambda: self._gather(name, since),
            on_done=self.show_export,
            on_error=lambda error: self._problem(f"The results could not be read ({error})."),
            parent=self,
        )

    def _gather(self, name: str, since: date | None) -> results_export.ResultsExport:
        with reading_connection(self.store.path) as reader:
            return results_export.gather_results(reader, class_name=name, since=since)

    def show_export(self, export: results_export.ResultsExport) -> None:
        """Say how many rounds will go out and list those held back."""
        self.export = export
        rounds = len(export.rows)
        children = len({(r.name, r.external_id) for r in export.rows})
        self.summary.setText(
            f"{rounds} round{'s' if rounds != 1 else ''} of confirmed results for {children} "
            f"student{'s' if children != 1 else ''} will be exported."
            if rounds
            else "There are no confirmed results to export for this choice yet."
        )
        self.held.clear()
        for held in export.unconfirmed:
            item = QListWidgetItem(
                f"{held.assessed_on:%-d %b %Y}   {held.instrument:<10}  {held.student_name}"
            )
            item.setData(Qt.ItemDataRole.UserRole, held.session_id)
            self.held.addItem(item)
        self.held_label.setVisible(bool(export.unconfirmed))
        self.held.setVisible(bool(export.unconfirmed))
        self.save_button.setEnabled(rounds > 0)

    def save_to(self, target: Path, *, replace: bool) -> None:
        """Write the CSV (the file dialog has asked before replacing a file)."""
        if self.export is None:
            return
        try:
            self.saved = results_export.save_results(
                self.export,
                target,
                preset=self.preset.currentData(),
                replace=replace,
                store=self.store,
            )
        except results_export.ExportExists as error:
            self._problem(str(error))
        except OSError as error:
            self._problem(
                f"{target.name} could not be written ({error.strerror or error}). Nothing else "
                "was changed; choose another folder."
            )
        else:
            self.accept()

    def _choose_and_save(self) -> None:
        suggested = Path.home() / f"results-{date.today():%Y-%m-%d}.csv"
        name, _ = QFileDialog.getSaveFileName(self, "Save results", str(suggested), "CSV (*.csv)")
        if name:
            self.save_to(Path(name), replace=True)  # the save dialog asked about replacing

    def _since(self) -> date | None:
        text = self.since.text().strip()
        if not text:
            return None
        found = parse_date(text, get_setting(self.store, DATE_ORDER_SETTING) or "dmy")
        self.since.setText(f"{found:%-d %b %Y}")
        return found

    def _problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))
