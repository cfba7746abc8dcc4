"""The knowledge-check screen: mark each answer with one key while the card flashes for the child.

Keys work wherever the focus is (an application-wide event filter). Escape does nothing, and
stopping or closing asks first, so nothing ends a check by accident; every mark is already saved.
"""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ikan_desktop.audio.signals import emit_safely
from ikan_desktop.domain.framework import load_framework
from ikan_desktop.domain.tags import Tag, clock_text
from ikan_desktop.ui.interview.card_view import CardView
from ikan_desktop.ui.interview.knowledge_panel import (
    BANK_END_KEYS,
    CHECK_KEYS,
    ItemPanel,
    KeyPanel,
    SummaryPanel,
)
from ikan_desktop.ui.interview.problem_banner import problem_banner
from ikan_desktop.ui.interview.tag_strip import TagStrip
from ikan_desktop.ui.interview.window_keys import WindowKeys
from ikan_desktop.ui.screen_fit import fit_to_screen
from ikan_desktop.workflows.knowledge_check import (
    CONTINUE,
    MARK_WORDS,
    STOP,
    KnowledgeCheckRun,
)

_ALIASES = {"RIGHT": "→", "BACKSPACE": "⌫", "RETURN": "↵", "ENTER": "↵"}
_DECISIONS = {"accept": None, "continue": CONTINUE, "stop": STOP}


class KnowledgeWindow(QWidget):
    """The teacher's screen for one knowledge check."""

    finished = Signal(str)
    review_requested = Signal(str)  # after the check: confirm its stages on the review screen

    def __init__(self, run: KnowledgeCheckRun, *, student_name: str) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.run = run
        self.framework = load_framework()
        self.setWindowTitle(f"Knowledge check — {student_name}")
        self.setObjectName("knowledgeWindow")
        self.resize(1280, 740)
        self._cards = {c.id: c.card or c.prompt for c in run.check.counting_items} | {
            i.id: i.card for b in run.check.banks for i in b.items
        }

        title = QLabel(f"<b>{student_name}</b> · {run.check.title}", objectName="checkTitle")
        title.setStyleSheet("font-size: 14pt;")
        self.progress = QLabel(objectName="progress")
        self.progress.setStyleSheet("font-size: 12pt; color: #333; font-weight: 600;")
        self.clock_label = QLabel(objectName="clockLabel")
        self.clock_label.setStyleSheet("font-size: 12pt; color: #555; font-weight: 600;")
        self.stop_button = QPushButton("Stop the check…", objectName="stopButton")
        self.stop_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.stop_button.clicked.connect(self._stop_or_close)
        self.review_button = QPushButton("Confirm the stages…", objectName="reviewButton")
        self.review_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.review_button.hide()  # once the check is over: the stages are suggestions
        self.review_button.clicked.connect(self._review)
        header = QHBoxLayout()
        header.addWidget(title)
        header.addSpacing(18)
        header.addWidget(self.progress, 1)
        header.addWidget(self.clock_label)
        header.addSpacing(12)
        header.addWidget(self.review_button)
        header.addWidget(self.stop_button)

        self.item_panel = ItemPanel()
        self.keys_panel = KeyPanel(self.perform)
        self.keys_panel.setFixedWidth(470)
        checking = QWidget()
        row = QHBoxLayout(checking)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.item_panel, 1)
        row.addWidget(self.keys_panel)
        self.summary = SummaryPanel()
        self.body = QStackedWidget()
        self.body.addWidget(checking)
        self.body.addWidget(self.summary)
        self.strip = TagStrip(self.describe_mark)
        self.strip.heading.setText("Last marks:")
        self.strip.empty.setText("none yet — press 1 for right, 0 for wrong")

        self.problem = problem_banner()
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.problem)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.strip)

        self.card_view = CardView()
        self.card_view.setWindowTitle("Knowledge check card")
        self.keys = WindowKeys(
            self, self.card_view, action_for=self._action_for, perform=self.perform
        )
        self._deadline: float | None = None
        self._shown_item = ""
        self._ticker = QTimer(self, interval=100)
        self._ticker.timeout.connect(self._tick)
        self._ticker.start()
        self._allow_close = False
        self.refresh()
        fit_to_screen(self, 1280, 740, maximise_below=1400)

    def show_problem(self, message: str) -> None:
        """The recording stopped (a microphone unplugged, a full disk): say so; marks go on."""
        self.problem.setText(message)
        self.problem.show()

    # ----- actions ----------------------------------------------------------------------
    def perform(self, action: str) -> None:
        """Carry out one key's action on the check and show the result."""
        run = self.run
        if run.finished:
            return
        self.keys_panel.flash(action, run.pending is not None)
        if run.pending is not None:
            if action == "undo":
                run.undo()
                self._shown_item = run.item.item_id  # back on a shown item: → moves on
            elif action in _DECISIONS:
                run.decide(_DECISIONS[action])
                if run.finished:
                    self._finish()
                    return
        elif action in MARK_WORDS:
            run.mark(action)
        elif action == "next_item":
            self._next()
        elif action == "undo":
            if run.undo() is not None:
                self._shown_item = run.item.item_id
        elif action == "flash_again":
            self.show_card()
        elif action == "skip_counting":
            run.skip_counting()
        elif action == "card_full_screen":  # V shows the card, V hides it again
            if self.card_view.isVisible():
                self.card_view.hide()
                self.activateWindow()
            else:
                self.card_view.place()
        self.refresh()

    def _next(self) -> None:
        """A bank card not yet shown is shown; otherwise move on and show the next card."""
        run = self.run
        if run.item.timed and self._shown_item != run.item.item_id:
            self.show_card()
            return
        part = run.part
        if run.next_item() is None and run.held_on is None and run.item.timed and run.part == part:
            self.show_card()  # a new bank waits for the teacher's →: the child hears the rules

    def show_card(self) -> None:
        """Put the current card on the student's screen, for the bank's time if it is timed."""
        text, seconds = self.run.flash()
        self._shown_item = self.run.item.item_id
        self.card_view.show_card(text)
        self._deadline = None if seconds is None else time.monotonic() + seconds
        self._tick()

    def hide_card(self) -> None:
        self._deadline = None
        self.card_view.show_card("")
        self.item_panel.conceal_answer(False)

    def ask_to_stop(self) -> None:
        """Stop only after the teacher confirms; the default answer keeps going."""
        answer = QMessageBox.question(
            self,
            "Stop the knowledge check?",
            "Stop the knowledge check now? Every mark so far is saved, and you will see the "
            "stages it suggests.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._finish()

    def _stop_or_close(self) -> None:
        if self.run.finished:
            self.close()
        else:
            self.ask_to_stop()

    def _finish(self) -> None:
        self.run.finish()
        self.keys.stop()
        self._ticker.stop()
        self.card_view.close()
        self._allow_close = True
        self.summary.show_results(self.run.results(self.framework), self._stage_name)
        self.body.setCurrentIndex(1)
        self.progress.setText("Finished")
        self.stop_button.setText("Close")
        self.review_button.show()
        emit_safely(self.finished, self.run.session_id)

    def _review(self) -> None:
        emit_safely(self.review_requested, self.run.session_id)
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._allow_close or self.run.finished:
            self.keys.stop()
            self.card_view.close()
            event.accept()
            return
        event.ignore()
        self.ask_to_stop()

    # ----- showing ----------------------------------------------------------------------
    def refresh(self) -> None:
        run = self.run
        self.strip.show_tags(run.tags())
        if run.finished:
            return
        self.progress.setText(run.progress_text())
        if run.pending is not None:
            self.hide_card()
            self.keys_panel.show_bank_end(run.pending, self._domain_name)
            self.item_panel.show_bank_end(run.bank.label, self._tally(answer_style=True))
            self.item_panel.show_countdown("End of the bank: choose how to go on.", "#1d4f86")
            return
        item = run.item
        counting = not item.timed
        if counting:
            where, guidance = run.check.counting_title, run.check.counting_guidance
            if self._shown_item != item.item_id:
                self.show_card()  # a counting card stays up until the next item
        else:
            where, guidance = run.bank.label, run.bank.guidance
            if self._deadline is None:
                self.card_view.show_card("")  # a bank card shows only while it flashes
        self.item_panel.show_item(
            item, where, guidance, run.mark_for(item.item_id), held=run.held_on == item.item_id
        )
        self.keys_panel.show_marking(counting, "" if counting else self._tally())
        self._tick()

    def _tick(self) -> None:
        single = len(QGuiApplication.screens()) < 2
        self.item_panel.use_single_screen(single)
        flashing = self._deadline is not None and self._deadline > time.monotonic()
        self.item_panel.conceal_answer(single and flashing and self.run.pending is None)
        clock = clock_text(self.run.clock.position_ms())
        self.clock_label.setText(
            ("● Recording " if self.run.clock.has_audio else "No audio · ") + clock
        )
        if self.run.finished or self.run.pending is not None:
            return
        item = self.run.item
        if not item.timed:
            text = "The card is on the student's screen." if item.card else "No card: just ask."
            self.item_panel.show_countdown(text, "#444")
        elif self._deadline is not None:
            left = self._deadline - time.monotonic()
            if left > 0:
                self.item_panel.show_countdown(f"Card showing · {left:.1f} s left", "#b35c00")
            else:
                self.hide_card()
                self.item_panel.show_countdown("Card hidden · mark the answer: 1 or 0", "#1f5a2a")
        elif self._shown_item == item.item_id:
            self.item_panel.show_countdown("Card hidden · mark the answer: 1 or 0", "#1f5a2a")
        else:
            self.item_panel.show_countdown("Press → to show the card", "#1d4f86")

    def _tally(self, *, answer_style: bool = False) -> str:
        """One line per domain: '✓ Basic facts: 4 of 5 right', judged on all the bank's items."""
        lines = []
        for score in self.run.domain_scores():
            name = self._domain_name(score.domain)
            if not score.marked:
                lines.append(f"· {name}: not asked yet ({score.items} items)")
                continue
            sign = "✓" if score.secure else "✗"
            open_items = score.items - score.marked
            if answer_style:
                left = f"  ({open_items} not marked)" if open_items else ""
            else:
                left = f"  ({open_items} to go)" if open_items else ""
            lines.append(f"{sign} {name}: {score.right} of {score.items} right{left}")
        return "\n".join(lines)

    def describe_mark(self, tag: Tag) -> str:
        """'✓ 6 + 4' in the strip of last marks."""
        card = self._cards.get(tag.task_id or "", tag.task_id) or ""
        card = card if len(card) <= 22 else card[:21] + "…"
        return f"{'✓' if tag.code == 'right' else '✗'} {card}"

    def _domain_name(self, domain_id: str) -> str:
        return self.framework.knowledge_domain(domain_id).name

    def _action_for(self, name: str) -> str | None:
        """What a key means now: marking keys, or the bank-end keys at a bank's end."""
        name = _ALIASES.get(name, name)
        table = BANK_END_KEYS if self.run.pending is not None else CHECK_KEYS
        action = next((k.action for k in table if k.key == name), None)
        if action is None and name == "S" and self.run.in_counting:
            action = "skip_counting"
        return action

    def _stage_name(self, stage: int) -> str:
        return self.framework.stage(stage).name
