"""Help ▸ Report a problem: save a zip of the log and the computer check for IT support."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ikan_desktop import __version__
from ikan_desktop.exchange.problem_report import write_problem_report
from ikan_desktop.store import Store
from ikan_desktop.store.logbook import log_files
from ikan_desktop.ui.help.computer_check import last_report
from ikan_desktop.workflows.computer_check import (
    CheckLine,
    check_data_folder,
    check_database,
    header_lines,
    report_text,
)

SENT_NOTHING = (
    "Send this file to your IT support, for example attached to an email. ikan-desktop has not "
    "sent anything itself. The file holds the app's log and the computer check: no student "
    "names, notes or recordings."
)


def default_name() -> str:
    """A file name that sorts by date and says what it is."""
    return f"ikan-desktop-problem-report-{datetime.now():%Y-%m-%d-%H%M}.zip"


def current_report(store: Store) -> str:
    """The last full computer check, or a fresh one of the files and the database."""
    report = last_report()
    if report:
        return report
    lines = [
        *check_data_folder(store.folder),
        check_database(store),
        CheckLine("Microphone and speakers", None, "not checked: use Help > Check this computer."),
    ]
    return report_text(header_lines(__version__, pyside_version, store.folder), lines)


def ask_and_save_problem_report(parent: QWidget, store: Store, home_folder: Path) -> Path | None:
    """Ask where to save, write the zip, and say what to do with it."""
    start = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DesktopLocation)
    if not start or not Path(start).is_dir():
        start = str(Path.home())
    chosen, _ = QFileDialog.getSaveFileName(
        parent, "Save a problem report", str(Path(start) / default_name()), "Zip files (*.zip)"
    )
    if not chosen:
        return None
    out = Path(chosen)
    if out.suffix.lower() != ".zip":
        out = out.with_name(out.name + ".zip")
    try:
        write_problem_report(out, current_report(store), log_files(home_folder))
    except OSError as error:
        QMessageBox.warning(
            parent,
            "Report a problem",
            f"The report could not be saved in {out.parent} ({error.strerror or error}). "
            "Nothing else was changed. Choose another folder, such as your Desktop.",
        )
        return None
    box = QMessageBox(parent)
    box.setObjectName("problemReportSaved")
    box.setWindowTitle("Report a problem")
    box.setText(f"<b>Saved {out.name}</b> in {out.parent}")
    box.setInformativeText(SENT_NOTHING)
    box.exec()
    return out
