"""The pieces of the knowledge-check screen: the item for the teacher, the keys, the summary."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ikan_desktop.ui.widgets.key_button import KeyButton
from ikan_desktop.workflows.interview_keys import KNOWLEDGE_KEYS, KeyAction
from ikan_desktop.workflows.knowledge_check import CONTINUE, BankEnd, CheckItem, DomainResult

# The shared knowledge keys, plus two this screen needs.
CHECK_KEYS: tuple[KeyAction, ...] = (
    *KNOWLEDGE_KEYS,
    KeyAction("F", "flash_again", "Show the card again"),
    KeyAction("V", "card_full_screen", "Student card full screen"),
)
BANK_END_KEYS: tuple[KeyAction, ...] = (
    KeyAction("↵", "accept", "Accept the suggestion"),
    KeyAction("1", "continue", "Go on to the next bank"),
    KeyAction("2", "stop", "Stop here"),
    KeyAction("⌫", "undo", "Undo last mark"),
)
TONES = {"right": "#e3f4e6", "wrong": "#fbe4e4"}
HEADING = "font-size: 11pt; font-weight: 700; color: #333; margin-top: 6px;"
SUGGESTION_WORDS = {CONTINUE: "Go on to the next bank", "stop": "Stop here"}


def label(name: str, style: str, *, wrap: bool = True) -> QLabel:
    """A read-only label with an object name (tests and style sheets find it by name)."""
    widget = QLabel(objectName=name, wordWrap=wrap)
    widget.setStyleSheet(style)
    widget.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return widget


class ItemPanel(QFrame):
    """What to say, the card the child sees, the answer, and the card's countdown."""

    def __init__(self) -> None:
        super().__init__(objectName="itemPanel")
        self.setStyleSheet(
            "#itemPanel { background: white; border: 1px solid #ccd; border-radius: 8px; }"
        )
        self.where = label("itemWhere", "color: #555; font-size: 11pt;")
        self.prompt = label("itemPrompt", "font-size: 20pt; color: #111;")
        self.card = label(
            "itemCard",
            "font-size: 30pt; font-weight: 600; background: #f4f4f4; border: 1px dashed #999;"
            " border-radius: 6px; padding: 8px 18px;",
        )
        self.answer = label("itemAnswer", "font-size: 18pt; color: #1f5a2a; font-weight: 600;")
        self.countdown = label("countdown", "font-size: 14pt; font-weight: 700;")
        self.mark = label("itemMark", "font-size: 12pt; color: #333;")
        self.guidance = label("itemGuidance", "font-size: 11pt; color: #5a4400;")
        self._answer_text = ""
        self._concealed = False
        self.single_screen = False
        self._layout = layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 16, 22, 16)
        layout.addWidget(self.where)
        layout.addSpacing(4)
        layout.addWidget(self.prompt)
        layout.addSpacing(10)
        layout.addWidget(self.card, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addSpacing(6)
        layout.addWidget(self.answer)
        layout.addSpacing(10)
        layout.addWidget(self.countdown)
        layout.addWidget(self.mark)
        layout.addStretch()
        layout.addWidget(self.guidance)

    def use_single_screen(self, single: bool) -> None:
        """With one screen the child sees this panel: the answer moves away from the card.

        It goes to the foot of the panel in smaller type, and `conceal_answer` hides it while
        a card flashes.
        """
        if single == self.single_screen:
            return
        self.single_screen = single
        self._layout.removeWidget(self.answer)
        if single:
            self._layout.insertWidget(self._layout.indexOf(self.guidance), self.answer)
            self.answer.setStyleSheet("font-size: 12pt; color: #1f5a2a; font-weight: 600;")
        else:
            self._layout.insertWidget(self._layout.indexOf(self.card) + 2, self.answer)
            self.answer.setStyleSheet("font-size: 18pt; color: #1f5a2a; font-weight: 600;")

    def conceal_answer(self, hidden: bool) -> None:
        """Hide the answer while the card flashes (a child looking at one screen sees both)."""
        self._concealed = hidden
        self.answer.setText("Answer hidden while the card shows" if hidden else self._answer_text)

    def show_item(
        self, item: CheckItem, where: str, guidance: str, mark: str | None, *, held: bool = False
    ) -> None:
        self.where.setText(where)
        if item.timed:
            say = f"Say: “{item.prompt}”" if item.prompt else "Show the card: the child answers."
        else:
            say = item.prompt
        self.prompt.setText(say)
        self.card.setText(item.card)
        self.card.setVisible(bool(item.card))  # no card: the countdown line says "just ask"
        self._answer_text = f"Answer: {item.answer}"
        self.conceal_answer(self._concealed)
        self.guidance.setText(guidance)
        self.guidance.setVisible(bool(guidance))
        words = {"right": "✓ Marked right", "wrong": "✗ Marked wrong"}
        if held and mark is None:
            self.mark.setText(
                "⚠ This item has no mark. Press 1 or 0 — or → again to leave it unmarked "
                "(it then counts as not right)."
            )
            self.mark.setStyleSheet("font-size: 12pt; color: #8a1f11; font-weight: 700;")
            return
        self.mark.setStyleSheet("font-size: 12pt; color: #333;")
        self.mark.setText(words.get(mark or "", "Not marked yet"))

    def show_bank_end(self, where: str, scores: str) -> None:
        """Between banks: the bank's scores per domain instead of an item."""
        self.where.setText(where)
        self.prompt.setText("End of the bank")
        self.card.hide()
        self._answer_text = scores
        self.conceal_answer(False)
        self.mark.setText("")
        self.guidance.hide()

    def show_countdown(self, text: str, colour: str) -> None:
        self.countdown.setText(text)
        self.countdown.setStyleSheet(f"font-size: 14pt; font-weight: 700; color: {colour};")


class KeyPanel(QStackedWidget):
    """Page 0: right, wrong, next, undo. Page 1: the end of a bank, with its suggestion."""

    def __init__(self, on_action: Callable[[str], None]) -> None:
        super().__init__()
        self.buttons: dict[str, KeyButton] = {}
        marking = QWidget()
        layout = QVBoxLayout(marking)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("Mark the answer", styleSheet=HEADING))
        grid = QGridLayout()
        grid.setSpacing(6)
        for number, key in enumerate(CHECK_KEYS):
            big = number < 2
            button = KeyButton(key.key, key.label, tone=TONES.get(key.action, "#ffffff"))
            if big:
                button.setMinimumHeight(84)
            button.clicked.connect(lambda _=False, a=key.action: on_action(a))
            self.buttons[key.action] = button
            grid.addWidget(button, number // 2, number % 2)
        layout.addLayout(grid)
        self.skip = KeyButton("S", "Skip the rest of the counting interview", compact=True)
        self.skip.clicked.connect(lambda: on_action("skip_counting"))
        self.buttons["skip_counting"] = self.skip
        layout.addWidget(self.skip)
        self.tally_heading = QLabel("This bank so far", styleSheet=HEADING)
        self.tally = label("bankTally", "font-size: 12pt; color: #222;")
        layout.addWidget(self.tally_heading)
        layout.addWidget(self.tally)
        layout.addStretch()

        deciding = QWidget(objectName="bankEndPage")
        decision = QVBoxLayout(deciding)
        decision.setContentsMargins(0, 0, 0, 0)
        decision.addWidget(QLabel("End of the bank", styleSheet=HEADING))
        self.title = label("bankEndTitle", "font-size: 16pt; font-weight: 700;")
        self.reason = label("bankEndReason", "font-size: 12pt;")
        self.domains = label("bankEndDomains", "font-size: 11pt; color: #333;")
        decision.addWidget(self.title)
        decision.addWidget(self.reason)
        decision.addWidget(self.domains)
        for key in BANK_END_KEYS:
            button = KeyButton(key.key, key.label)
            button.clicked.connect(lambda _=False, a=key.action: on_action(a))
            self.buttons[f"decide:{key.action}"] = button
            decision.addWidget(button)
        decision.addStretch()
        self.addWidget(marking)
        self.addWidget(deciding)

    def show_marking(self, counting: bool, tally: str = "") -> None:
        self.skip.setVisible(counting)
        self.tally_heading.setVisible(bool(tally))
        self.tally.setVisible(bool(tally))
        self.tally.setText(tally)
        self.setCurrentIndex(0)

    def show_bank_end(self, end: BankEnd, names: Callable[[str], str]) -> None:
        self.title.setText(f"Suggested: {SUGGESTION_WORDS[end.suggestion]}")
        self.reason.setText(end.reason)
        secure = ", ".join(names(d) for d in end.secure) or "none"
        gaps = ", ".join(names(d) for d in end.not_secure) or "none"
        self.domains.setText(f"Secure: {secure}\nNot yet secure: {gaps}")
        self.buttons["decide:continue"].setVisible(not end.last_bank)
        self.setCurrentIndex(1)

    def flash(self, action: str, deciding: bool) -> None:
        button = self.buttons.get(f"decide:{action}" if deciding else action)
        if button is not None:
            button.flash()


class SummaryPanel(QFrame):
    """The suggested knowledge stage per domain, in plain words, for the teacher to confirm."""

    def __init__(self) -> None:
        super().__init__(objectName="summaryPanel")
        self.setStyleSheet(
            "#summaryPanel { background: white; border: 1px solid #ccd; border-radius: 8px; }"
        )
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(24, 18, 24, 18)
        self.grid.setHorizontalSpacing(18)
        self.grid.setVerticalSpacing(12)
        self.rows: list[tuple[str, str, str]] = []

    def show_results(
        self, results: Sequence[DomainResult], stage_name: Callable[[int], str]
    ) -> None:
        heading = label("summaryHeading", "font-size: 16pt; font-weight: 700;")
        heading.setText("The knowledge check is saved. These stages are suggestions to confirm.")
        self.grid.addWidget(heading, 0, 0, 1, 3)
        self.rows = []
        for row, result in enumerate(results, start=1):
            stage = result.stage.stage
            words = "Not shown yet" if stage is None else f"{result.label} · {stage_name(stage)}"
            name = label("summaryDomain", "font-size: 13pt; font-weight: 700;", wrap=False)
            name.setText(result.name)
            value = label("summaryStage", "font-size: 13pt; color: #1d4f86; font-weight: 700;")
            value.setText(words)
            reason = label("summaryReason", "font-size: 11pt; color: #333;")
            reason.setText(result.reason)
            self.grid.addWidget(name, row, 0, Qt.AlignmentFlag.AlignTop)
            self.grid.addWidget(value, row, 1, Qt.AlignmentFlag.AlignTop)
            self.grid.addWidget(reason, row, 2, Qt.AlignmentFlag.AlignTop)
            self.rows.append((result.name, words, result.reason))
        self.grid.setColumnStretch(2, 1)
        self.grid.setRowStretch(len(results) + 1, 1)
