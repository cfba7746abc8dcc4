"""Add or edit a student: a plain form, keyboard first, problems shown beside the buttons."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
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

from ikan_desktop.domain.dates import DAY_FIRST, UnreadableDate
from ikan_desktop.domain.students import Student, StudentDetails
from ikan_desktop.ui.widgets.date_field import DateField

NO_YEAR = -1


class StudentDialog(QDialog):
    """The details of one student. `details()` gives what was typed; validation is the caller's."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        classes: list[str],
        student: Student | None = None,
        class_name: str = "",
        date_order: str = DAY_FIRST,
    ) -> None:
        super().__init__(parent)
        self.add_another = False
        self.warned_about = ""
        self.setWindowTitle("Edit student" if student else "Add a student")
        self.setMinimumWidth(460)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        self.name = QLineEdit(objectName="name", placeholderText="First and last name")
        self.preferred = QLineEdit(objectName="preferredName", placeholderText="Optional")
        self.external_id = QLineEdit(objectName="externalId", placeholderText="Optional")
        self.class_name = QComboBox(objectName="className", editable=True)
        self.class_name.addItems(classes)
        self.class_name.setCurrentText(class_name)
        self.class_name.lineEdit().setPlaceholderText("Type a class or pick one")
        self.year_level = QSpinBox(objectName="yearLevel", minimum=NO_YEAR, maximum=13)
        self.year_level.setSpecialValueText("Not known")
        self.year_level.setValue(NO_YEAR)
        self.start_known = QCheckBox("&Known", objectName="startKnown")
        self.start_date = DateField("startDate", order=date_order, latest=date.today())
        self.birth_known = QCheckBox("Kno&wn", objectName="birthKnown")
        self.birth_date = DateField("birthDate", order=date_order, latest=date.today())
        self.consent = QCheckBox("The family has agreed to audio &recording", objectName="consent")
        self.consent_date = DateField("consentDate", order=date_order, latest=date.today())
        self.consent_date.set_date(date.today())

        form.addRow("&Name", self.name)
        form.addRow("&Preferred name", self.preferred)
        form.addRow("&Class", self.class_name)
        form.addRow("&Year level", self.year_level)
        start_row = _pair(self.start_known, self.start_date)
        form.addRow("School &start date", start_row)
        form.labelForField(start_row).setBuddy(self.start_known)  # a row widget takes no focus
        birth_row = _pair(self.birth_known, self.birth_date)
        form.addRow("Date of &birth", birth_row)
        form.labelForField(birth_row).setBuddy(self.birth_known)
        form.addRow("School-system &ID", self.external_id)
        form.addRow("Recording", self.consent)
        form.addRow("Consent &given on", self.consent_date)

        self.problems = QLabel(objectName="problems", wordWrap=True)
        self.problems.setStyleSheet("color: #a40000;")
        self.problems.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        if student is None:
            another = buttons.addButton(
                "Save and add &another", QDialogButtonBox.ButtonRole.ActionRole
            )
            another.setObjectName("saveAndAddAnother")
            another.clicked.connect(self._save_and_add_another)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problems)
        layout.addWidget(buttons)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setDefault(True)

        self.start_known.toggled.connect(self.start_date.setEnabled)
        self.consent.toggled.connect(self.consent_date.setEnabled)
        self.start_date.setEnabled(False)
        self.birth_known.toggled.connect(self.birth_date.setEnabled)
        self.birth_date.setEnabled(False)
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
            self.start_date.set_date(d.school_start_date)
        if d.date_of_birth:
            self.birth_known.setChecked(True)
            self.birth_date.set_date(d.date_of_birth)
        self.consent.setChecked(d.recording_consent)
        if d.consent_date:
            self.consent_date.set_date(d.consent_date)

    def details(self) -> StudentDetails:
        """What the form holds now (a date that cannot be read counts as not given)."""
        year = self.year_level.value()
        return StudentDetails(
            name=self.name.text(),
            preferred_name=self.preferred.text(),
            external_id=self.external_id.text(),
            year_level=None if year == NO_YEAR else year,
            school_start_date=_read(self.start_date) if self.start_known.isChecked() else None,
            class_name=self.class_name.currentText(),
            recording_consent=self.consent.isChecked(),
            consent_date=_read(self.consent_date) if self.consent.isChecked() else None,
            date_of_birth=_read(self.birth_date) if self.birth_known.isChecked() else None,
        )

    def date_problems(self) -> list[str]:
        """Typed dates that are not dates, in words that say how to write one."""
        found = []
        for label, field, used in (
            ("School start date", self.start_date, self.start_known.isChecked()),
            ("Date of birth", self.birth_date, self.birth_known.isChecked()),
            ("Consent date", self.consent_date, self.consent.isChecked()),
        ):
            try:
                if used:
                    field.date()
            except UnreadableDate as error:
                found.append(f"{label}: {error}")
        return found

    def show_problems(self, problems: list[str], *, warning: bool = False) -> None:
        """Keep the dialog open and say what to fix (or, for a warning, what to check)."""
        self.problems.setText("\n".join(problems))
        self.problems.setStyleSheet("color: #7a5300;" if warning else "color: #a40000;")
        self.problems.show()

    def clear_for_next(self) -> None:
        """Ready for the next child of the same class: the class and year level stay."""
        for line in (self.name, self.preferred, self.external_id):
            line.clear()
        self.start_known.setChecked(False)
        self.start_date.set_date(None)
        self.birth_known.setChecked(False)
        self.birth_date.set_date(None)
        self.consent.setChecked(False)
        self.consent_date.set_date(date.today())
        self.problems.hide()
        self.add_another = False
        self.warned_about = ""
        self.name.setFocus()

    def _save(self) -> None:
        self.add_another = False
        self.accept()

    def _save_and_add_another(self) -> None:
        self.add_another = True
        self.accept()


def _read(field: DateField) -> date | None:
    try:
        return field.date()
    except UnreadableDate:
        return None


def _pair(first: QWidget, second: QWidget) -> QWidget:
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(first)
    row.addWidget(second, 1)
    row.setAlignment(Qt.AlignmentFlag.AlignLeft)
    return box
