"""The Class menu: overview, instructional groups and the class report, for the main window."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from ikan_desktop.store import students as student_store
from ikan_desktop.store.database import Store

_OPEN: list[QWidget] = []


def add_class_menu(window: Any) -> None:
    """Add the Class menu to the main window (which has `store` and `roster`)."""
    menu = window.menuBar().addMenu("&Class")
    overview = QAction("Class &overview…", window, shortcut=QKeySequence("Ctrl+Shift+O"))
    overview.triggered.connect(lambda: open_overview(window, window.store, _class_of(window)))
    menu.addAction(overview)


def open_overview(parent: QMainWindow, store: Store, class_name: str | None) -> QWidget | None:
    """Open the class overview on a class (the first class when none is chosen)."""
    from ikan_desktop.ui.overview.overview_window import OverviewWindow
    from ikan_desktop.ui.review.actions import open_review

    names = [k.name for k in student_store.list_classes(store)]
    if not names:
        QMessageBox.information(parent, "No classes yet", "Add students to a class first.")
        return None
    window = OverviewWindow(store, names, class_name if class_name in names else names[0])
    window.evidence_requested.connect(lambda sid: open_review(window, store, sid))
    _keep(window)
    return window


def _keep(window: Any) -> None:
    _OPEN.append(window)
    window.closed.connect(lambda: _OPEN.remove(window) if window in _OPEN else None)
    window.show()
    window.raise_()
    window.activateWindow()


def _class_of(window: Any) -> str | None:
    selected = window.roster.selected()
    return selected.details.class_name if selected is not None else None
