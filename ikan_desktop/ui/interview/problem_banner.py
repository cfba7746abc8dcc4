"""The calm banner an interview screen shows when its recording stops: what happened, and that
the observations go on being saved."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel


def problem_banner() -> QLabel:
    """A hidden, wrapping banner; set its text and show it when the recorder reports a problem."""
    banner = QLabel(objectName="audioProblem", wordWrap=True)
    banner.setStyleSheet(
        "background: #fdecea; color: #6b1111; border-radius: 6px; padding: 6px 10px;"
    )
    banner.hide()
    return banner
