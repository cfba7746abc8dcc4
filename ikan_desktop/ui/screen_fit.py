"""Windows that fit the teacher's screen: a 1366×768 school laptop with a taskbar, at 100–125 %.

Every top-level window opens at its wished size or the screen's available area, whichever is
smaller, and never asks for more than that area as its minimum, so no control ends up
off-screen. Large windows on small screens open maximised.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

FRAME_ALLOWANCE = QSize(16, 40)  # a window manager's borders and title bar, roughly


def available_area(widget: QWidget | None = None) -> QRect:
    """The usable area (without taskbars) of the screen the widget is on, or the primary one."""
    screen = widget.screen() if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 728)


def fit_to_screen(widget: QWidget, width: int, height: int, *, maximise_below: int = 0) -> None:
    """Size a top-level window to `width`×`height` or less, centred; maximised on small screens."""
    area = available_area(widget)
    room = area.size() - FRAME_ALLOWANCE
    minimum = widget.minimumSize()
    widget.setMinimumSize(min(minimum.width(), room.width()), min(minimum.height(), room.height()))
    size = QSize(min(width, room.width()), min(height, room.height()))
    widget.resize(size)
    widget.move(
        area.x() + (area.width() - size.width()) // 2,
        area.y() + max(0, (area.height() - size.height() - FRAME_ALLOWANCE.height()) // 2),
    )
    if maximise_below and area.width() < maximise_below:
        widget.setWindowState(widget.windowState() | Qt.WindowState.WindowMaximized)
