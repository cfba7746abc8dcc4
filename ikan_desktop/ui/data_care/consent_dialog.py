"""A child's recording consent as a history, and withdrawing it with a choice about recordings."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ikan_desktop.domain.students import StudentDetails
from ikan_desktop.store import Store
from ikan_desktop.store import students as student_store
from ikan_desktop.store.consent import consent_history
from ikan_desktop.workflows import consent
from ikan_desktop.workflows.deletion import long_date, plural
from ikan_desktop.workflows.retention import retention_months


def ask_about_recordings(
    parent: QWidget | None, store: Store, student_id: str
) -> consent.ExistingRecordings | None:
    """Withdrawing consent: delete the child's recordings now, or keep them until retention.

    None when the teacher cancels. When there are no recordings there is nothing to ask.
    """
    recorded = consent.recorded_sessions(store, student_id)
    if not recorded:
        return consent.ExistingRecordings.KEEP_UNTIL_RETENTION
    name = student_store.get_student(store, student_id).name
    months = retention_months(store)
    keep_until = (
        f"kept until {months} months after each interview, then deleted"
        if months
        else "kept until you delete them (retention is off)"
    )
    box = QMessageBox(QMessageBox.Icon.Question, "Recording consent withdrawn", "", parent=parent)
    box.setObjectName("withdrawConsent")
    box.setText(f"<b>{name} has {plural(len(recorded), 'recorded interview')}.</b>")
    box.setInformativeText(
        "What should happen to them? Deleting removes only the audio: the observations, "
        f"stages and notes stay. If you keep them, they stay playable and are {keep_until}."
    )
    delete = box.addButton("Delete the recordings now", QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton("Keep until the retention date", QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(delete)
    box.setEscapeButton(cancel)
    box.exec()
    if box.clickedButton() is delete:
        return consent.ExistingRecordings.DELETE_NOW
    if box.clickedButton() is keep:
        return consent.ExistingRecordings.KEEP_UNTIL_RETENTION
    return None


def confirm_consent_change(
    parent: QWidget | None, store: Store, student_id: str | None, details: StudentDetails
) -> bool:
    """Before the student's details are saved: if consent is being withdrawn, ask and act.

    False when the teacher cancelled (nothing saved yet).
    """
    if student_id is None or details.problems():
        return True  # a new child has no recordings; invalid details are refused first
    before = student_store.get_student(store, student_id).details.recording_consent
    if not before or details.recording_consent:
        return True
    choice = ask_about_recordings(parent, store, student_id)
    if choice is None:
        return False
    consent.withdraw_consent(store, student_id, date.today(), recordings=choice)
    return True


class ConsentDialog(QDialog):
    """The child's consent history, with buttons to record it given or withdrawn."""

    def __init__(self, parent: QWidget | None, store: Store, student_id: str) -> None:
        super().__init__(parent)
        self.store, self.student_id = store, student_id
        self.setObjectName("consentDialog")
        self.student = student_store.get_student(store, student_id)
        self.setWindowTitle(f"Recording consent — {self.student.name}")
        self.resize(720, 380)
        self.state = QLabel(objectName="consentState")
        self.table = QTableWidget(0, 4, objectName="consentHistory")
        self.table.setHorizontalHeaderLabels(["Date", "Consent", "Recorded by", "Note"])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.give = QPushButton("Consent &given…", objectName="giveConsent")
        self.withdraw = QPushButton("Consent &withdrawn…", objectName="withdrawConsentButton")
        self.give.clicked.connect(self._give)
        self.withdraw.clicked.connect(self._withdraw)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.give)
        row.addWidget(self.withdraw)
        row.addStretch(1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self._show()

    def _show(self) -> None:
        self.student = student_store.get_student(self.store, self.student_id)
        history = consent_history(self.store, self.student_id)
        given = self.student.details.recording_consent
        self.state.setText(
            f"<b>{self.student.name}</b>: interviews "
            + ("<b>are recorded</b> (consent given)." if given else "<b>are not recorded</b>.")
        )
        rows = [(long_date(e.on_date), e.event, e.recorded_by, e.note) for e in reversed(history)]
        details = self.student.details
        if not history and given and details.consent_date:
            # Consent ticked before the history was kept (or by an import): show what is known.
            rows.append(
                (
                    long_date(details.consent_date.isoformat()),
                    "given",
                    "",
                    "from the student's details",
                )
            )
        self.table.setRowCount(len(rows))
        for row, values in enumerate(rows):
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        self.give.setEnabled(not given)
        self.withdraw.setEnabled(given)

    def _ask_date(self, title: str) -> tuple[date, str] | None:
        ask = QDialog(self)
        ask.setWindowTitle(title)
        when = QDateEdit(QDate.currentDate(), calendarPopup=True, objectName="consentDate")
        when.setMaximumDate(QDate.currentDate())
        note = QLineEdit(objectName="consentNote", placeholderText="e.g. form signed by the parent")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(ask.accept)
        buttons.rejected.connect(ask.reject)
        form = QFormLayout(ask)
        form.addRow("On", when)
        form.addRow("Note", note)
        form.addRow(buttons)
        if not ask.exec():
            return None
        return when.date().toPython(), note.text().strip()

    def _give(self) -> None:
        answer = self._ask_date("Recording consent given")
        if answer:
            consent.give_consent(self.store, self.student_id, answer[0], note=answer[1])
            self._show()

    def _withdraw(self) -> None:
        answer = self._ask_date("Recording consent withdrawn")
        if answer is None:
            return
        choice = ask_about_recordings(self, self.store, self.student_id)
        if choice is None:
            return
        deleted = consent.withdraw_consent(
            self.store, self.student_id, answer[0], recordings=choice, note=answer[1]
        )
        self._show()
        if deleted:
            self.state.setText(self.state.text() + f" {plural(deleted, 'recording')} deleted.")
