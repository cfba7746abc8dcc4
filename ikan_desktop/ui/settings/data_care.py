"""Settings for keeping data safe: where automatic backups go, how many to keep, and retention.

A page (`DataCarePage`) that a general Settings dialog can embed, and a small dialog of its own.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ikan_desktop.store import Store
from ikan_desktop.store.settings import set_setting
from ikan_desktop.workflows import auto_backup, retention


class DataCarePage(QWidget):
    """Backup folder, backups kept, retention months and automatic deletion."""

    title = "Backups and retention"

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setObjectName("dataCarePage")
        folder = auto_backup.automatic_folder(store)
        self.folder = QLineEdit(str(folder) if folder else "", objectName="backupFolder")
        self.folder.setPlaceholderText("No automatic backups")
        choose = QPushButton("C&hoose…", objectName="chooseBackupFolder")
        choose.clicked.connect(self._choose)
        clear = QPushButton("O&ff", objectName="clearBackupFolder")
        clear.clicked.connect(self.folder.clear)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(choose)
        row.addWidget(clear)
        self.keep = QSpinBox(objectName="backupKeep", minimum=1, maximum=100, suffix=" backups")
        self.keep.setValue(auto_backup.keep_count(store))
        self.months = QSpinBox(
            objectName="retentionMonths", minimum=0, maximum=240, suffix=" months"
        )
        self.months.setSpecialValueText("Keep until deleted by hand")
        self.months.setValue(retention.retention_months(store))
        self.auto = QCheckBox(
            "&Delete them without asking",
            objectName="retentionAuto",
            checked=retention.auto_delete(store),
        )
        note = QLabel(
            "An automatic backup is written each time the app closes, to a folder you choose "
            "(a USB stick, a school drive). Only the newest are kept. Recordings older than the "
            "retention period are deleted at start-up (and daily); observations, stages and notes "
            "are always kept."
        )
        note.setWordWrap(True)
        note.setMinimumWidth(520)
        form = QFormLayout()
        folder_label = QLabel("Automatic &backups to")
        folder_label.setBuddy(self.folder)  # a row holding a layout gets no buddy by itself
        form.addRow(folder_label, row)
        form.addRow("&Keep the last", self.keep)
        form.addRow("Delete &recordings after", self.months)
        form.addRow("", self.auto)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(note)
        layout.addLayout(form)

    def _choose(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, "Folder for automatic backups", self.folder.text() or str(Path.home())
        )
        if chosen:
            self.folder.setText(chosen)

    def save(self, store: Store | None = None) -> None:
        """Store what is shown (Settings passes its store; this page already holds it)."""
        set_setting(self.store, auto_backup.FOLDER_KEY, self.folder.text().strip())
        set_setting(self.store, auto_backup.KEEP_KEY, str(self.keep.value()))
        retention.save_retention(
            self.store, months=self.months.value(), automatic=self.auto.isChecked()
        )


class DataCareDialog(QDialog):
    """The page on its own, with OK and Cancel."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dataCareDialog")
        self.setWindowTitle("Backups and retention")
        self.page = DataCarePage(store, self)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.page)
        layout.addWidget(buttons)
        self.setMinimumWidth(620)

    def accept(self) -> None:
        self.page.save()
        super().accept()
