"""The app's last guard: a broken content file or an unexpected error becomes a calm message.

Content is checked once, shortly after start and off the GUI thread, so a broken file is named
before any button depends on it. Whatever still goes wrong inside a button (a content file, a
database another program holds, a bug) is shown as a message, never as a dead button and a
traceback in a terminal nobody sees; the details go to the log.
"""

from __future__ import annotations

import logging
import sqlite3
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox, QWidget

from ikan_desktop.domain.content_errors import ContentError
from ikan_desktop.store import StoreError
from ikan_desktop.store.database_checks import is_busy
from ikan_desktop.ui.background import run_in_background
from ikan_desktop.ui.messages import show_store_error

if TYPE_CHECKING:  # the validation module brings YAML and JSON Schema: not at start-up
    from ikan_desktop.domain.validation import ContentError

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())  # to the app's log when it has one, never to the terminal
CHECK_DELAY_MS = 1500  # let the window settle first: the check reads and validates every file
SAFE = "Your data is safe: nothing was changed."


def content_message(errors: list[ContentError] | tuple[ContentError, ...]) -> str:
    """Up to three problems, each naming its file and field, and what to do."""
    shown = "\n".join(f"• {error}" for error in errors[:3])
    more = f"\n(and {len(errors) - 3} more)" if len(errors) > 3 else ""
    return (
        f"{shown}{more}\n\nInterviews, reviews and profiles need this file, so they cannot "
        f"start until it is fixed. {SAFE} Reinstalling ikan-desktop puts the shipped files back."
    )


def show_problem(parent: QWidget | None, title: str, text: str) -> None:
    """A warning box with a bold title and the explanation."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("ikan-desktop")
    box.setText(f"<b>{title}</b>")
    box.setInformativeText(text)
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    box.setObjectName("appProblem")
    box.exec()


def explain_error(parent: QWidget | None, error: BaseException) -> None:
    """Show an error that escaped a button as a message for the teacher."""
    from ikan_desktop.domain.validation import ContentFileError

    if isinstance(error, StoreError):
        show_store_error(parent, error)
    elif isinstance(error, ContentFileError):
        show_problem(parent, "A content file has a problem", content_message(error.errors))
    elif isinstance(error, sqlite3.Error) and is_busy(error):
        show_problem(
            parent,
            "Your data is in use",
            "Another program is holding the database, so this could not be saved or read just "
            "now. Close the other program (a backup or sync still running), then try again.",
        )
    elif type(error).__name__ == "FontMissing":
        show_problem(parent, "A content file is missing", str(error))
    else:
        show_problem(
            parent,
            "Something went wrong",
            f"ikan-desktop did not expect this ({type(error).__name__}: {str(error)[:300]}). "
            f"{SAFE} Please try again; if it keeps happening, report it.",
        )


def install_error_hook(parent: QWidget) -> None:
    """Route errors that escape Qt slots to one handler: the log, then a calm message."""
    from ikan_desktop.ui.crash import install_crash_handler

    install_crash_handler()


def is_explained(error: BaseException) -> bool:
    """Errors with a message of their own (content, a database held or refused)."""
    from ikan_desktop.domain.validation import ContentFileError

    return (
        isinstance(error, StoreError | ContentFileError)
        or (isinstance(error, sqlite3.Error) and is_busy(error))
        or type(error).__name__ == "FontMissing"
    )


def check_content_soon(parent: QWidget) -> None:
    """Check the shipped content off the GUI thread after start; say so when a file is broken."""

    def content_problems() -> tuple[ContentError, ...]:
        # Imported here, on the worker: YAML and JSON Schema stay out of start-up.
        from ikan_desktop.workflows.content_check import content_problems as check

        return check()

    def report(problems: tuple[ContentError, ...]) -> None:
        if problems:
            show_problem(parent, "A content file has a problem", content_message(problems))

    def start() -> None:
        run_in_background(
            content_problems,
            on_done=report,
            on_error=lambda error: explain_error(parent, error),
            parent=parent,
        )

    QTimer.singleShot(CHECK_DELAY_MS, parent, start)
