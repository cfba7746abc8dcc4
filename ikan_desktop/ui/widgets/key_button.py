"""A big button that shows the key that presses it: hands are busy, eyes glance."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout

KEY_STYLE = (
    "QLabel#keyCap { border: 2px solid #555; border-radius: 6px; background: #fafafa;"
    " color: #111; font-weight: 700; font-size: 15pt; padding: 2px 8px; }"
)


class KeyButton(QPushButton):
    """A key cap on the left, a label and an optional caption (e.g. the stage) on the right."""

    def __init__(
        self, key: str, label: str, caption: str = "", *, tone: str = "", compact: bool = False
    ) -> None:
        super().__init__()
        self.key_name = key
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys, not focus, drive the interview
        self.setMinimumHeight(32 if compact else 50)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        cap = QLabel(key, objectName="keyCap", alignment=Qt.AlignmentFlag.AlignCenter)
        cap.setMinimumWidth(30 if compact else 38)
        if compact:
            cap.setStyleSheet("font-size: 12pt; padding: 1px 5px;")
        title = QLabel(label, objectName="keyLabel")
        title.setStyleSheet(f"font-size: {'10.5' if compact else '12.5'}pt; font-weight: 600;")
        title.setWordWrap(True)
        text = QHBoxLayout() if compact else QVBoxLayout()
        text.setSpacing(6 if compact else 0)
        text.addWidget(title, 1)
        if caption:
            sub = QLabel(caption, objectName="keyCaption")
            sub.setStyleSheet("font-size: 10pt; color: #444;")
            text.addWidget(sub)
        row = QHBoxLayout(self)
        row.setContentsMargins(6 if compact else 8, 2 if compact else 4, 6, 2 if compact else 4)
        row.addWidget(cap)
        row.addSpacing(6 if compact else 8)
        row.addLayout(text, 1)
        background = tone or "#f3f6fa"
        self.setStyleSheet(
            KEY_STYLE + f"KeyButton {{ background: {background}; border: 1px solid #9aa7b4;"
            " border-radius: 8px; text-align: left; }"
            " KeyButton:pressed { background: #cfe3ff; }"
        )
        self.setAccessibleName(f"{label} ({key})")
        self._release = QTimer(self, singleShot=True, interval=160)  # dies with the button
        self._release.timeout.connect(lambda: self.setDown(False))

    def flash(self) -> None:
        """A brief highlight, so the teacher sees the key press landed."""
        self.setDown(True)
        self._release.start()
