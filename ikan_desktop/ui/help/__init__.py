"""Help: the interview guide and keyboard card; Check this computer, Report a problem, About."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

if TYPE_CHECKING:
    from ikan_desktop.ui.main_window import MainWindow


def add_help_actions(window: MainWindow, menu: QMenu) -> None:
    """Put Check this computer… and Report a problem… just above About (else at the end)."""
    check = QAction("&Check this computer…", window, objectName="checkComputerAction")
    report = QAction("&Report a problem…", window, objectName="reportProblemAction")
    check.triggered.connect(lambda: open_computer_check(window))
    report.triggered.connect(lambda: save_problem_report(window))
    about = next((a for a in menu.actions() if "About" in a.text()), None)
    menu.insertActions(about, [check, report])  # type: ignore[arg-type]
    if about is not None:
        menu.insertSeparator(about)


def open_computer_check(window: MainWindow) -> None:
    """The self-test dialog on the window's data folder and open database (one at a time)."""
    from ikan_desktop.ui.help.computer_check import ComputerCheckDialog

    earlier = getattr(window, "computer_check", None)
    if earlier is not None and earlier.isVisible():
        earlier.raise_()
        earlier.activateWindow()
        return
    if earlier is not None:
        earlier.deleteLater()
    window.computer_check = ComputerCheckDialog(window, window.store)  # type: ignore[attr-defined]
    window.computer_check.show()  # type: ignore[attr-defined]


def save_problem_report(window: MainWindow) -> None:
    """Ask where, then write the zip of the log and the computer check."""
    from ikan_desktop.ui.help.problem_report import ask_and_save_problem_report

    ask_and_save_problem_report(window, window.store, window.home_folder)
