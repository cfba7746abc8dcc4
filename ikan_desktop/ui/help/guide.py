"""The interview guide window: one scrolling page, open beside the app while the teacher works."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from ikan_desktop.ui.screen_fit import fit_to_screen
from ikan_desktop.workflows.guide import guide_html


class GuideWindow(QWidget):
    """The guide's text in a browser, with a Close button; one at a time."""

    _open: GuideWindow | None = None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle("Interview guide")
        self.setObjectName("guideWindow")
        self.text = QTextBrowser(objectName="guideText")
        self.text.setOpenExternalLinks(False)
        self.text.setHtml(guide_html())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        for key in (QKeySequence(Qt.Key.Key_Escape), QKeySequence.StandardKey.Close):
            QShortcut(key, self, self.close)  # as the app's other windows close
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        fit_to_screen(self, 820, 700)

    @classmethod
    def show_for(cls, parent: QWidget | None) -> GuideWindow:
        """Show the guide (raising the one already open)."""
        window = cls._open
        if window is None:
            window = cls._open = cls(parent)
            window.destroyed.connect(lambda: setattr(cls, "_open", None))
        window.show()
        window.raise_()
        window.activateWindow()
        return window
