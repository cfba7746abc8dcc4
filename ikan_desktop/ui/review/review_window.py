"""The review screen: hear the moment behind every tag, fix tags, confirm stages from evidence.

The waveform (peaks computed off the GUI thread, cached beside the WAV) with the tag lane, a
list of the tags with an editor, and the judgement panel. Every edit is saved as it is made and
the screen re-reads the database after it, so the suggestions always follow the tags.
"""

from __future__ import annotations

import functools

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ikan_desktop.audio.player import Player
from ikan_desktop.audio.signals import emit_safely
from ikan_desktop.domain.tags import Tag, clock_text
from ikan_desktop.store.database import Store
from ikan_desktop.store.settings import get_setting, set_setting
from ikan_desktop.ui.background import run_in_background
from ikan_desktop.ui.interview.window_keys import WindowKeys
from ikan_desktop.ui.review import actions, audio_messages
from ikan_desktop.ui.review.judgement_panel import JudgementPanel
from ikan_desktop.ui.review.session_list import interview_name, local_date
from ikan_desktop.ui.review.tag_list import TagPane
from ikan_desktop.ui.review.transport import DEFAULT_PREROLL_S, Transport
from ikan_desktop.ui.screen_fit import fit_to_screen
from ikan_desktop.ui.widgets.waveform_view import WaveformView
from ikan_desktop.ui.widgets.wheel_guard import guard_the_wheel
from ikan_desktop.workflows import review_edits as edits
from ikan_desktop.workflows.interview_keys import strategy_keys
from ikan_desktop.workflows.review import SessionReview, load_review
from ikan_desktop.workflows.review_edits import ReviewError
from ikan_desktop.workflows.review_keys import review_action_for, tag_while_listening
from ikan_desktop.workflows.review_timeline import build_timeline

PREROLL_SETTING = "review_preroll_s"
STEP_MS = 5000


class ReviewWindow(QWidget):
    """One interview under review, in its own window."""

    closed = Signal()

    def __init__(self, store: Store, session_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.store = store
        self.review: SessionReview = load_review(store, session_id)
        self.setObjectName("reviewWindow")
        self.resize(1366, 768)
        self.position_ms = 0
        self.selected_id: str | None = None
        review = self.review
        self.setWindowTitle(f"Review — {review.student.name}")

        self.title = QLabel(objectName="reviewTitle")
        self.title.setStyleSheet("font-size: 13pt;")
        self.export_button = QPushButton("Export…", objectName="exportButton")
        self.close_button = QPushButton("Close", objectName="closeReview")
        self.export_button.clicked.connect(
            lambda: actions.export_session_dialog(self, store, review.session.id)
        )
        self.close_button.clicked.connect(self.close)
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.export_button)
        header.addWidget(self.close_button)

        self.waveform = WaveformView()
        self.waveform.setObjectName("waveform")
        self.player = Player(self)
        saved = get_setting(store, PREROLL_SETTING, str(DEFAULT_PREROLL_S))
        self.transport = Transport(preroll_s=int(saved) if saved.isdigit() else DEFAULT_PREROLL_S)
        self.transport.action.connect(self.perform)
        self.transport.zoom.connect(lambda f: self.waveform.zoom(f, self.position_ms))
        self.transport.preroll_chosen.connect(
            lambda seconds: set_setting(store, PREROLL_SETTING, str(seconds))
        )
        self.play_button = self.transport.play_button
        self.preroll = self.transport.preroll

        left = TagPane(knowledge=review.session.kind == "knowledge")
        self.model, self.table, self.editor = left.model, left.table, left.editor
        self.status, self.hint = left.status, left.hint

        self.panel = JudgementPanel(store, review)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.panel)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([780, 560])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addLayout(header)
        layout.addWidget(self.waveform)
        layout.addWidget(self.transport)
        layout.addWidget(splitter, 1)

        self.table.selectionModel().selectionChanged.connect(self._table_selected)
        self.table.doubleClicked.connect(lambda _index: self.play_selected())
        self.waveform.tag_clicked.connect(self._lane_clicked)
        self.waveform.tag_moved.connect(self.move_tag)
        self.waveform.seek_requested.connect(self.seek)
        self.editor.code_chosen.connect(self._change_code)
        self.editor.note_written.connect(self._change_note)
        self.editor.remove_toggled.connect(self.toggle_removed)
        self.editor.clip_requested.connect(
            lambda tag_id: actions.save_clip_dialog(
                self, store, tag_id, preroll_ms=self.preroll_ms()
            )
        )
        self.panel.play_requested.connect(lambda t: self.play_from(t - self.preroll_ms()))
        self.panel.confirmed.connect(self._show_title)
        self.player.position_changed.connect(self._player_moved)
        self.player.playing_changed.connect(self._playing_changed)
        self.player.failed.connect(self._audio_problem)
        self.undo_stack: list[edits.TagEdit] = []
        QShortcut(QKeySequence.StandardKey.Undo, self, self.undo)
        QShortcut(QKeySequence("Ctrl+W"), self, self.close)
        QShortcut(QKeySequence("Ctrl+M"), self, functools.partial(self.perform, "move_here"))
        self.keys = WindowKeys(self, self, action_for=self._action_for, perform=self.perform)
        self._open_audio()
        self._show()  # the interview was just read, and the panel built from it
        fit_to_screen(self, 1366, 768, maximise_below=1600)
        guard_the_wheel()

    # ----- building -----------------------------------------------------------------------
    def _open_audio(self) -> None:
        path = self.review.audio_path
        has_audio = path is not None and self.player.open(path)
        self.transport.set_audio(has_audio)
        if path is None or not has_audio:
            self.waveform.set_message(
                audio_messages.no_recording(self.review)
                if path is None
                else audio_messages.UNREADABLE
            )
            return
        from ikan_desktop.audio.peaks import load_peaks

        run_in_background(
            lambda: load_peaks(path),
            on_done=self.waveform.set_peaks,
            on_error=lambda _error: self.waveform.set_message(audio_messages.NO_WAVEFORM),
            parent=self,
        )

    # ----- showing ------------------------------------------------------------------------
    def reload(self) -> None:
        """Re-read the interview from the database and show it everywhere."""
        self.review = load_review(self.store, self.review.session.id)
        self.panel.refresh(self.review)
        self._show()

    def _show(self) -> None:
        review = self.review
        duration = self.length_ms()
        self.timeline = build_timeline(
            review.tags,
            script=review.script,
            codes=review.codes,
            duration_ms=duration,
            describe=review.describe,
        )
        self.waveform.set_timeline(self.timeline)
        self.model.show_review(review, edits.edited_tag_ids(self.store, review.session.id))
        self.model.mark_heard(self.position_ms)
        self._show_title()
        self.select(self.selected_id, scroll=False)
        self._show_clock()

    def _show_title(self) -> None:
        session = self.review.session
        row = {"kind": session.kind, "form": session.form, "state": session.state}
        done, total = self.panel.rows_confirmed()
        stages = f"{done} of {total} stages confirmed" if total else ""
        self.title.setText(
            f"<b>{self.review.student.name}</b> · {interview_name(row)} · "
            f"{local_date(session.started_at)} · {len(self.review.live_tags)} tags"
            + (f" · <span style='color:#1d6b2c'>{stages}</span>" if stages else "")
        )

    def _show_clock(self) -> None:
        total = self.length_ms()
        self.transport.show_clock(self.position_ms, total)

    def select(self, tag_id: str | None, *, scroll: bool = True) -> None:
        """Select a tag in the list, the lane and the editor."""
        row = self.model.row_of(tag_id)
        self.selected_id = tag_id if row >= 0 else None
        if row >= 0:
            self.table.selectRow(row)
            if scroll:
                self.table.scrollTo(self.model.index(row, 0))
        else:
            self.table.clearSelection()
        self.waveform.select_tag(self.selected_id)
        self.editor.show_tag(self.selected_tag(), self.review)

    def selected_tag(self) -> Tag | None:
        return next((t for t in self.review.tags if t.id == self.selected_id), None)

    # ----- keys and listening -------------------------------------------------------------
    def _action_for(self, name: str) -> str | None:
        focus = QApplication.focusWidget()
        if name in ("UP", "DOWN", "SPACE") and isinstance(focus, QComboBox | QAbstractSpinBox):
            return None  # the teacher is choosing in a list
        return review_action_for(name, frozenset(strategy_keys(self.review.codes).values()))

    def perform(self, action: str) -> None:
        """Carry out one review action (a key or a transport button)."""
        if action == "play_pause":
            self.player.toggle()
        elif action in ("back", "forward"):
            self.seek(self.position_ms + (STEP_MS if action == "forward" else -STEP_MS))
        elif action in ("previous_tag", "next_tag"):
            self._step_tag(1 if action == "next_tag" else -1)
        elif action == "play_tag":
            self.play_selected()
        elif action == "delete":
            if self.selected_id:
                self.toggle_removed(self.selected_id)
        elif action in ("zoom_in", "zoom_out"):
            self.waveform.zoom(2.0 if action == "zoom_in" else 0.5, self.position_ms)
        elif action == "move_here":  # listen, and press Ctrl+M at the moment the tag belongs to
            if self.selected_id:
                self.move_tag(self.selected_id, self.position_ms)
        elif self.review.session.kind != "knowledge":  # marks belong to the knowledge check
            self._add_tag(action)

    def _step_tag(self, step: int) -> None:
        tags = self.model.tags
        if not tags:
            return
        row = self.model.row_of(self.selected_id)
        if row < 0:
            later = [i for i, t in enumerate(tags) if t.t_ms > self.position_ms]
            row = (later[0] if later else len(tags)) - (1 if step > 0 else 0)
        row = min(max(row + step, 0), len(tags) - 1)
        self.select(tags[row].id)
        self.play_selected()

    def play_selected(self) -> None:
        """Hear the selected tag from the pre-roll before it."""
        tag = self.selected_tag()
        if tag is not None:
            self.play_from(tag.t_ms - self.preroll_ms())

    def preroll_ms(self) -> int:
        return self.transport.preroll_ms()

    def play_from(self, t_ms: int) -> None:
        if self.review.audio_path is None:
            self.seek(t_ms)
            return
        self.player.play_from(max(0, t_ms))

    def length_ms(self) -> int:
        """How long the interview ran: the recording's length, else the review's own reckoning."""
        return self.player.duration_ms or self.review.length_ms

    def seek(self, t_ms: int) -> None:
        self.position_ms = min(max(0, int(t_ms)), self.length_ms())
        if self.review.audio_path is not None:
            self.player.seek(self.position_ms)
        self.waveform.set_position(self.position_ms)
        self.model.mark_heard(self.position_ms)
        self._show_clock()

    def _player_moved(self, t_ms: int) -> None:
        self.position_ms = t_ms
        self.model.mark_heard(t_ms)
        self.waveform.set_position(t_ms)
        self._show_clock()

    def _playing_changed(self, playing: bool) -> None:
        self.transport.show_playing(playing)

    def _audio_problem(self, message: str) -> None:
        self.status.setText(message)
        self.status.setStyleSheet("color: #8b1a1a;")

    def _lane_clicked(self, tag_id: str) -> None:
        self.select(tag_id)
        self.play_selected()

    def _table_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        tag_id = self.model.tags[rows[0].row()].id if rows else None
        if tag_id != self.selected_id:
            self.select(tag_id, scroll=False)

    # ----- edits: each one saved at once --------------------------------------------------
    def _edit(self, change, done: str, *, undoable: bool = True) -> None:  # type: ignore[no-untyped-def]
        try:
            tag = change()
        except ReviewError as problem:
            QMessageBox.warning(self, "Tag not changed", str(problem))
            return
        if tag is None:
            return
        history = edits.tag_history(self.store, tag.id)
        if undoable and history:
            self.undo_stack.append(history[-1])
        self.selected_id = tag.id
        self.reload()
        self.status.setStyleSheet("color: #1d4f8a;")
        self.status.setText(done)

    def move_tag(self, tag_id: str, t_ms: int) -> None:
        """Drop a dragged tag at its new time; the time it was first given stays recorded."""
        before = next((t.t_ms for t in self.review.tags if t.id == tag_id), 0)
        self._edit(
            lambda: edits.move_tag(self.store, tag_id, t_ms),
            f"Tag moved to {clock_text(t_ms)} (it was at {clock_text(before)}).",
        )

    def _change_code(self, tag_id: str, code: str) -> None:
        label = self.review.codes.get(code).label if code in self.review.codes else code
        self._edit(
            lambda: edits.change_code(
                self.store, tag_id, code, script=self.review.script, codes=self.review.codes
            ),
            f"Tag changed to “{label}”.",
        )

    def _change_note(self, tag_id: str, note: str) -> None:
        self._edit(lambda: edits.change_note(self.store, tag_id, note), "Note saved.")

    def toggle_removed(self, tag_id: str) -> None:
        """Remove a tag from the judgement, or bring a removed one back."""
        tag = next((t for t in self.review.tags if t.id == tag_id), None)
        if tag is None:
            return
        if tag.deleted:
            self._edit(lambda: edits.restore_tag(self.store, tag_id), "Tag restored.")
        else:
            self._edit(
                lambda: edits.delete_tag(self.store, tag_id),
                "Tag removed — it is kept, greyed out; press Del again to restore it.",
            )

    def undo(self) -> None:
        """Take back the last edit made in this window (Ctrl+Z)."""
        if not self.undo_stack:
            self.status.setText("Nothing to undo.")
            return
        last = self.undo_stack.pop()
        self._edit(
            lambda: edits.undo_edit(
                self.store, last, script=self.review.script, codes=self.review.codes
            ),
            "Undone: the tag is back as it was.",
            undoable=False,
        )

    def _add_tag(self, action: str) -> None:
        timeline_task = self.timeline.task_at(self.position_ms)
        has_audio = self.review.audio_path is not None
        self._edit(
            lambda: tag_while_listening(
                self.store,
                self.review.session.id,
                action,
                t_ms=self.position_ms,
                task_id=timeline_task,
                script=self.review.script,
                codes=self.review.codes,
                has_audio=has_audio,
            ),
            f"Tag added at {clock_text(self.position_ms)}.",
        )
        if action == "note" and self.selected_id:
            self.editor.note.setFocus()

    # ----- closing ------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        self.editor.flush()
        self.panel.flush()
        self.keys.stop()
        self.player.stop()
        event.accept()
        emit_safely(self.closed)
