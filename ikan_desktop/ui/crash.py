"""The last safety net: an error nobody expected is logged and explained, never a traceback.

Every observation is its own committed row, so what was saved stays saved; the message says so
and points to Help ▸ Report a problem.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QThread
from PySide6.QtWidgets import QApplication, QMessageBox

UNEXPECTED = (
    "ikan-desktop met a problem it did not expect. Everything saved up to now is safe: each "
    "observation is saved the moment it is made.\n\n"
    "You can carry on. If it happens again, choose Help ▸ Report a problem and send the file it "
    "makes to your IT support."
)
_MIN_GAP_S = 3.0
_state = {"showing": False, "last": 0.0}


def install_crash_handler() -> None:
    """Route uncaught errors (GUI thread and workers) to the log and a plain message."""
    sys.excepthook = handle_uncaught
    threading.excepthook = lambda args: handle_uncaught(
        args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback
    )


def handle_uncaught(
    kind: type[BaseException], error: BaseException, tb: TracebackType | None
) -> None:
    """Log the error; tell the teacher once (not a storm of boxes for a repeating error)."""
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, error, tb)
        return
    logging.getLogger("ikan_desktop").error("Unexpected error", exc_info=(kind, error, tb))
    app = QCoreApplication.instance()
    on_gui_thread = app is not None and QThread.currentThread() is app.thread()
    now = time.monotonic()
    if not isinstance(app, QApplication) or not on_gui_thread or _state["showing"]:
        print(f"ikan-desktop: unexpected error ({kind.__name__}); see the log.", file=sys.stderr)
        return
    if now - _state["last"] < _MIN_GAP_S:
        return
    _state["showing"] = True
    try:
        from ikan_desktop.ui.content_guard import explain_error, is_explained

        if is_explained(error):
            explain_error(QApplication.activeWindow(), error)
        else:
            show_unexpected(kind.__name__)
    finally:
        _state["showing"], _state["last"] = False, time.monotonic()


def show_unexpected(kind_name: str) -> None:
    """The plain message box (its details name only the kind of error, for IT support)."""
    box = QMessageBox(QApplication.activeWindow())
    box.setObjectName("unexpectedError")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("ikan-desktop")
    box.setText("<b>Something went wrong</b>")
    box.setInformativeText(UNEXPECTED)
    box.setDetailedText(f"Kind of error: {kind_name}. The details are in the app's log.")
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()
