"""The app's face: its icon (window, task bar) and the About box."""

from __future__ import annotations

import platform
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QMessageBox, QWidget

from ikan_desktop import __version__
from ikan_desktop.domain.content import resource_path
from ikan_desktop.store.logbook import log_folder

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)


def app_icon() -> QIcon:
    """The icon at every size shipped, so each place picks a sharp one (no SVG plugin needed)."""
    icon = QIcon()
    for size in ICON_SIZES:
        path = resource_path("icons", f"ikan-desktop-{size}.png")
        if path.is_file():
            icon.addFile(str(path))
    return icon


def set_identity(app: QGuiApplication) -> None:
    """Name the app and give every window its icon; the desktop file ties it to the menu entry."""
    app.setApplicationName("ikan-desktop")
    app.setOrganizationName("ikan-desktop")
    app.setApplicationDisplayName("ikan-desktop")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("ikan-desktop")
    app.setWindowIcon(app_icon())


def about_text(data_folder: Path) -> str:
    """What the About box says: version, licence, where the data and the log live."""
    return (
        f"<h3>ikan-desktop {__version__}</h3>"
        "<p>One-on-one number strategy interviews: guide, record, tag, review and report, "
        "offline. Nothing is ever sent over a network.</p>"
        f"<p><b>Your data</b> (the database and recordings) is in:<br><tt>{data_folder}</tt></p>"
        f"<p><b>The app's log</b> (no names, no audio) is in:<br>"
        f"<tt>{log_folder(data_folder)}</tt></p>"
        "<p>Free software under the MIT licence. The interview tasks and descriptors are "
        "original writing; the DejaVu fonts have their own free licence.</p>"
        f"<p><small>Qt {pyside_version} · Python {platform.python_version()} · "
        f"{platform.system()} {platform.release()}</small></p>"
    )


def show_about(parent: QWidget, data_folder: Path) -> None:
    """The About box, with the app's icon."""
    box = QMessageBox(parent)
    box.setObjectName("aboutBox")
    box.setWindowTitle("About ikan-desktop")
    box.setIconPixmap(app_icon().pixmap(96, 96))
    box.setText(about_text(data_folder))
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    box.exec()
