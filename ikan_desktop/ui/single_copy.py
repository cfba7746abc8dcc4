"""One copy of the app per data folder: the second one says so plainly and leaves."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from ikan_desktop.store import folder_lock


def claim_data_folder(folder: Path) -> bool:
    """Hold the data folder for this run; False (after telling the teacher) when it is taken."""
    try:
        folder_lock.acquire(folder)
    except folder_lock.FolderInUse as in_use:
        box = QMessageBox()
        box.setObjectName("alreadyOpen")
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle("ikan-desktop")
        box.setText("<b>ikan-desktop is already open</b>")
        box.setInformativeText(
            f"It is open on the data folder {in_use.folder}. Switch to that window (it may be "
            "behind others or minimised), or close it there and try again. Nothing was changed."
        )
        box.setStandardButtons(QMessageBox.StandardButton.Close)
        box.exec()
        return False
    except OSError:
        return True  # a folder that cannot hold the lock file: opening the data explains why
    return True


def let_go_of_data_folder(folder: Path) -> None:
    """The app is closing: the next copy may open the folder."""
    folder_lock.release(folder)
