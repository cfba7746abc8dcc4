"""The live interview screen: one key per observation, eyes on the child, nothing lost.

Keys work wherever the focus is (an application-wide event filter), except while a note is being
typed. While the interview runs, the window offers only its own actions, pause and stop; stopping
and closing ask first, and Escape does nothing, so nothing ends a recording by accident.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QResizeEvent, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ikan_desktop.audio.signals import emit_safely
from ikan_desktop.domain.tags import Tag, clock_text
from ikan_desktop.ui.interview.card_view import CardView
from ikan_desktop.ui.interview.problem_banner import problem_banner
from ikan_desktop.ui.interview.scoring_panel import ScoringPanel
from ikan_desktop.ui.interview.tag_strip import TagStrip
from ikan_desktop.ui.interview.task_panel import TaskPanel
from ikan_desktop.ui.interview.window_keys import WindowKeys
from ikan_desktop.ui.screen_fit import fit_to_screen
from ikan_desktop.ui.widgets.level_meter import LevelMeter
from ikan_desktop.workflows.interview import RESPONSE_CODES, LiveInterview
from ikan_desktop.workflows.interview_keys import action_for


class LiveWindow(QWidget):
    """The teacher's screen for one interview."""

    finished = Signal(str)

    def __init__(
        self,
        interview: LiveInterview,
        *,
        student_name: str,
        form_title: str,
        stage_text: Callable[[int], str],
        describe_tag: Callable[[Tag], str],
        no_audio_reason: str = "",
        level_signal: Signal | None = None,
    ) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.interview = interview
        self.describe_tag = describe_tag
        self.setWindowTitle(f"Interview — {student_name}")
        self.setObjectName("liveWindow")

        self.title = QLabel(f"<b>{student_name}</b> · {form_title}", objectName="liveTitle")
        self.title.setStyleSheet("font-size: 14pt;")
        self.progress = QLabel(objectName="progress")
        self.progress.setStyleSheet("font-size: 11pt; color: #333;")
        for label in (self.title, self.progress):  # long names give way, never the controls
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.recording = QLabel(objectName="recordingIndicator")
        self.no_audio_reason = no_audio_reason
        self.level = LevelMeter()
        self.level.setObjectName("levelMeter")
        self.level.setFixedWidth(120)
        self.level.setVisible(level_signal is not None)
        self.pause_button = QPushButton("Pause (P)", objectName="pauseButton")
        self.stop_button = QPushButton("Stop interview…", objectName="stopButton")
        self.stop_button.setToolTip("Stop the interview (Ctrl+W); you are asked first")
        QShortcut(QKeySequence("Ctrl+W"), self, self.ask_to_stop)  # keyboard only, to the end
        for button in (self.pause_button, self.stop_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.pause_button.clicked.connect(lambda: self.perform("pause"))
        self.stop_button.clicked.connect(self.ask_to_stop)

        where = QVBoxLayout()
        where.setSpacing(0)
        where.addWidget(self.title)
        where.addWidget(self.progress)
        header = QHBoxLayout()
        header.addLayout(where, 1)
        header.addWidget(self.recording)
        header.addWidget(self.level)
        header.addSpacing(12)
        header.addWidget(self.pause_button)
        header.addWidget(self.stop_button)

        self.task_panel = TaskPanel()
        self.scoring = ScoringPanel(self.perform, stage_text)
        left = QVBoxLayout()
        left.addWidget(_scrolling(self.task_panel), 1)  # prompt and card first; the rest scrolls
        left.addWidget(self.scoring.legend_box)
        body = QHBoxLayout()
        body.addLayout(left, 3)
        self.scoring_area = scoring = _scrolling(self.scoring)  # scrolls only as a last resort
        scoring.setMinimumWidth(300)
        scoring.setMaximumWidth(480)
        body.addWidget(scoring, 2)

        self.note = QLineEdit(objectName="noteField")
        self.note.setPlaceholderText("Type a quick note, Enter to save, Esc to cancel")
        self.note.setStyleSheet("font-size: 13pt; padding: 4px;")
        self.note.hide()
        self.note.returnPressed.connect(self._save_note)
        self.strip = TagStrip(describe_tag)
        self.problem = problem_banner()

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.problem)
        layout.addLayout(body, 1)
        layout.addWidget(self.note)
        layout.addWidget(self.strip)

        self.card_view = CardView()
        code_keys = frozenset(c.key for s in interview.sections for t in s.tasks for c in t.choices)
        self.keys = WindowKeys(
            self,
            self.card_view,
            action_for=lambda name: action_for(
                name, deciding=interview.pending is not None, code_keys=code_keys
            ),
            perform=self.perform,
            escape_while_typing=self._escape_in_note,
        )
        if level_signal is not None:
            level_signal.connect(self.level.set_level)
        self._ticker = QTimer(self, interval=250)
        self._ticker.timeout.connect(self._show_clock)
        self._ticker.start()
        self._allow_close = False
        self.refresh()
        fit_to_screen(self, 1280, 740, maximise_below=1400)

    # ----- actions ----------------------------------------------------------------------
    def perform(self, action: str) -> None:
        """Carry out one key's action on the interview and show the result."""
        interview = self.interview
        if interview.finished:
            return
        if interview.pending is not None:
            self._decide(action)
            return
        tag: Tag | None = None
        if action.startswith("score:"):
            tag = interview.tag_key(action.split(":", 1)[1])
        elif action == "just_knew":
            tag = interview.tag("just_knew")
        elif action in RESPONSE_CODES:
            tag = interview.respond(action)
        elif action == "flag":
            tag = interview.flag()
        elif action == "note":
            self._note_at_ms = interview.clock.position_ms()  # the moment N was pressed
            self.note.show()
            self.note.setFocus()
            return
        elif action == "undo":
            interview.undo()
        elif action == "next_task":
            interview.next_task()
        elif action == "previous_task":
            interview.previous_task()
        elif action == "pause":
            interview.resume() if interview.paused else interview.pause()
        elif action == "card_full_screen":
            self._toggle_card()
            return
        self.scoring.flash(action)
        self.refresh(tagged=tag)

    def _decide(self, action: str) -> None:
        choice = {"accept": None, "continue": "continue", "stop": "stop", "go_back": "go_back"}
        if action == "previous_task":
            self.interview.previous_task()
            self.refresh()
            return
        if action not in choice:
            return
        self.interview.decide(choice[action])
        if self.interview.finished:
            self._finish()
        else:
            self.refresh()

    _note_at_ms: int | None = None

    def _save_note(self) -> None:
        self.interview.note(self.note.text(), at_ms=self._note_at_ms)
        self.cancel_note()
        self.refresh()

    def show_problem(self, message: str) -> None:
        """A calm banner when the audio stops; observations keep being saved on a clock."""
        self.problem.setText(message)
        self.problem.show()

    def _escape_in_note(self, focus: QWidget) -> bool:
        if focus is not self.note:
            return False
        self.cancel_note()
        return True

    def cancel_note(self) -> None:
        self._note_at_ms = None
        self.note.clear()
        self.note.hide()
        self.setFocus()

    def ask_to_stop(self) -> None:
        """Stop only after the teacher confirms; the default answer keeps going."""
        answer = QMessageBox.question(
            self,
            "Stop the interview?",
            "Stop the interview now? Everything so far is saved"
            + (" and the recording will end." if self.interview.clock.has_audio else "."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.interview.finish()
            self._finish()

    def _finish(self) -> None:
        self.keys.stop()
        self._ticker.stop()
        self.card_view.close()
        self._allow_close = True
        self.recording.setText("Stopped · saved")  # never "Recording" behind the summary
        self.recording.setStyleSheet("font-size: 12pt; color: #1f6b2f; font-weight: 700;")
        self.hide()
        emit_safely(self.finished, self.interview.session_id)
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._allow_close or self.interview.finished:
            self.keys.stop()
            event.accept()
            return
        event.ignore()
        self.ask_to_stop()

    # ----- showing ----------------------------------------------------------------------
    def refresh(self, *, tagged: Tag | None = None) -> None:
        interview = self.interview
        section, sections, task, tasks = interview.progress()
        self.progress.setText(
            f"{interview.section.title} — section {section} of {sections}, task {task} of {tasks}"
        )
        if interview.pending is not None:
            self.scoring.show_decision(interview.pending)
        else:
            if self.scoring.currentIndex() == 1 or self._shown_task != interview.task.id:
                self.scoring.show_task(interview.task)
                self._fit_legend()
            self.task_panel.show_task(interview.task, interview.section.title)
        self._shown_task = interview.task.id
        self.card_view.show_card(interview.task.card)
        self.strip.show_tags(interview.tags(), self._saving)
        self.pause_button.setText("Resume (P)" if interview.paused else "Pause (P)")
        self._show_clock()

    _shown_task = ""
    _saving: frozenset[str] = frozenset()

    def show_saving(self, waiting: frozenset[str]) -> None:
        """Mark the observations the disk has not taken yet (redrawn only when that changes)."""
        if waiting != self._saving:
            self._saving = waiting
            self.strip.show_tags(self.interview.tags(), waiting)

    def _show_clock(self) -> None:
        interview = self.interview
        clock = clock_text(interview.clock.position_ms())
        if interview.paused:
            # ‖, not ⏸: the pause symbol is missing from many fonts and showed as a box.
            text, style = f"‖ Paused {clock}", "color: #8a5a00; font-weight: 700;"
        elif interview.clock.has_audio:
            text, style = f"● Recording {clock}", "color: #c00000; font-weight: 700;"
        else:
            text, style = f"No recording · {clock}", "color: #555; font-weight: 600;"
        self.recording.setText(text)
        self.recording.setStyleSheet(f"font-size: 12pt; {style}")
        self.recording.setToolTip(self.no_audio_reason)

    def _toggle_card(self) -> None:
        """V shows the student card (full screen, on a second screen when there is one); V hides it."""
        if self.card_view.isVisible():
            self.card_view.hide()
            self.take_keyboard()
        else:
            self.card_view.place()

    def take_keyboard(self) -> None:
        """Be the active window, so the very first key press reaches the interview."""
        self.raise_()
        self.activateWindow()
        self.setFocus()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_legend()

    def _fit_legend(self) -> None:
        self.scoring.fit_width(self.scoring.legend_box.width())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self, self.take_keyboard)


def _scrolling(widget: QWidget) -> QScrollArea:
    """A frameless vertical scroll area, so a tall panel never makes the window taller."""
    area = QScrollArea()
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return area
