"""Stop cleanly when the system asks the app to close: a logout, a shutdown, "End task".

SIGTERM, SIGINT and SIGHUP (and Qt's session-end and about-to-quit on every platform) stop a
running interview the way the teacher's Stop does: the recording is closed and sealed, the
interview marked finished, then the app leaves, well within a second. Without this a SIGTERM
ended the process like a kill, leaving the interview "recording" and the WAV header stale.

A Python signal handler only runs when the interpreter gets control, which Qt's event loop does
not give it while idle; the signal's byte is written to a socket that Qt watches, so the app
wakes at once.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
from collections.abc import Callable

from PySide6.QtCore import QObject, QSocketNotifier
from PySide6.QtWidgets import QApplication

_STOPPERS: list[Callable[[], None]] = []


def when_stopping(stop: Callable[[], None]) -> None:
    """Run `stop` (once) if the app is asked to close while it is registered."""
    if stop not in _STOPPERS:
        _STOPPERS.append(stop)


def forget(stop: Callable[[], None]) -> None:
    """What `stop` looked after has ended normally."""
    with contextlib.suppress(ValueError):
        _STOPPERS.remove(stop)


def stop_everything() -> None:
    """Stop every running interview now (newest first); never raises."""
    while _STOPPERS:
        stop = _STOPPERS.pop()
        try:
            stop()
        except Exception:  # the next one must still run, and the app must still leave
            import logging

            logging.getLogger(__name__).exception("stopping on the way out")


class CleanStop(QObject):
    """Watches for the system's request to close and turns it into a clean stop."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.app = app
        self.asked: list[int] = []
        app.aboutToQuit.connect(stop_everything)
        app.commitDataRequest.connect(lambda _manager: stop_everything())
        if os.name != "posix":
            return
        self._read, self._write = socket.socketpair()
        self._read.setblocking(False)
        self._write.setblocking(False)
        signal.set_wakeup_fd(self._write.fileno(), warn_on_full_buffer=False)
        for name in ("SIGTERM", "SIGINT", "SIGHUP"):
            signal.signal(getattr(signal, name), self._noted)
        self._notifier = QSocketNotifier(self._read.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._woken)

    def _noted(self, number: int, _frame: object) -> None:
        self.asked.append(number)

    def _woken(self) -> None:
        with contextlib.suppress(OSError):
            while self._read.recv(64):
                pass
        stop_everything()
        # exit(), not quit(): quit() first asks every window to close, and may be refused.
        self.app.exit(0)


def install_clean_stop(app: QApplication) -> CleanStop:
    """Turn SIGTERM/SIGINT/SIGHUP and the session's end into a clean stop of the app."""
    return CleanStop(app)
