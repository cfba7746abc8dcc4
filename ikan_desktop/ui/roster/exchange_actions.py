"""The File menu's ways in and out: import a class list, export results, a new school year."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtGui import QAction, QKeySequence


def import_class_list(window: Any, path: Path | None = None) -> Any:
    """Ask for the school system's export, preview it, and import it when the teacher agrees."""
    from ikan_desktop.ui.roster.import_dialog import ImportDialog, choose_roster_file

    path = path or choose_roster_file(window)
    if path is None:
        return None
    dialog = ImportDialog(window, window.store)
    dialog.imported.connect(lambda added, updated: _imported(window, added, updated))
    dialog.load(path)
    dialog.open()
    return dialog


def _imported(window: Any, added: int, updated: int) -> None:
    window.roster.reload()
    window._refresh()  # shows the list (instead of the first page) and selects a student
    words = [f"{added} student{'s' if added != 1 else ''} added"]
    if updated:
        words.append(f"{updated} updated")
    window.statusBar().showMessage("Class list imported: " + ", ".join(words) + ".", 8000)


def add_exchange_actions(window: Any) -> tuple[QAction, QAction, QAction]:
    """File ▸ Import class list…, Export results…, New school year… (the window places them)."""
    import_action = QAction("Im&port class list…", window, shortcut=QKeySequence("Ctrl+Shift+I"))
    import_action.triggered.connect(lambda: import_class_list(window))
    export_action = QAction("&Export results…", window, shortcut=QKeySequence("Ctrl+Shift+E"))
    export_action.triggered.connect(lambda: export_results(window))
    year_action = QAction("New school &year…", window)
    year_action.triggered.connect(lambda: new_school_year(window))
    return import_action, export_action, year_action


def export_results(window: Any) -> Any:
    """Confirmed results of the selected student's class (or any class) as CSV."""
    from ikan_desktop.ui.roster.results_dialog import ResultsDialog

    student = window.roster.selected()
    dialog = ResultsDialog(
        window, window.store, class_name=student.details.class_name if student else ""
    )
    dialog.review_requested.connect(
        lambda session_id: _review_then_refresh(window, dialog, session_id)
    )
    dialog.accepted.connect(
        lambda: window.statusBar().showMessage(f"Results saved to {dialog.saved}.", 8000)
    )
    dialog.open()
    return dialog


def _review_then_refresh(window: Any, dialog: Any, session_id: str) -> None:
    """Review an unconfirmed interview; the export counts it as soon as the review closes."""
    from ikan_desktop.ui.review.actions import open_review

    review = open_review(window, window.store, session_id)
    if review is not None:
        review.closed.connect(dialog.refresh)  # type: ignore[attr-defined]
        review.closed.connect(window.roster.reload)  # type: ignore[attr-defined]


def new_school_year(window: Any) -> Any:
    """Move the selected student's class (or another) up a year level."""
    from ikan_desktop.ui.roster.school_year_dialog import SchoolYearDialog

    student = window.roster.selected()
    dialog = SchoolYearDialog(
        window, window.store, class_name=student.details.class_name if student else ""
    )

    def moved() -> None:
        window.roster.reload()
        if dialog.plan is not None:
            window.statusBar().showMessage(dialog.plan.summary, 8000)

    dialog.accepted.connect(moved)
    dialog.open()
    return dialog
