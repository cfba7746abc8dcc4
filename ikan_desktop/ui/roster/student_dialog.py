"""Add or edit a student: a plain form, keyboard first, problems shown beside the buttons."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ikan_desktop.domain.students import Student, StudentDetails

NO_YEAR = -1


class StudentDialog(QDialog):
    """The details of one student. `details()` gives what was typed; validation is the caller's."""

    def __init__(
        self, parent: QWidget | None, *, classes: list[str], student: Student | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit student" if student else "Add a student")
        self.setMinimumWidth(460)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        self.name = QLineEdit(objectName="name", placeholderText="First and last name")
        self.preferred = QLineEdit(objectName="preferredName", placeholderText="Optional")
        self.external_id = QLineEdit(objectName="externalId", placeholderText="Optional")
        self.class_name = QComboBox(objectName="className", editable=True)
        self.class_name.addItems(classes)
        self.class_name.setCurrentText("")
        self.class_name.lineEdit().setPlaceholderText("Type a class or pick one")
        self.year_level = QSpinBox(objectName="yearLevel", minimum=NO_YEAR, maximum=13)
        self.year_level.setSpecialValueText("Not known")
        self.year_level.setValue(NO_YEAR)
        self.start_known = QCheckBox("Known", objectName="startKnown")
        self.start_date = _date_edit("startDate")
        self.consent = QCheckBox("The family has agreed to audio recording", objectName="consent")
        self.consent_date = _date_edit("consentDate")

        form.addRow("&Name", self.name)
        form.addRow("&Preferred name", self.preferred)
        form.addRow("&Class", self.class_name)
        form.addRow("&Year level", self.year_level)
        form.addRow("School &start date", _pair(self.start_known, self.start_date))
        form.addRow("School-system &ID", self.external_id)
        form.addRow("Recording", self.consent)
        form.addRow("Consent &given on", self.consent_date)

        self.problems = QLabel(objectName="problems", wordWrap=True)
        self.problems.setStyleSheet("color: #a40000;")
        self.problems.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problems)
        layout.addWidget(buttons)

        self.start_known.toggled.connect(self.start_date.setEnabled)
        self.consent.toggled.connect(self.consent_date.setEnabled)
        self.start_date.setEnabled(False)
        self.consent_date.setEnabled(False)
        if student:
            self._fill(student.details)
        self.name.setFocus()

    def _fill(self, d: StudentDetails) -> None:
        self.name.setText(d.name)
        self.preferred.setText(d.preferred_name)
        self.external_id.setText(d.external_id)
        self.class_name.setCurrentText(d.class_name)
        self.year_level.setValue(NO_YEAR if d.year_level is None else d.year_level)
        if d.school_start_date:
            self.start_known.setChecked(True)
            self.start_date.setDate(_qdate(d.school_start_date))
        self.consent.setChecked(d.recording_consent)
        if d.consent_date:
            self.consent_date.setDate(_qdate(d.consent_date))

    def details(self) -> StudentDetails:
        """What the form holds now."""
        year = self.year_level.value()
        return StudentDetails(
            name=self.name.text(),
            preferred_name=self.preferred.text(),
            external_id=self.external_id.text(),
            year_level=None if year == NO_YEAR else year,
            school_start_date=self.start_date.date().toPython()
            if self.start_known.isChecked()
            else None,
            class_name=self.class_name.currentText(),
            recording_consent=self.consent.isChecked(),
            consent_date=self.consent_date.date().toPython() if self.consent.isChecked() else None,
        )

    def show_problems(self, problems: list[str]) -> None:
        """Keep the dialog open and say what to fix."""
        self.problems.setText("\n".join(problems))
        self.problems.show()


def _date_edit(name: str) -> QDateEdit:
    edit = QDateEdit(objectName=name, calendarPopup=True)
    edit.setDisplayFormat("d MMM yyyy")
    edit.setMaximumDate(QDate.currentDate())
    edit.setDate(QDate.currentDate())
    return edit


def _pair(first: QWidget, second: QWidget) -> QWidget:
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(first)
    row.addWidget(second, 1)
    row.setAlignment(Qt.AlignmentFlag.AlignLeft)
    return box


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)
