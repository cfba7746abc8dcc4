"""Show the keyboard card in the PDF preview on a real X server; print how much ink is seen."""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from ikan_desktop.domain.strategy_codes import load_strategy_codes
from ikan_desktop.ui.profile.preview import ProfilePreviewDialog
from ikan_desktop.workflows.keyboard_card import keyboard_card_pdf


def main() -> None:
    app = QApplication(sys.argv)
    dialog = ProfilePreviewDialog(
        keyboard_card_pdf(load_strategy_codes()), title="Keyboard card", file_name="card.pdf"
    )
    dialog.show()

    def look() -> None:
        image = dialog.view.viewport().grab().toImage()
        ink = sum(
            1
            for x in range(0, image.width(), 4)
            for y in range(0, image.height(), 4)
            if image.pixelColor(x, y).lightness() < 128
        )
        print(f"ink {ink}")
        app.quit()

    QTimer.singleShot(3000, look)  # the page is rendered on a worker thread
    app.exec()


if __name__ == "__main__":
    main()
