"""The empty state: a friendly first page with the two things a new teacher wants to do."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class WelcomePage(QWidget):
    """Shown while there are no students: add the first one, or try the demo class."""

    add_student = Signal()
    import_class = Signal()
    open_demo = Signal()
    open_guide = Signal()

    def __init__(self) -> None:
        super().__init__()
        title = QLabel("Kia ora, welcome to ikan-desktop", objectName="welcomeTitle")
        title.setStyleSheet("font-size: 22pt; font-weight: 600;")
        body = QLabel(
            "Run one-on-one number strategy interviews, record what each child says, and print "
            "a one-page progress profile for parents.\n\n"
            "Start by importing your class list from the school system or adding students one "
            "by one, or explore the demo class first: it is kept apart from your own students.",
            wordWrap=True,
        )
        body.setStyleSheet("font-size: 12pt; color: #333;")
        body.setFixedWidth(560)
        body.setAlignment(Qt.AlignmentFlag.AlignCenter)
        body_row = QHBoxLayout()
        body_row.addStretch()
        body_row.addWidget(body)
        body_row.addStretch()
        self.add_button = QPushButton("&Add a student", objectName="addFirstStudent")
        self.demo_button = QPushButton("Open the &demo class", objectName="openDemo")
        self.import_button = QPushButton("&Import a class list…", objectName="importFirstClass")
        self.import_button.clicked.connect(self.import_class)
        for button in (self.add_button, self.import_button, self.demo_button):
            button.setMinimumSize(200, 44)
            button.setStyleSheet("font-size: 12pt;")
        self.add_button.setDefault(True)
        self.add_button.clicked.connect(self.add_student)
        self.demo_button.clicked.connect(self.open_demo)

        guide = QLabel(
            '<a href="guide">New to interviews? Read the short guide</a> (also Help ▸ '
            "Interview guide, F1).",
            objectName="welcomeGuide",
        )
        guide.setStyleSheet("font-size: 11pt;")
        guide.linkActivated.connect(lambda _link: self.open_guide.emit())
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.add_button)
        buttons.addSpacing(16)
        buttons.addWidget(self.import_button)
        buttons.addSpacing(16)
        buttons.addWidget(self.demo_button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(title, alignment=Qt.AlignmentFlag.AlignCenter)
        layout.addSpacing(12)
        layout.addLayout(body_row)
        layout.addSpacing(24)
        layout.addLayout(buttons)
        layout.addSpacing(18)
        layout.addWidget(guide, alignment=Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(3)
