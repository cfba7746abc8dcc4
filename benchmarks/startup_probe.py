"""Started as its own process: open the app on a data folder and exit once the window is idle."""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer

from ikan_desktop.app import start_app


def main() -> int:
    started = start_app(data_dir=sys.argv[1])
    if started is None:
        return 2
    app, window = started

    def idle() -> None:
        assert window.isVisible() and window.roster.model.rowCount() > 0
        print("IDLE", flush=True)
        window.close_store()
        app.quit()

    QTimer.singleShot(0, idle)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
