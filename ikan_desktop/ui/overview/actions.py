"""The Class menu: overview, instructional groups and the class report, for the main window."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QWidget

from ikan_desktop.store import students as student_store
from ikan_desktop.store.database import Store
from ikan_desktop.ui.background import run_in_background
from ikan_desktop.workflows.export_log import note_export

_OPEN: list[QWidget] = []


def add_class_menu(window: Any) -> None:
    """Add the Class menu to the main window (which has `store` and `roster`)."""
    menu = window.menuBar().addMenu("&Class")
    overview = QAction("Class &overview…", window, shortcut=QKeySequence("Ctrl+Shift+O"))
    overview.triggered.connect(lambda: open_overview(window, window.store, _class_of(window)))
    groups = QAction("Instructional &groups…", window, shortcut=QKeySequence("Ctrl+Shift+G"))
    groups.triggered.connect(lambda: open_groups(window, window.store, _class_of(window)))
    report = QAction("Class &report (PDF and CSV)…", window)
    report.triggered.connect(
        lambda: save_class_report_dialog(window, window.store, _class_of(window))
    )
    for action in (overview, groups, report):
        menu.addAction(action)


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
    window.groups_requested.connect(lambda name: open_groups(window, store, name))
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


def open_groups(parent: QWidget | None, store: Store, class_name: str | None) -> QWidget | None:
    """Open the instructional groups of a class (the first class when none is chosen)."""
    from ikan_desktop.ui.overview.groups_window import GroupsWindow

    names = [k.name for k in student_store.list_classes(store)]
    if not names:
        QMessageBox.information(parent, "No classes yet", "Add students to a class first.")
        return None
    window = GroupsWindow(store, class_name if class_name in names else names[0])
    window.sheet_requested.connect(
        lambda name, groups: save_group_sheet_dialog(window, store, name, groups)
    )
    _keep(window)
    return window


def save_group_sheet_dialog(
    parent: QWidget, store: Store, class_name: str, groups: dict[str, Any] | None = None
) -> None:
    """Ask where to save the group sheet, render it off the GUI thread, then offer the folder."""
    from ikan_desktop.workflows import class_groups

    suggested = str(Path.home() / f"Groups {_safe(class_name)}.pdf")
    target, _ = QFileDialog.getSaveFileName(
        parent, "Save the group sheet", suggested, "PDF (*.pdf)"
    )
    if not target:
        return
    path = Path(target if target.lower().endswith(".pdf") else target + ".pdf")
    found = class_groups.class_groups(store, class_name)

    def work() -> Path:
        from ikan_desktop.store.database import atomic_write_bytes

        pdf = class_groups.render_group_sheet(found, _framework(), groups=groups)
        atomic_write_bytes(path, pdf)
        return path

    def done(written: Path) -> None:
        note_export(store, f"the group sheet of {class_name}", written)
        show_written(parent, "Group sheet saved", written)

    run_in_background(
        work,
        on_done=done,
        on_error=lambda error: _explain(parent, path, error),
        parent=parent,
    )


def save_class_report_dialog(parent: QWidget, store: Store, class_name: str | None) -> None:
    """Ask where to save the class report; its figures go beside it as a CSV of the same name."""
    from ikan_desktop.workflows.class_progress import save_class_report

    names = [k.name for k in student_store.list_classes(store)]
    if not names:
        QMessageBox.information(parent, "No classes yet", "Add students to a class first.")
        return
    name = class_name if class_name in names else names[0]
    suggested = str(Path.home() / f"Class report {_safe(name)}.pdf")
    target, _ = QFileDialog.getSaveFileName(
        parent, f"Save the class report for {name}", suggested, "PDF (*.pdf)"
    )
    if not target:
        return
    path = Path(target if target.lower().endswith(".pdf") else target + ".pdf")
    csv_path = path.with_suffix(".csv")

    def work() -> Path:
        save_class_report(store, name, path, csv_target=csv_path, framework=_framework())
        return path

    def done(written: Path) -> None:
        note_export(store, f"the class report of {name}", written)
        show_written(parent, "Class report saved", written, also=f"Its figures: {csv_path.name}")

    run_in_background(
        work,
        on_done=done,
        on_error=lambda error: _explain(parent, path, error),
        parent=parent,
    )


def show_written(parent: QWidget | None, title: str, written: Path, *, also: str = "") -> None:
    """Say where a file went, with a button that opens its folder."""
    text = f"Saved to {written}" + (f"\n{also}" if also else "")
    box = QMessageBox(QMessageBox.Icon.Information, title, text, parent=parent)
    show = box.addButton("Show folder", QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.exec()
    if box.clickedButton() is show:
        folder = written if written.is_dir() else written.parent
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def _framework() -> Any:
    """The framework, read on first use (YAML and JSON Schema stay out of start-up)."""
    from ikan_desktop.domain.framework import load_framework

    return load_framework()


def _explain(parent: QWidget | None, path: Path, error: Exception) -> None:
    reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
    QMessageBox.warning(
        parent,
        "Nothing was saved",
        f"The file {path} could not be written ({reason}). Nothing was overwritten; "
        "choose a folder you can write to and try again.",
    )


def _safe(name: str) -> str:
    return "".join(c for c in name if c.isalnum() or c in " -_()").strip() or "class"
