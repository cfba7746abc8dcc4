"""The mouse wheel scrolls the page; it never changes a value the teacher did not click first.

Qt's combo boxes and spin boxes take the wheel whenever the pointer is over them, so scrolling a
long panel changed stages under the pointer. Installed once on the application, this filter
hands the wheel to the scrolling parent unless the box has the keyboard focus (clicked or tabbed
into).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QWidget

_GUARD: WheelGuard | None = None


class WheelGuard(QObject):
    """Unfocused combo and spin boxes pass the wheel on to their parent."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not isinstance(watched, QComboBox | QAbstractSpinBox):
            return False
        if event.type() == QEvent.Type.Polish:
            # Click or Tab focuses a box, the wheel never does (hover + scroll would).
            watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            return False
        if event.type() != QEvent.Type.Wheel or watched.hasFocus():
            return False
        parent = watched.parentWidget()
        if isinstance(parent, QWidget):
            QCoreApplication.sendEvent(parent, event)
        return True


def guard_the_wheel() -> None:
    """Install the guard once for the whole app (boxes made before it keep Qt's own policy)."""
    global _GUARD
    app = QApplication.instance()
    if app is None or _GUARD is not None:
        return
    _GUARD = WheelGuard(app)
    app.installEventFilter(_GUARD)
