"""A whole class's profiles, made off the GUI thread behind a progress dialog that can cancel.

The worker reads through its own read-only connection and only renders and writes files; it
never touches a widget. Progress, the result and any error come back to the GUI thread as
signals. Cancelling stops before the next child, and a cancelled save writes no files at all.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from ikan_desktop.audio.signals import emit_safely
from ikan_desktop.store.database import Store, reading_connection

if TYPE_CHECKING:
    from ikan_desktop.workflows.profiles import ClassProfiles


@dataclass(frozen=True, slots=True)
class ClassRunOutcome:
    """What a class run made: the batch record, and for printing, the one PDF of every page."""

    batch: ClassProfiles
    pdf: bytes | None = None
    combined: Path | None = None  # the whole class in one PDF, beside the single ones


class _Relay(QObject):
    progress = Signal(int, int, str)
    done = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Callable[[Callable[[int, int, str], None]], Any], relay: _Relay):
        super().__init__()
        self.work = work
        self.relay = relay

    def run(self) -> None:
        try:
            result = self.work(self.relay.progress.emit)
        except Exception as error:  # delivered to the GUI thread, never lost in a worker
            emit_safely(self.relay.failed, error)
        else:
            emit_safely(self.relay.done, result)


class ClassProfileRun(QObject):
    """Print (one PDF to preview) or save (one file per child in `folder`) a class's profiles."""

    finished = Signal(object)  # a ClassRunOutcome, or the Exception that stopped the run

    def __init__(
        self,
        store: Store,
        class_name: str,
        *,
        folder: Path | None = None,
        page_size: str = "A4",
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.class_name = class_name
        self.folder = folder
        self.page_size = page_size
        self.today = today
        self.cancel_flag = threading.Event()
        self.outcome: ClassRunOutcome | Exception | None = None
        self.progress_dialog = QProgressDialog(
            f"Preparing the profiles for {class_name}…", "Cancel", 0, 0, parent
        )
        self.progress_dialog.setObjectName("classProfileProgress")
        self.progress_dialog.setWindowTitle("Class profiles")
        self.progress_dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress_dialog.setAutoClose(False)
        self.progress_dialog.setAutoReset(False)
        self.progress_dialog.setMinimumDuration(0)
        self.progress_dialog.canceled.connect(self.cancel)
        self._relay = _Relay(self)
        self._relay.progress.connect(self._show_progress)
        self._relay.done.connect(self._finish)
        self._relay.failed.connect(self._finish)

    def start(self) -> None:
        """Show the progress dialog and start the work on a worker thread."""
        self.progress_dialog.show()
        QThreadPool.globalInstance().start(_Job(self._work, self._relay))

    def cancel(self) -> None:
        """Stop before the next child; nothing is written for a cancelled save."""
        self.cancel_flag.set()
        self.progress_dialog.setLabelText("Stopping…")

    def _work(self, report: Callable[[int, int, str], None]) -> ClassRunOutcome:
        # Runs on the worker thread: no widgets here, only the database and files.
        from ikan_desktop.workflows import profiles

        with reading_connection(self.store.path) as reader:
            sources = profiles.load_profile_sources()
            if self.folder is None:
                pdf, batch = profiles.render_class_profiles(
                    reader,
                    self.class_name,
                    page_size=self.page_size,
                    sources=sources,
                    today=self.today,
                    progress=report,
                    cancel=self.cancel_flag,
                )
                return ClassRunOutcome(batch, pdf)
            from ikan_desktop.workflows.class_print import save_whole_class

            whole = save_whole_class(
                reader,
                self.class_name,
                self.folder,
                page_size=self.page_size,
                sources=sources,
                today=self.today,
                progress=report,
                cancel=self.cancel_flag,
            )
            return ClassRunOutcome(whole.batch, combined=whole.combined)

    def _show_progress(self, done: int, total: int, name: str) -> None:
        if self.cancel_flag.is_set():
            return
        self.progress_dialog.setMaximum(max(total, 1))
        self.progress_dialog.setValue(done)
        if name:
            self.progress_dialog.setLabelText(
                f"Preparing {name}'s profile ({done + 1} of {total})…"
            )

    def _finish(self, outcome: object) -> None:
        self.progress_dialog.canceled.disconnect(self.cancel)
        self.progress_dialog.close()
        self.progress_dialog.deleteLater()
        self.outcome = outcome  # type: ignore[assignment]
        emit_safely(self.finished, outcome)
