"""Every interview (or one student's), newest first: open one to review it, or export it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ikan_desktop.audio.signals import emit_safely
from ikan_desktop.domain.stamps import parse_stamp
from ikan_desktop.domain.tags import clock_text
from ikan_desktop.store.database import Store
from ikan_desktop.ui.widgets.row_table import Index, RowTableModel, row_table
from ikan_desktop.workflows.review import session_rows

COLUMNS = ("Date", "Student", "Interview", "Length", "Tags", "Stages", "Audio")
_STATES = {
    "finished": "",
    "interrupted": " (interrupted)",
    "recording": " (in progress)",
    "paused": " (in progress)",
}


def interview_name(row: dict[str, Any]) -> str:
    """'Strategy, form A' or 'Knowledge check', with an unfinished state said plainly."""
    if row["kind"] == "knowledge":
        name = "Knowledge check"
    else:
        name = f"Strategy, form {row['form']}" if row["form"] else "Strategy interview"
    return name + _STATES.get(row["state"], f" ({row['state']})")


def local_date(stamp: str) -> str:
    """'Tue 2 Dec 2026, 9:14' in the computer's time zone."""
    moment = parse_stamp(stamp)
    if moment is None:
        return "date unknown"
    moment = moment.astimezone() if moment.tzinfo else moment
    return f"{moment:%a} {moment.day} {moment:%b %Y}, {moment.hour}:{moment:%M}"


class SessionTableModel(RowTableModel):
    """Interviews as rows (from `session_rows`), read once per reload."""

    columns = COLUMNS

    def __init__(self, store: Store, *, student_id: str | None = None) -> None:
        super().__init__()
        self.store, self.student_id = store, student_id
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self.rows = session_rows(self.store, student_id=self.student_id)
        self.endResetModel()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == 5 and not row["confirmed"]:
            return QColor("#8a5a00")
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (3, 4):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return row["id"]
        return None

    @staticmethod
    def _text(row: dict[str, Any], column: int) -> str:
        if column == 0:
            return local_date(row["started_at"])
        if column == 1:
            return row["student"]
        if column == 2:
            return interview_name(row)
        if column == 3:
            seconds = row["duration_s"]
            return clock_text(int(seconds * 1000)) if seconds is not None else "—"
        if column == 4:
            return str(row["tags"])
        if column == 5:
            return "Confirmed" if row["confirmed"] else "To confirm"
        if row.get("audio_deleted") and not row["has_audio"]:
            return f"Deleted ({row['audio_deleted']['reason']})"
        return "Recorded" if row["has_audio"] else "No audio"


class SessionListDialog(QDialog):
    """The interview list; Enter or double-click opens the selected one for review."""

    open_requested = Signal(str)
    export_requested = Signal(str)
    continue_requested = Signal(str)  # an interrupted interview, to carry on where it stopped

    def __init__(
        self,
        store: Store,
        *,
        student_id: str | None = None,
        student_name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sessionList")
        whose = f"{student_name}'s interviews" if student_name else "All interviews"
        self.setWindowTitle(whose)
        self.resize(960, 520)
        self.model = SessionTableModel(store, student_id=student_id)
        self.table = row_table("sessions", self.model, (180, 180, 190, 64, 48, 96))
        # Enter reaches the default button (the table passes it on), so the table's own
        # `activated` is not connected: one Enter, one review.
        self.table.doubleClicked.connect(lambda _index: self._open())

        title = QLabel(f"<b>{whose}</b>", objectName="sessionListTitle")
        title.setStyleSheet("font-size: 13pt;")
        self.empty = QLabel(
            "No interviews yet. Start one from the student list with “Start interview…”.",
            objectName="noSessions",
        )
        self.open_button = QPushButton("&Review…", objectName="openReview")
        self.open_button.setDefault(True)
        self.export_button = QPushButton("&Export…", objectName="exportSession")
        self.continue_button = QPushButton(
            "&Continue this interview", objectName="continueInterview"
        )
        self.continue_button.setToolTip("Carry on an interrupted interview from where it stopped")
        self.continue_button.clicked.connect(self._continue)
        close = QPushButton("Close")
        self.open_button.clicked.connect(self._open)
        self.export_button.clicked.connect(self._export)
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.empty)
        buttons.addStretch(1)
        buttons.addWidget(self.continue_button)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.open_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._show_continue())
        self.reload()

    def reload(self) -> None:
        """Read the list again (after a review confirmed stages, say) and keep a selection."""
        chosen = self.selected()
        self.model.reload()
        has_rows = self.model.rowCount() > 0
        self.empty.setVisible(not has_rows)
        self.open_button.setEnabled(has_rows)
        self.export_button.setEnabled(has_rows)
        ids = [row["id"] for row in self.model.rows]
        if has_rows:
            self.table.selectRow(ids.index(chosen) if chosen in ids else 0)
            self.table.setFocus()
        self._show_continue()

    def selected(self) -> str | None:
        """The id of the selected interview, if any."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()]["id"] if rows else None

    def _open(self) -> None:
        session_id = self.selected()
        if session_id:
            emit_safely(self.open_requested, session_id)

    def _show_continue(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        row = self.model.rows[rows[0].row()] if rows else None
        can = row is not None and row["state"] == "interrupted" and row["kind"] == "strategy"
        self.continue_button.setVisible(can)

    def _continue(self) -> None:
        session_id = self.selected()
        if session_id:
            emit_safely(self.continue_requested, session_id)

    def _export(self) -> None:
        session_id = self.selected()
        if session_id:
            emit_safely(self.export_requested, session_id)
