"""File ▸ New school year…: move a class up a year level, and into its new room, history kept."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from ikan_desktop.store import Store
from ikan_desktop.workflows import school_year
from ikan_desktop.workflows.roster import class_names


class SchoolYearDialog(QDialog):
    """Pick the class and its new name; see every child's move; then move them."""

    def __init__(self, parent: QWidget | None, store: Store, *, class_name: str = "") -> None:
        super().__init__(parent)
        self.store = store
        self.plan: school_year.ClassMove | None = None
        self.setWindowTitle("New school year")
        self.resize(520, 460)
        self.class_name = QComboBox(objectName="moveClass")
        self.class_name.addItems(class_names(store))
        if class_name:
            self.class_name.setCurrentText(class_name)
        self.to_class = QLineEdit(objectName="moveTo", placeholderText="Same name")
        self.summary = QLabel(objectName="moveSummary", wordWrap=True)
        self.moves = QListWidget(objectName="moves")
        hint = QLabel(
            "To move a whole school into new classes at once, import the school system's class "
            "list for the new year (File ▸ Import class list…): children are matched by their "
            "ID, and their year level and class are updated.",
            wordWrap=True,
        )
        hint.setStyleSheet("color: #555;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.move_button = self.buttons.addButton(
            "&Move up a year", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.move_button.setObjectName("moveUp")
        form = QFormLayout()
        form.addRow("&Class", self.class_name)
        form.addRow("&New class name", self.to_class)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.moves, 1)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)
        self.class_name.currentTextChanged.connect(lambda _t: self.refresh())
        self.to_class.textChanged.connect(lambda _t: self.refresh())
        self.buttons.rejected.connect(self.reject)
        self.move_button.clicked.connect(self._move)
        self.refresh()

    def refresh(self) -> None:
        """Show what moving the chosen class would do."""
        self.moves.clear()
        self.plan = None
        if self.class_name.currentText():
            self.plan = school_year.plan_move_up(
                self.store, self.class_name.currentText(), to_class=self.to_class.text()
            )
        if self.plan is None:
            self.summary.setText("There are no classes yet.")
        else:
            self.summary.setText(self.plan.summary)
            for move in self.plan.moves:
                self.moves.addItem(
                    f"{move.student.name}:  Year {_year(move.year_now)} → {_year(move.year_next)}"
                )
        self.move_button.setEnabled(bool(self.plan and self.plan.moves))

    def _move(self) -> None:
        if self.plan is not None:
            school_year.move_class_up(self.store, self.plan)
            self.accept()


def _year(level: int | None) -> str:
    return "not known" if level is None else str(level)
