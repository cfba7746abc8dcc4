"""The last five observations with their times on the audio clock."""

from __future__ import annotations

from collections.abc import Callable, Collection

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel

from ikan_desktop.domain.tags import Tag, clock_text

SHOWN = 5


class TagStrip(QFrame):
    """Newest on the left; an undone tag disappears at once; one not yet on disk says so."""

    def __init__(self, describe: Callable[[Tag], str]) -> None:
        super().__init__(objectName="tagStrip")
        self.describe = describe
        self.setStyleSheet(
            "#tagStrip { background: #f7f7f7; border: 1px solid #ddd; border-radius: 6px; }"
            " QLabel[role='chip'] { background: white; border: 1px solid #bbb;"
            " border-radius: 5px; padding: 3px 8px; font-size: 11pt; }"
        )
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(8, 6, 8, 6)
        self.heading = QLabel("Last observations:", objectName="tagStripHeading")
        self.empty = QLabel("none yet — press a key when you see a strategy")
        self.empty.setStyleSheet("color: #666;")
        self.chips: list[QLabel] = []
        self.show_tags([])

    def show_tags(self, tags: list[Tag], saving: Collection[str] = ()) -> None:
        """Show the newest SHOWN tags (given oldest first); those still `saving` say so."""
        while self.row.count():
            item = self.row.takeAt(0)
            if item.widget() and item.widget() not in (self.heading, self.empty):
                item.widget().deleteLater()
        self.row.addWidget(self.heading)
        self.chips = []
        newest = list(reversed(tags[-SHOWN:]))
        self.empty.setVisible(not newest)
        if not newest:
            self.row.addWidget(self.empty)
        for number, tag in enumerate(newest):
            unsaved = tag.id in saving
            words = f"{clock_text(tag.t_ms)}  {self.describe(tag)}"
            chip = QLabel(words + (" · saving…" if unsaved else ""))
            chip.setProperty("role", "chip")
            if unsaved:  # on the screen, not yet on the disk (the disk is busy)
                chip.setToolTip("Being saved: the disk is busy. It is kept in order.")
                chip.setStyleSheet("color: #666; border: 1px dashed #999;")
            elif number == 0:
                chip.setStyleSheet("font-weight: 700; border: 2px solid #2f6fb3;")
            chip.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
            self.chips.append(chip)
            self.row.addWidget(chip)
        self.row.addStretch()

    def texts(self) -> list[str]:
        return [chip.text() for chip in self.chips]
