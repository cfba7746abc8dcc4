"""A microphone level bar a teacher reads at a glance: how loud, in words as well as colour.

The bar is drawn on a decibel scale (-60 to 0 dBFS), because speech sits in the middle of it;
on a linear scale normal speech barely moves the bar. Colours come from the Okabe–Ito palette,
which stays distinguishable with colour-blindness, and every state is also written as a word,
so colour is never the only signal.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

FLOOR_DB = -60.0
LOUD_DB = -6.0
QUIET_DB = -40.0
PEAK_HOLD_UPDATES = 20  # about a second at 20 updates a second

BLUE = QColor("#0072B2")
ORANGE = QColor("#E69F00")
VERMILLION = QColor("#D55E00")
TROUGH = QColor("#E8ECF0")
INK = QColor("#1A1A1A")


def fraction_of_bar(level: float) -> float:
    """Where a 0..1 level sits on the bar (0 at -60 dBFS and below, 1 at full scale)."""
    if level <= 0:
        return 0.0
    db = 20 * math.log10(min(level, 1.0))
    return max(0.0, min(1.0, (db - FLOOR_DB) / -FLOOR_DB))


def describe_level(rms: float, peak: float) -> str:
    """The level in words, as shown on the bar and read by screen readers."""
    if peak >= 0.99 or rms > 10 ** (LOUD_DB / 20):
        return "Too loud"
    if fraction_of_bar(rms) <= 0:
        return "No sound"
    if rms < 10 ** (QUIET_DB / 20):
        return "Quiet"
    return "Good"


class LevelMeter(QWidget):
    """A horizontal level bar with a peak-hold mark; feed it `set_level(rms, peak)`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rms = 0.0
        self.peak = 0.0
        self._held_peak = 0.0
        self._hold_left = 0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Microphone level")
        self.setAccessibleDescription("No sound")

    @property
    def words(self) -> str:
        return describe_level(self.rms, self.peak)

    def set_level(self, rms: float, peak: float) -> None:
        """Show a new level (both 0..1); the peak mark holds for about a second."""
        self.rms, self.peak = rms, peak
        if peak >= self._held_peak or self._hold_left <= 0:
            self._held_peak, self._hold_left = peak, PEAK_HOLD_UPDATES
        else:
            self._hold_left -= 1
        self.setAccessibleDescription(self.words)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(320, 28)

    def minimumSizeHint(self) -> QSize:
        return QSize(160, 24)

    def paintEvent(self, event: object) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        outer = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        painter.setPen(QPen(INK, 1))
        painter.setBrush(TROUGH)
        painter.drawRoundedRect(outer, 4, 4)
        inner = outer.adjusted(2, 2, -2, -2)
        width = inner.width() * fraction_of_bar(self.rms)
        words = self.words
        colour = {"Too loud": VERMILLION, "Quiet": ORANGE}.get(words, BLUE)
        if width > 0:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawRoundedRect(QRectF(inner.left(), inner.top(), width, inner.height()), 3, 3)
        held = inner.left() + inner.width() * fraction_of_bar(self._held_peak)
        if held > inner.left():
            painter.setPen(QPen(INK, 2))
            painter.drawLine(int(held), int(inner.top()), int(held), int(inner.bottom()))
        painter.setPen(INK)
        painter.drawText(
            inner.adjusted(6, 0, -6, 0),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            words,
        )
        painter.end()
