"""Started as its own process: a bare PySide6 window, the floor for start-up figures.

Prints PAINTED when its first frame has been painted, then quits.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow


class _Painted(QObject):
    def __init__(self, app: QApplication) -> None:
        super().__init__()
        self.app = app
        self.done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.done:
            self.done = True
            QTimer.singleShot(0, self.finish)
        return False

    def finish(self) -> None:
        print("PAINTED", flush=True)
        self.app.quit()


def main() -> int:
    app = QApplication(sys.argv[:1])
    painted = _Painted(app)
    app.installEventFilter(painted)
    window = QMainWindow()
    window.setCentralWidget(QLabel("ikan-desktop"))
    window.resize(1200, 720)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
