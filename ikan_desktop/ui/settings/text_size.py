"""The app's text size: a percentage of the system's own, applied to the whole application."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

_BASE_POINT_SIZE = "ikanBasePointSize"


def apply_text_size(percent: int) -> None:
    """Scale the application font to `percent` of the size it started with."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    base = app.property(_BASE_POINT_SIZE)
    if base is None:
        base = app.font().pointSizeF()
        app.setProperty(_BASE_POINT_SIZE, base)
    font = app.font()
    font.setPointSizeF(float(base) * percent / 100)
    app.setFont(font)
