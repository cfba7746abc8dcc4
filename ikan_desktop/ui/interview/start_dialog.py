"""Starting an interview: the suggested form and start section, and whether there will be audio."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ikan_desktop.audio import AudioPlan
from ikan_desktop.workflows.interview_plan import PlannedSection


class StartInterviewDialog(QDialog):
    """The teacher confirms (or changes) the app's suggestions, then starts."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        student_name: str,
        forms: Sequence[str],
        suggested_form: str,
        sections: Sequence[PlannedSection],
        suggested_section: PlannedSection,
        start_reason: str,
        audio: AudioPlan,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Start an interview — {student_name}")
        self.setMinimumWidth(560)
        self.form = QComboBox(objectName="formChoice")
        for form in forms:
            label = f"Form {form}" + ("  (next in rotation)" if form == suggested_form else "")
            self.form.addItem(label, form)
        self.form.setCurrentIndex(list(forms).index(suggested_form))
        self.section = QComboBox(objectName="sectionChoice")
        for section in sections:
            marker = "  (suggested)" if section.id == suggested_section.id else ""
            self.section.addItem(f"{section.title} — {section.band}{marker}", section.id)
        self.section.setCurrentIndex([s.id for s in sections].index(suggested_section.id))
        reason = QLabel(start_reason, wordWrap=True)
        reason.setStyleSheet("color: #444;")
        self.audio_note = QLabel(audio.reason, objectName="audioNote", wordWrap=True)
        colour = "#1f6b2f" if audio.record else "#8a5a00"
        self.audio_note.setStyleSheet(f"color: {colour}; font-weight: 600;")
        self.check_microphone = QPushButton("Check the &microphone…", objectName="checkMic")
        self.check_microphone.setAutoDefault(False)  # Enter starts, it never opens the check

        form = QFormLayout()
        form.addRow("&Form", self.form)
        form.addRow(
            "", QLabel("Forms rotate so a child never meets the same tasks twice in a row.")
        )
        form.addRow("Begin &at", self.section)
        form.addRow("", reason)
        form.addRow("Audio", self.audio_note)
        form.addRow("", self.check_microphone)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.start_button = buttons.addButton(
            "&Start interview", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        # Only once the buttons are in the dialog does "default" stick (Enter = Start).
        self.cancel_button.setAutoDefault(False)
        self.start_button.setDefault(True)
        for before, after in (
            (self.form, self.section),
            (self.section, self.check_microphone),
            (self.check_microphone, self.start_button),
            (self.start_button, self.cancel_button),
        ):
            QWidget.setTabOrder(before, after)
        self.form.setFocus()

    def chosen_form(self) -> str:
        return self.form.currentData()

    def chosen_section(self) -> str:
        return self.section.currentData()
