"""The student list with search, add, edit and archive — all reachable from the keyboard."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ikan_desktop.audio.signals import emit_safely
from ikan_desktop.domain.students import Student
from ikan_desktop.store import Store
from ikan_desktop.ui.roster.maths_columns import fit_table
from ikan_desktop.ui.roster.student_table import StudentTableModel
from ikan_desktop.ui.widgets.row_table import row_table


class RosterPage(QWidget):
    """Students of the open store. Emits requests; the main window carries them out."""

    add_requested = Signal()
    edit_requested = Signal(str)
    archive_requested = Signal(str, bool)
    interview_requested = Signal(str)
    profile_requested = Signal(str)
    knowledge_requested = Signal(str)
    reviews_requested = Signal(str)

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.model = StudentTableModel(store)
        self.search = QLineEdit(objectName="search", placeholderText="Search students (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.show_archived = QCheckBox("&Show archived", objectName="showArchived")
        self.count = QLabel(objectName="studentCount")
        self.table = row_table("students", self.model, (230, 130, 150, 60, 150))
        self.table.verticalHeader().setDefaultSectionSize(30)
        self.table.setTabKeyNavigation(False)
        fit_table(self.table)

        self.interview_button = QPushButton("Start &interview…", objectName="startInterview")
        self.interview_button.setStyleSheet("font-weight: 600; padding: 4px 14px;")
        self.profile_button = QPushButton("&Profile…", objectName="showProfile")
        self.knowledge_button = QPushButton("&Knowledge check…", objectName="knowledgeCheck")
        self.reviews_button = QPushButton("Re&view interviews…", objectName="reviewInterviews")
        self.add_button = QPushButton("&Add student", objectName="addStudent")
        self.edit_button = QPushButton("&Edit…", objectName="editStudent")
        self.archive_button = QPushButton("A&rchive", objectName="archiveStudent")

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.show_archived)
        actions = QHBoxLayout()
        actions.addWidget(self.count)
        actions.addStretch()
        for button in (self.add_button, self.edit_button, self.archive_button):
            actions.addWidget(button)
        actions.addSpacing(16)
        actions.addWidget(self.reviews_button)
        actions.addWidget(self.profile_button)
        actions.addWidget(self.knowledge_button)
        actions.addWidget(self.interview_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)

        self.search.textChanged.connect(lambda text: self._refilter(search=text))
        self.show_archived.toggled.connect(lambda on: self._refilter(include_archived=on))
        self.add_button.clicked.connect(self.add_requested)
        self.edit_button.clicked.connect(self._edit_selected)
        self.archive_button.clicked.connect(self._archive_selected)
        self.interview_button.clicked.connect(self._interview_selected)
        self.profile_button.clicked.connect(self._profile_selected)
        self.knowledge_button.clicked.connect(self._knowledge_selected)
        self.reviews_button.clicked.connect(self._reviews_selected)
        QShortcut(QKeySequence("Ctrl+R"), self, self._reviews_selected)
        QShortcut(QKeySequence("Ctrl+K"), self, self._knowledge_selected)
        QShortcut(QKeySequence("Ctrl+P"), self, self._profile_selected)
        QShortcut(QKeySequence("Ctrl+I"), self, self._interview_selected)
        self.table.activated.connect(lambda _index: self._edit_selected())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus)
        QShortcut(QKeySequence(Qt.Key.Key_F2), self, self._edit_selected)
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self.table, self._archive_selected)
        self._update_buttons()

    def set_store(self, store: Store) -> None:
        self.model.set_store(store)
        self._update_buttons()

    def reload(self, *, select: str | None = None) -> None:
        """Re-read the list, keeping (or moving) the selection."""
        keep = select or (self.selected().id if self.selected() else None)
        self.model.reload()
        if keep:
            self.select_student(keep)
        self._update_buttons()

    def select_student(self, student_id: str) -> None:
        row = self.model.row_of(student_id)
        if row is None:
            return
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)

    def selected(self) -> Student | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.student_at(rows[0].row()) if rows else None

    def _refilter(self, **changes: object) -> None:
        self.model.set_filter(**changes)  # type: ignore[arg-type]
        self._update_buttons()

    def _update_buttons(self) -> None:
        student = self.selected()
        self.edit_button.setEnabled(student is not None)
        self.archive_button.setEnabled(student is not None)
        self.interview_button.setEnabled(student is not None and not student.archived)
        self.profile_button.setEnabled(student is not None)
        self.reviews_button.setEnabled(student is not None)
        self.knowledge_button.setEnabled(student is not None and not student.archived)
        self.archive_button.setText("&Restore" if student and student.archived else "A&rchive")
        total = self.model.total
        self.count.setText(f"{total} student{'s' if total != 1 else ''}")

    def _edit_selected(self) -> None:
        student = self.selected()
        if student:
            emit_safely(self.edit_requested, student.id)

    def _profile_selected(self) -> None:
        student = self.selected()
        if student:
            emit_safely(self.profile_requested, student.id)

    def _reviews_selected(self) -> None:
        student = self.selected()
        if student:
            emit_safely(self.reviews_requested, student.id)

    def _knowledge_selected(self) -> None:
        student = self.selected()
        if student and not student.archived:
            emit_safely(self.knowledge_requested, student.id)

    def _interview_selected(self) -> None:
        student = self.selected()
        if student and not student.archived:
            emit_safely(self.interview_requested, student.id)

    def _archive_selected(self) -> None:
        student = self.selected()
        if student:
            emit_safely(self.archive_requested, student.id, not student.archived)
