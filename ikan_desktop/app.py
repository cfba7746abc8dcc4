"""Composition root: find the data, open the store, build the window, start the event loop."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from ikan_desktop.ui.main_window import MainWindow

NO_DISPLAY_MESSAGE = (
    "ikan-desktop needs a screen, and none was found (DISPLAY and WAYLAND_DISPLAY are not set).\n"
    "On a machine without a screen, run it under a virtual one:\n"
    "    xvfb-run -a ikan-desktop\n"
    "or use a headless command such as `ikan-desktop students --json` (see `ikan-desktop --help`)."
)


def has_display() -> bool:
    """False on Linux when there is no X or Wayland display and no offscreen platform chosen."""
    if not sys.platform.startswith("linux"):
        return True
    if os.environ.get("QT_QPA_PLATFORM", "").split(":")[0] in {"offscreen", "minimal", "vnc"}:
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


QUIT_AFTER_FIRST_FRAME = "IKAN_DESKTOP_QUIT_AFTER_FIRST_FRAME"


def run_app(*, data_dir: str | None = None, demo: bool = False) -> int:
    """Start the desktop app; returns the process exit code."""
    if not has_display():
        print(NO_DISPLAY_MESSAGE, file=sys.stderr)
        return 2
    from ikan_desktop import __version__
    from ikan_desktop.store.location import data_dir as resolve_data_dir
    from ikan_desktop.store.logbook import start_log, stop_log
    from ikan_desktop.ui.crash import handle_uncaught, install_crash_handler

    install_crash_handler()
    start_log(resolve_data_dir(data_dir), __version__)
    try:
        started = start_app(data_dir=data_dir, demo=demo)
        if started is None:
            return 2
        app, window = started
        from ikan_desktop.ui.clean_stop import install_clean_stop

        clean_stop = install_clean_stop(app)  # a logout or shutdown stops an interview cleanly
        if os.environ.get(QUIT_AFTER_FIRST_FRAME):
            quit_after_first_frame(window)
        code = app.exec()
        window.close_store()
        from ikan_desktop.ui.single_copy import let_go_of_data_folder

        let_go_of_data_folder(window.home_folder)
        if clean_stop.asked:
            stop_log()
            leave_now(code)  # the system is waiting for us, and everything is saved and closed
        return code
    except Exception as error:  # the last net: a plain message and the log, never a traceback
        handle_uncaught(type(error), error, error.__traceback__)
        return 1
    finally:
        stop_log()


def quit_after_first_frame(window: MainWindow) -> None:
    """For checking a build: print FIRST FRAME once the window has painted, then quit."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    class FirstFrame(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and watched is window:
                window.removeEventFilter(self)
                print(f"FIRST FRAME {window.windowTitle()}", flush=True)
                QTimer.singleShot(0, QApplication.quit)
            return False

    window.first_frame = FirstFrame(window)  # type: ignore[attr-defined]
    window.installEventFilter(window.first_frame)  # type: ignore[attr-defined]


def leave_now(code: int) -> None:
    """Exit at once, skipping the interpreter's slow teardown of Qt (most of a second)."""
    import logging

    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def start_app(
    *, data_dir: str | None = None, demo: bool = False
) -> tuple[QApplication, MainWindow] | None:
    """Create the application and show the main window; None when the data cannot be opened."""
    from PySide6.QtWidgets import QApplication

    from ikan_desktop.audio.signals import protect_booleans
    from ikan_desktop.store.location import data_dir as resolve_data_dir
    from ikan_desktop.ui.content_guard import check_content_soon, install_error_hook
    from ikan_desktop.ui.help.identity import set_identity
    from ikan_desktop.ui.main_window import MainWindow, open_data_folder
    from ikan_desktop.ui.single_copy import claim_data_folder

    protect_booleans()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    set_identity(app)
    folder: Path = resolve_data_dir(data_dir)
    if not claim_data_folder(folder):  # another copy is open on it: touch nothing
        return None
    store = open_data_folder(folder, demo=demo)
    if store is None:
        return None
    window = MainWindow(home_folder=folder, store=store, demo=demo)
    window.show()
    install_error_hook(window)
    check_content_soon(window)
    return app, window
