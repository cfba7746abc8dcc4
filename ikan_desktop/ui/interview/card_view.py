"""The student-facing card: the current task's card in very large type, nothing else.

On a second screen when there is one; otherwise a window the teacher toggles full-screen with one
key, so the laptop full of notes never has to be turned toward the child.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics, QGuiApplication, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class CardView(QWidget):
    """Black text on a white card; the text grows to fill the window."""

    def __init__(self) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.setWindowTitle("Student card")
        self.setObjectName("cardView")
        self.setStyleSheet("#cardView { background: white; } QLabel { color: #111; }")
        self.card = QLabel(objectName="cardText", alignment=Qt.AlignmentFlag.AlignCenter)
        self.card.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 48, 48, 48)
        layout.addWidget(self.card)
        self.resize(900, 600)
        self._text = ""

    def show_card(self, text: str) -> None:
        """Show a card (an empty text shows a blank card between items)."""
        self._text = text
        self.card.setText(text)
        self._fit()

    def text(self) -> str:
        return self._text

    def place(self) -> bool:
        """Open on a second screen, full-screen, when there is one; returns True if it did."""
        screens = QGuiApplication.screens()
        main = (
            self.parentWidget().screen() if self.parentWidget() else QGuiApplication.primaryScreen()
        )
        others = [s for s in screens if s is not main]
        if others:
            self.setScreen(others[0])
            self.setGeometry(others[0].geometry())
        self.showFullScreen()  # on one screen too: the laptop is turned to the child
        self.raise_()
        return bool(others)

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()
        self.raise_()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.isFullScreen():
            self.showNormal()
            return
        super().keyPressEvent(event)

    def _fit(self) -> None:
        """The largest font size at which the card's text fits the window."""
        text = self._text or " "
        area = self.card.contentsRect()
        width, height = max(area.width(), 200), max(area.height(), 120)
        font = QFont(self.card.font())
        font.setWeight(QFont.Weight.DemiBold)  # measured as drawn: bold text is wider
        low, high = 12, 400
        while low < high:
            size = (low + high + 1) // 2
            font.setPointSize(size)
            bounds = QFontMetrics(font).boundingRect(
                0,
                0,
                width,
                10_000,
                int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignCenter),
                text,
            )
            if bounds.width() <= width and bounds.height() <= height:
                low = size
            else:
                high = size - 1
        font.setPointSize(low)
        self.card.setFont(font)
