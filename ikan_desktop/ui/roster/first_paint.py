"""Run something once the app has painted its first frame, so start-up never waits for it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication


class _FirstPaint(QObject):
    def __init__(self, callback: Callable[[], None]) -> None:
        super().__init__()
        self._callback: Callable[[], None] | None = callback

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._callback is not None:
            callback, self._callback = self._callback, None
            QTimer.singleShot(0, callback)  # after this paint has finished
            QApplication.instance().removeEventFilter(self)
            _WAITING.discard(self)
        return False


_WAITING: set[_FirstPaint] = set()


def after_first_paint(callback: Callable[[], None]) -> None:
    """Call `callback` on the GUI thread just after the next widget paint."""
    app = QApplication.instance()
    if app is None:
        callback()
        return
    waiter = _FirstPaint(callback)
    _WAITING.add(waiter)
    app.installEventFilter(waiter)
