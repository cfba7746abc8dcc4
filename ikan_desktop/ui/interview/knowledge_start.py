"""Starting a knowledge check: where to begin (the app suggests, the teacher decides), its
recording, and its window."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ikan_desktop.domain.script_records import KnowledgeCheck
from ikan_desktop.domain.scripts import load_knowledge_check
from ikan_desktop.domain.students import Student
from ikan_desktop.store.database import Store
from ikan_desktop.ui import clean_stop
from ikan_desktop.ui.interview.knowledge_recording import KnowledgeRecording
from ikan_desktop.ui.interview.knowledge_window import KnowledgeWindow
from ikan_desktop.workflows.knowledge_check import KnowledgeCheckRun, bank_name, suggested_start


class StartKnowledgeDialog(QDialog):
    """Where to begin: the app suggests, the teacher agrees or changes it."""

    def __init__(
        self,
        parent: QWidget | None,
        check: KnowledgeCheck,
        student: Student,
        reason: str,
        counting: bool,
        bank_id: str,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Start a knowledge check — {student.name}")
        self.setMinimumWidth(520)
        self.start = QComboBox(objectName="startChoice")
        first = check.banks[0]
        self.start.addItem(f"{check.counting_title}, then {bank_name(first)}", (True, first.id))
        for bank in check.banks:
            self.start.addItem(f"Start at {bank_name(bank)} — {bank.label}", (False, bank.id))
        self.start.setCurrentIndex(
            0 if counting else 1 + [b.id for b in check.banks].index(bank_id)
        )
        note = QLabel(reason, wordWrap=True, styleSheet="color: #444;")
        form = QFormLayout()
        form.addRow("&Start with", self.start)
        form.addRow("", note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton("&Start the check", QDialogButtonBox.ButtonRole.AcceptRole).setDefault(
            True
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def chosen(self) -> tuple[bool, str]:
        """(with the counting interview, first bank id)."""
        return self.start.currentData()


def open_knowledge_check(
    parent: QWidget | None, store: Store, student: Student
) -> KnowledgeWindow | None:
    """Ask where to start, then open the knowledge check for this student (None if cancelled)."""
    check = load_knowledge_check()
    point = suggested_start(store, student.id, check)
    recording = KnowledgeRecording(parent, store, student)
    reason = f"{point.reason}\n{recording.plan.reason}"
    dialog = StartKnowledgeDialog(parent, check, student, reason, point.counting, point.bank_id)
    if not dialog.exec():
        recording.deleteLater()
        return None
    counting, bank_id = dialog.chosen()
    run = KnowledgeCheckRun.start(
        store,
        student_id=student.id,
        check=check,
        clock=recording.clock,
        start_bank=bank_id,
        counting=counting,
    )
    window = KnowledgeWindow(run, student_name=student.name)
    if recording.recorder is not None:  # a microphone unplugged or a full disk is said
        recording.recorder.failed.connect(window.show_problem)
    recording.start(run.session_id)
    recording.setParent(window)  # lives as long as the check's window
    window.finished.connect(recording.finish)
    clean_stop.when_stopping(run.finish)  # a logout or shutdown ends the check as Stop would
    window.finished.connect(lambda _session_id: clean_stop.forget(run.finish))
    if len(QGuiApplication.screens()) > 1:
        window.card_view.place()
    window.show()
    return window
