"""The keys of the live interview as big buttons: the task's scoring guide, shared keys, decisions."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QGridLayout, QLabel, QStackedWidget, QVBoxLayout, QWidget

from ikan_desktop.ui.widgets.key_button import KeyButton
from ikan_desktop.workflows.interview import SectionEnd
from ikan_desktop.workflows.interview_keys import COMMON_KEYS, DECISION_KEYS
from ikan_desktop.workflows.interview_plan import PlannedTask

HEADING = "font-size: 11pt; font-weight: 700; color: #333; margin-top: 6px;"
LEGEND_COLUMNS = 3
LEGEND_KEY_WIDTH = 140  # px a legend key needs for its cap and a one-line label
DECISION_WORDS = {"continue": "Continue", "stop": "Stop here", "go_back": "Go back a section"}


class ScoringPanel(QStackedWidget):
    """Page 0: scoring guide + shared keys. Page 1: the section decision."""

    def __init__(self, on_action: Callable[[str], None], stage_text: Callable[[int], str]) -> None:
        super().__init__()
        self.on_action = on_action
        self.stage_text = stage_text
        self.buttons: dict[str, KeyButton] = {}

        scoring = QWidget()
        self.scoring_layout = QVBoxLayout(scoring)
        self.scoring_layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel("What did you see?", styleSheet=HEADING)
        self.guide = QVBoxLayout()
        self.guide.setSpacing(4)
        self.common = QGridLayout()
        self.common.setSpacing(4)
        self.legend: list[KeyButton] = []
        for key in COMMON_KEYS:
            button = KeyButton(key.key, key.legend, tone="#ffffff", compact=True)
            button.setToolTip(key.label)
            button.clicked.connect(lambda _=False, a=key.action: self.on_action(a))
            self.buttons[key.action] = button
            self.legend.append(button)
        # The every-task keys live in their own box, which the window places where there is
        # room (under the task, so the scoring guide keeps the whole height beside it).
        self.legend_box = QWidget(objectName="everyTaskKeys")
        box = QVBoxLayout(self.legend_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(QLabel("Every task", styleSheet=HEADING))
        box.addLayout(self.common)
        self.scoring_layout.addWidget(heading)
        self.scoring_layout.addLayout(self.guide)
        self.scoring_layout.addWidget(self.legend_box)
        self.set_legend_columns(LEGEND_COLUMNS)
        self.scoring_layout.addStretch()

        deciding = QWidget(objectName="decisionPage")
        decision_layout = QVBoxLayout(deciding)
        self.decision_title = QLabel(objectName="decisionTitle", wordWrap=True)
        self.decision_title.setStyleSheet("font-size: 16pt; font-weight: 700;")
        self.decision_reason = QLabel(objectName="decisionReason", wordWrap=True)
        self.decision_reason.setStyleSheet("font-size: 12pt;")
        decision_layout.addWidget(QLabel("End of section", styleSheet=HEADING))
        decision_layout.addWidget(self.decision_title)
        decision_layout.addWidget(self.decision_reason)
        for key in DECISION_KEYS:
            button = KeyButton(key.key, key.label)
            button.clicked.connect(lambda _=False, a=key.action: self.on_action(a))
            self.buttons[f"decide:{key.action}"] = button
            decision_layout.addWidget(button)
        decision_layout.addStretch()

        self.addWidget(scoring)
        self.addWidget(deciding)

    def set_legend_columns(self, columns: int) -> None:
        """Lay the every-task keys out in `columns` columns (more columns, fewer rows)."""
        for button in self.legend:
            self.common.removeWidget(button)
        for number, button in enumerate(self.legend):
            self.common.addWidget(button, number // columns, number % columns)
        self.legend_columns = columns

    def fit_width(self, width: int) -> None:
        """As many legend columns as the width holds labels unbroken (3 to 6)."""
        columns = max(LEGEND_COLUMNS, min(6, width // LEGEND_KEY_WIDTH))
        if columns != self.legend_columns:
            self.set_legend_columns(columns)

    def show_task(self, task: PlannedTask) -> None:
        """One button per scoring-guide choice of this task, each on its code's fixed key."""
        while self.guide.count():
            item = self.guide.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        for key in [k for k in self.buttons if k.startswith("score:")]:
            del self.buttons[key]
        for choice in task.choices:
            caption = self.stage_text(choice.stage) if choice.stage is not None else ""
            button = KeyButton(choice.key, choice.label, caption, compact=True)
            button.clicked.connect(lambda _=False, k=choice.key: self.on_action(f"score:{k}"))
            self.buttons[f"score:{choice.key}"] = button
            self.guide.addWidget(button)
        self.setCurrentIndex(0)

    def show_decision(self, end: SectionEnd) -> None:
        suggestion = end.suggestion
        self.decision_title.setText(f"Suggested: {DECISION_WORDS[suggestion.action]}")
        self.decision_reason.setText(suggestion.reason)
        self.setCurrentIndex(1)

    def flash(self, action: str) -> None:
        button = self.buttons.get(action)
        if button is not None:
            button.flash()
