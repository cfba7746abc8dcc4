"""Settings: one dialog with a page per subject, easy to extend.

A page is any widget with a `title` and a `save(store)` method; it reads its own values when it
is built. Other parts of the app add theirs with `add_settings_page(factory)` (a function of the
store that returns a page), and the dialog lists them after the built-in ones.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ikan_desktop.store.database import Store
from ikan_desktop.ui.screen_fit import fit_to_screen
from ikan_desktop.ui.settings.extra_pages import PageFactory, add_settings_page, extra_pages
from ikan_desktop.workflows import roster
from ikan_desktop.workflows.preferences import (
    PREROLL_CHOICES,
    TEXT_SIZES,
    read_preferences,
    save_preferences,
)


class SettingsPage(Protocol):
    """What the dialog needs from a page."""

    title: str

    def save(self, store: Store) -> None: ...


class TeacherPage(QWidget):
    """Who the teacher is: shown on confirmations and printed profiles."""

    title = "Teacher and school"

    def __init__(self, store: Store) -> None:
        super().__init__()
        prefs = read_preferences(store)
        self.teacher = QLineEdit(prefs.teacher_name, objectName="teacherName")
        self.teacher.setPlaceholderText("e.g. Whaea Mere")
        self.school = QLineEdit(prefs.school_name, objectName="schoolName")
        self.default_class = QComboBox(objectName="defaultClass", editable=True)
        self.default_class.addItems(roster.class_names(store))
        self.default_class.setCurrentText(prefs.default_class)
        form = QFormLayout(self)
        form.addRow("&Your name", self.teacher)
        form.addRow("", _hint("Confirmations are made in this name; profiles print it."))
        form.addRow("&School", self.school)
        form.addRow("Default c&lass", self.default_class)  # Alt+C is Cancel
        form.addRow("", _hint("New students are put in this class unless you choose another."))

    def save(self, store: Store) -> None:
        prefs = read_preferences(store).changed(
            teacher_name=self.teacher.text(),
            school_name=self.school.text(),
            default_class=self.default_class.currentText(),
        )
        save_preferences(store, prefs)


class InterviewPage(QWidget):
    """How the app listens and looks: microphone, text size, review pre-roll."""

    title = "Microphone and screen"

    def __init__(self, store: Store) -> None:
        super().__init__()
        from ikan_desktop.audio.devices import input_devices

        prefs = read_preferences(store)
        self.microphone = QComboBox(objectName="microphoneChoice")
        self.microphone.addItem("The computer's default microphone", b"")
        for device in input_devices():
            self.microphone.addItem(device.name, device.id)
        index = self.microphone.findData(prefs.microphone)
        if prefs.microphone and index < 0:
            self.microphone.addItem(
                "The microphone chosen before (not plugged in)", prefs.microphone
            )
            index = self.microphone.count() - 1
        self.microphone.setCurrentIndex(max(index, 0))
        self.check = QPushButton("Chec&k it…", objectName="settingsCheckMic")
        self.check.clicked.connect(self._check)
        self.text_size = QComboBox(objectName="textSize")
        for size in TEXT_SIZES:
            self.text_size.addItem("Normal" if size == 100 else f"{size} %", size)
        self.text_size.setCurrentIndex(max(0, self.text_size.findData(prefs.text_size)))
        self.preroll = QComboBox(objectName="prerollChoice")
        for seconds in PREROLL_CHOICES:
            self.preroll.addItem(f"{seconds} s before the tag", seconds)
        self.preroll.setCurrentIndex(max(0, self.preroll.findData(prefs.preroll_s)))
        mic_row = QHBoxLayout()
        mic_row.addWidget(self.microphone, 1)
        mic_row.addWidget(self.check)
        form = QFormLayout(self)
        mic_label = QLabel("&Microphone")
        mic_label.setBuddy(self.microphone)  # a row holding a layout gets no buddy by itself
        form.addRow(mic_label, mic_row)
        form.addRow("&Text size", self.text_size)
        form.addRow("Review &pre-roll", self.preroll)
        form.addRow("", _hint("Clicking a tag in review plays from this long before it."))

    def _check(self) -> None:
        from ikan_desktop.ui.settings.microphone_check import check_microphone

        chosen = check_microphone(self, device_id=bytes(self.microphone.currentData() or b""))
        index = self.microphone.findData(chosen)
        if chosen and index >= 0:
            self.microphone.setCurrentIndex(index)

    def save(self, store: Store) -> None:
        prefs = read_preferences(store).changed(
            microphone=bytes(self.microphone.currentData() or b""),
            text_size=int(self.text_size.currentData()),
            preroll_s=int(self.preroll.currentData()),
        )
        save_preferences(store, prefs)


class SettingsDialog(QDialog):
    """Pages on the left, the chosen page on the right; OK saves every page."""

    saved = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.setObjectName("settingsDialog")
        self.store = store
        factories: list[PageFactory] = [TeacherPage, InterviewPage, *extra_pages()]
        self.pages = [factory(store) for factory in factories]
        self.contents = QListWidget(objectName="settingsPages")
        self.stack = QStackedWidget()
        for page in self.pages:
            self.contents.addItem(page.title)  # type: ignore[attr-defined]
            self.stack.addWidget(page)
        self.contents.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.contents.setCurrentRow(0)
        self.contents.setMaximumWidth(200)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        body = QHBoxLayout()
        body.addWidget(self.contents)
        body.addWidget(self.stack, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, 720, 380)

    def show_page(self, title: str) -> None:
        """Open on the page with this title (the first page when there is none)."""
        titles = [page.title for page in self.pages]  # type: ignore[attr-defined]
        self.contents.setCurrentRow(titles.index(title) if title in titles else 0)

    def accept(self) -> None:
        for page in self.pages:
            page.save(self.store)  # type: ignore[attr-defined]
        self.saved.emit()
        super().accept()


def open_settings(parent: QWidget, store: Store, page: str = "") -> bool:
    """Show Settings (on the page titled `page`, if given); True when the teacher saved them."""
    dialog = SettingsDialog(store, parent)
    dialog.show_page(page)
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()


def _hint(text: str) -> QLabel:
    label = QLabel(text, wordWrap=True)
    label.setStyleSheet("color: #555;")
    return label


__all__ = ["SettingsDialog", "add_settings_page", "open_settings"]
