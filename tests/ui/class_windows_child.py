"""Open the class overview and the groups on the configured screen; print where they landed."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from ikan_desktop.store import open_store
from ikan_desktop.ui.overview.groups_window import GroupsWindow
from ikan_desktop.ui.overview.overview_window import OverviewWindow
from ikan_desktop.ui.screen_fit import available_area
from ikan_desktop.workflows import roster


def main() -> None:
    app = QApplication(sys.argv)
    with open_store(Path(sys.argv[1])) as store:
        roster.seed_demo_class(store)
        name = roster.class_names(store)[0]
        for window in (OverviewWindow(store, [name], name), GroupsWindow(store, name)):
            window.show()
            app.processEvents()
            frame, area = window.frameGeometry(), available_area(window)
            print(
                json.dumps(
                    {
                        "window": window.windowTitle(),
                        "frame": frame.getRect(),
                        "area": area.getRect(),
                    }
                )
            )
            window.hide()


if __name__ == "__main__":
    main()
