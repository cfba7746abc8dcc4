"""Started as its own process: open the app on a data folder and report its first frames.

Prints PAINTED once the first frame has been painted (the student list on screen), then
MATHS once the list's maths columns have arrived (read off the GUI thread) with the longest the
GUI thread went without turning its event loop meanwhile, in milliseconds, then quits.
"""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer

from ikan_desktop.app import start_app


class _FirstPaint(QObject):
    def __init__(self, on_paint) -> None:
        super().__init__()
        self.on_paint = on_paint
        self.done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.done:
            self.done = True
            QTimer.singleShot(0, self.on_paint)
        return False


def main() -> int:
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    started_at = time.perf_counter()
    painted = _FirstPaint(lambda: print("PAINTED", flush=True))
    app.installEventFilter(painted)
    started = start_app(data_dir=sys.argv[1])
    if started is None:
        return 2
    app, window = started
    columns = window.roster.model.columnCount
    turns = {"last": time.perf_counter(), "longest": 0.0}

    def wait_for_maths() -> None:
        now = time.perf_counter()
        turns["longest"] = max(turns["longest"], now - turns["last"])
        turns["last"] = now
        if columns() > 6:
            assert window.isVisible() and window.roster.model.rowCount() > 0
            stall_ms = 1000 * turns["longest"]
            print(f"MATHS {now - started_at:.4f} {stall_ms:.1f}", flush=True)
            window.close_store()
            app.quit()
        else:
            QTimer.singleShot(5, wait_for_maths)

    QTimer.singleShot(0, wait_for_maths)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
