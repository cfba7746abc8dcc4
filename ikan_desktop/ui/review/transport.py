"""The row under the waveform: previous/next tag, ±5 s, play, the clock, pre-roll and zoom."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from ikan_desktop.audio.signals import emit_safely
from ikan_desktop.domain.tags import clock_text

PREROLLS_S = (2, 3, 5, 8, 10)
DEFAULT_PREROLL_S = 5


class Transport(QWidget):
    """Buttons that never take the keyboard focus; each emits the review action it stands for."""

    action = Signal(str)  # "previous_tag", "back", "play_pause", "forward", "next_tag"
    zoom = Signal(float)
    preroll_chosen = Signal(int)  # seconds

    def __init__(self, *, preroll_s: int = DEFAULT_PREROLL_S, parent: QWidget | None = None):
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 2, 0, 2)

        def button(text: str, name: str, tip: str, action: str | None = None) -> QPushButton:
            made = QPushButton(text, objectName=name)
            made.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            made.setToolTip(tip)
            if action:
                made.clicked.connect(lambda: emit_safely(self.action, action))
            row.addWidget(made)
            return made

        self.prev_button = button(
            "↑ Previous tag", "previousTag", "Previous tag (↑)", "previous_tag"
        )
        self.back_button = button("− 5 s", "back5", "Back 5 seconds (←)", "back")
        self.play_button = button("▶ Play", "playButton", "Play / pause (Space)", "play_pause")
        self.play_button.setMinimumWidth(96)
        self.play_button.setStyleSheet("font-weight: 600;")
        self.forward_button = button("+ 5 s", "forward5", "Forward 5 seconds (→)", "forward")
        self.next_button = button("↓ Next tag", "nextTag", "Next tag (↓)", "next_tag")
        self.clock = QLabel(objectName="reviewClock")
        self.clock.setStyleSheet("font-size: 12pt; font-weight: 600; margin-left: 10px;")
        row.addWidget(self.clock)
        row.addStretch(1)
        row.addWidget(QLabel("Play from"))
        self.preroll = QComboBox(objectName="preroll")
        self.preroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for seconds in PREROLLS_S:
            self.preroll.addItem(f"{seconds} s before a tag", seconds)
        chosen = preroll_s if preroll_s in PREROLLS_S else DEFAULT_PREROLL_S
        self.preroll.setCurrentIndex(self.preroll.findData(chosen))
        self.preroll.activated.connect(
            lambda: emit_safely(self.preroll_chosen, int(self.preroll.currentData()))
        )
        row.addWidget(self.preroll)
        zoom_out = button("−", "zoomOut", "Zoom out (Ctrl+wheel)")
        zoom_in = button("+", "zoomIn", "Zoom in (Ctrl+wheel)")
        for made, factor in ((zoom_out, 0.5), (zoom_in, 2.0)):
            made.setFixedWidth(32)
            made.clicked.connect(lambda _=False, f=factor: emit_safely(self.zoom, f))

    def preroll_ms(self) -> int:
        """How far before a tag listening starts."""
        return int(self.preroll.currentData()) * 1000

    def set_audio(self, available: bool) -> None:
        """Without a recording, only stepping through the tags makes sense."""
        for widget in (self.play_button, self.back_button, self.forward_button, self.preroll):
            widget.setEnabled(available)

    def show_clock(self, position_ms: int, total_ms: int) -> None:
        self.clock.setText(f"{clock_text(position_ms)} / {clock_text(total_ms)}")

    def show_playing(self, playing: bool) -> None:
        self.play_button.setText("⏸ Pause" if playing else "▶ Play")
