"""The interview's tags as a list beside the waveform, and the editor for the selected one."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ikan_desktop.audio.signals import emit_safely
from ikan_desktop.domain.response_time import seconds_text
from ikan_desktop.domain.tags import STRATEGY, Tag, clock_text
from ikan_desktop.ui.widgets.row_table import Index, RowTableModel, row_table
from ikan_desktop.workflows.review import SessionReview
from ikan_desktop.workflows.review_keys import planned_task

COLUMNS = ("Time", "Task", "Observation", "Stage", "Note", "")
KEY_HINT = (
    "Space play · ← → 5 s · ↑ ↓ tags · Enter replay · Ctrl+M move here · Del remove · Ctrl+Z undo"
)
ADD_HINT = " · the live screen's keys (a strategy's letter, J C X H F N) add here"


class TagTableModel(RowTableModel):
    """All tags of the interview in clock order; removed ones stay, greyed and struck through."""

    columns = COLUMNS

    def __init__(self) -> None:
        super().__init__()
        self.review: SessionReview | None = None
        self.edited: set[str] = set()
        self.heard_id: str | None = None
        self.response_ms: dict[str, int] = {}
        self.answered: set[str] = set()

    @property
    def tags(self) -> list[Tag]:
        return self.rows

    def show_review(self, review: SessionReview, edited: set[str]) -> None:
        self.beginResetModel()
        self.review = review
        self.rows = sorted(review.tags, key=lambda t: (t.t_ms, t.id))
        self.edited = edited
        self.heard_id = None
        self.response_ms = review.response_ms
        self.answered = first_strategy_tags(self.rows)
        self.endResetModel()

    def mark_heard(self, t_ms: int | None) -> str | None:
        """Light up the last live tag at or before `t_ms` (None: none); only two rows redraw."""
        heard = None
        if t_ms is not None:
            heard = next(
                (t.id for t in reversed(self.rows) if t.t_ms <= t_ms and not t.deleted), None
            )
        if heard != self.heard_id:
            for tag_id in (self.heard_id, heard):
                row = self.row_of(tag_id)
                if row >= 0:
                    last = self.index(row, len(self.columns) - 1)
                    emit_safely(self.dataChanged, self.index(row, 0), last)
            self.heard_id = heard
        return heard

    def row_of(self, tag_id: str | None) -> int:
        return next((i for i, t in enumerate(self.rows) if t.id == tag_id), -1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.review is None:
            return None
        tag = self.tags[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(tag, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            heard = "" if tag.has_audio else " (no recording at this moment)"
            return self.review.describe(tag) + heard
        if role == Qt.ItemDataRole.ForegroundRole and tag.deleted:
            return QColor("#9a9a9a")
        if role == Qt.ItemDataRole.BackgroundRole and tag.id == self.heard_id:
            return QColor("#fff1b8")  # the last tag the playhead passed: what is heard now
        if role == Qt.ItemDataRole.FontRole and tag.deleted:
            font = QFont()
            font.setStrikeOut(index.column() in (1, 2, 3))
            return font
        return None

    def _text(self, tag: Tag, column: int) -> str:
        assert self.review is not None
        if column == 0:
            return clock_text(tag.t_ms)
        if column == 1:
            script = self.review.script
            if tag.task_id and script is not None:
                return script.task_title(tag.task_id)
            return tag.task_id or ""
        if column == 2:
            label = observation_label(self.review, tag)
            ms = self.response_ms.get(tag.task_id or "")
            if ms is not None and tag.id in self.answered:
                return f"{label} · {seconds_text(ms)}"  # task shown → this first strategy
            return label
        if column == 3:
            return "" if tag.stage is None else str(tag.stage)
        if column == 4:
            return tag.note
        return self._status(tag)

    def _status(self, tag: Tag) -> str:
        assert self.review is not None
        if tag.deleted:
            return "removed"
        moved = self.review.original_t_ms.get(tag.id)
        if moved is not None and moved != tag.t_ms:
            return f"moved from {clock_text(moved)}"
        return "edited" if tag.id in self.edited else ""


def first_strategy_tags(tags: list[Tag]) -> set[str]:
    """The first live strategy tag of each task: where its response time is shown."""
    first: dict[str, Tag] = {}
    for tag in tags:
        if tag.kind != STRATEGY or tag.deleted or not tag.task_id:
            continue
        if tag.task_id not in first or tag.t_ms < first[tag.task_id].t_ms:
            first[tag.task_id] = tag
    return {tag.id for tag in first.values()}


def observation_label(review: SessionReview, tag: Tag) -> str:
    """The strategy or response in words, without the task or stage."""
    if tag.code in review.codes:
        return review.codes.get(tag.code).label
    return tag.code.replace("_", " ").capitalize()


class TagEditor(QWidget):
    """Change the selected tag's strategy or note, remove or restore it, or save a clip of it."""

    code_chosen = Signal(str, str)  # tag id, code
    note_written = Signal(str, str)  # tag id, note
    remove_toggled = Signal(str)  # tag id
    clip_requested = Signal(str)  # tag id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tag: Tag | None = None
        self.code = QComboBox(objectName="tagCode")
        self.code.setMinimumWidth(210)
        self.note = QLineEdit(objectName="tagNote", placeholderText="Note on this tag")
        self.remove = QPushButton("Remove", objectName="removeTag")
        self.clip = QPushButton("Save clip…", objectName="saveClip")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.code)
        layout.addWidget(self.note, 1)
        layout.addWidget(self.remove)
        layout.addWidget(self.clip)
        self.code.activated.connect(self._code_activated)
        self.note.editingFinished.connect(self._note_done)
        self.remove.clicked.connect(
            lambda: self.tag and emit_safely(self.remove_toggled, self.tag.id)
        )
        self.clip.clicked.connect(
            lambda: self.tag and emit_safely(self.clip_requested, self.tag.id)
        )
        self.show_tag(None, None)

    def show_tag(self, tag: Tag | None, review: SessionReview | None) -> None:
        """Fill the editor for a tag (or disable it when none is selected)."""
        self.tag = tag
        for widget in (self.code, self.note, self.remove, self.clip):
            widget.setEnabled(tag is not None)
        self.code.clear()
        if tag is None or review is None:
            self.note.clear()
            return
        for code, label in code_choices(review, tag):
            self.code.addItem(label, code)
        self.code.setCurrentIndex(max(0, self.code.findData(tag.code)))
        self.code.setEnabled(tag.kind == STRATEGY and not tag.deleted)
        self.note.setText(tag.note)
        self.note.setEnabled(not tag.deleted)
        self.remove.setText("Restore" if tag.deleted else "Remove")
        self.clip.setEnabled(tag.has_audio and review.audio_path is not None)

    def _code_activated(self) -> None:
        code = self.code.currentData()
        if self.tag is not None and code and code != self.tag.code:
            emit_safely(self.code_chosen, self.tag.id, code)

    def flush(self) -> None:
        """Save a note still being typed (the window is closing)."""
        self._note_done()

    def _note_done(self) -> None:
        if self.tag is not None and self.note.text() != self.tag.note:
            emit_safely(self.note_written, self.tag.id, self.note.text())


def code_choices(review: SessionReview, tag: Tag) -> list[tuple[str, str]]:
    """The codes offered for a tag: its task's scoring guide first (with keys), then the rest."""
    if tag.kind != STRATEGY:
        return [(tag.code, observation_label(review, tag))]
    task = planned_task(review.script, review.codes, tag.task_id)
    first = [(c.code, f"{c.key} · {c.label}") for c in task.choices] if task else []
    shown = {code for code, _ in first}
    rest = [(c.id, c.label) for c in review.codes if c.id not in shown]
    return first + rest


class TagPane(QWidget):
    """The tag list, the editor under it, a status line and the keys in one line."""

    def __init__(self, *, knowledge: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = TagTableModel()
        self.table = row_table("tagTable", self.model, (62, 92, 190, 48, 150))
        self.editor = TagEditor()
        # a knowledge check's marks belong to the check: no observation keys here
        hint = KEY_HINT if knowledge else KEY_HINT + ADD_HINT
        self.hint = QLabel(hint, objectName="keyHint", wordWrap=True)
        self.hint.setStyleSheet("color: #555;")
        self.status = QLabel(objectName="reviewStatus")
        self.status.setStyleSheet("color: #1d4f8a;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.editor)
        layout.addWidget(self.status)
        layout.addWidget(self.hint)
