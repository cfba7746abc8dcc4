"""The teacher's view of the current task: what to say, what to show, what to listen for."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout

from ikan_desktop.workflows.interview_plan import PlannedTask


def _label(name: str, style: str, *, wrap: bool = True) -> QLabel:
    label = QLabel(objectName=name, wordWrap=wrap)
    label.setStyleSheet(style)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return label


class TaskPanel(QFrame):
    """The prompt to read in large type, the card, materials, probes and guidance."""

    def __init__(self) -> None:
        super().__init__(objectName="taskPanel")
        self.setStyleSheet(
            "#taskPanel { background: white; border: 1px solid #ccd; border-radius: 8px; }"
        )
        self.where = _label("taskWhere", "color: #555; font-size: 11pt;")
        self.prompt = _label("prompt", "font-size: 20pt; color: #111; line-height: 130%;")
        self.card = _label(
            "cardPreview",
            "font-size: 15pt; font-weight: 600; background: #f4f4f4; border: 1px dashed #999;"
            " border-radius: 6px; padding: 6px 12px;",
        )
        self.materials = _label("materials", "font-size: 12pt; color: #333;")
        self.probes = _label("probes", "font-size: 12pt; color: #1d4f86;")
        self.guidance = _label("guidance", "font-size: 11pt; color: #5a4400;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 14)
        layout.addWidget(self.where)
        layout.addSpacing(4)
        layout.addWidget(self.prompt)
        layout.addSpacing(10)
        layout.addWidget(self.card)  # full width: a wrapped card is never cut off
        layout.addWidget(self.materials)
        layout.addSpacing(6)
        layout.addWidget(self.probes)
        layout.addWidget(self.guidance)
        layout.addStretch()

    def show_task(self, task: PlannedTask, where: str) -> None:
        self.where.setText(where)
        self.prompt.setText(task.prompt)
        self.card.setText(f"Card:  {task.card}" if task.card else "No card for this task")
        self.materials.setText(
            "Materials: " + ", ".join(task.materials) if task.materials else "Materials: none"
        )
        probes = list(task.probes)
        if task.just_knew_probe:
            probes.append(f"If they just knew: {task.just_knew_probe}")
        self.probes.setText("\n".join(f"• {p}" for p in probes))
        self.probes.setVisible(bool(probes))
        guidance = []
        if task.answer:
            guidance.append(f"Answer: {task.answer}")
        if task.after_counting:
            guidance.append(f"If they count: {task.after_counting}")
        self.guidance.setText("   ·   ".join(guidance))
        self.guidance.setVisible(bool(guidance))
