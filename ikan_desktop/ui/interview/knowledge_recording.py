"""The knowledge check records its audio too, exactly as the strategy interview does.

Consent comes first (no consent, no recording, whatever microphone is plugged in); with consent
and a microphone the recorder is the check's clock, so every right/wrong mark is stamped on the
recording's own sample clock and review can replay the moment behind it. Without audio a
monotonic clock keeps the marks in order and each is saved as having no audio.
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QObject

from ikan_desktop.audio import AudioPlan, audio_plan_for
from ikan_desktop.domain.students import Student
from ikan_desktop.private_files import make_private_folder
from ikan_desktop.store import Store
from ikan_desktop.store import sessions as session_store
from ikan_desktop.workflows.clock import MonotonicClock
from ikan_desktop.workflows.knowledge_check import KnowledgeClock


class KnowledgeRecording(QObject):
    """One knowledge check's recorder (or its plain clock when it may not record)."""

    def __init__(self, parent: QObject | None, store: Store, student: Student) -> None:
        super().__init__(parent)
        from ikan_desktop.audio.devices import input_devices

        self.store = store
        self.plan: AudioPlan = audio_plan_for(student.can_record, bool(input_devices()))
        self.recorder = None
        self.clock: KnowledgeClock = MonotonicClock()
        if self.plan.record:
            from ikan_desktop.audio.recorder import Recorder

            self.recorder = Recorder(self)
            self.clock = self.recorder

    def start(self, session_id: str) -> None:
        """Name the session's audio file and start recording into it (nothing without audio)."""
        if self.recorder is None:
            return
        path = session_store.audio_file_for(self.store, session_id)
        with contextlib.suppress(OSError):  # if it cannot be made, the recorder says so
            make_private_folder(path.parent)
        session_store.set_audio(self.store, session_id, audio_path=path, rate=self.recorder.rate)
        self.recorder.start(path)

    def finish(self, session_id: str) -> None:
        """Stop and seal the recording: its length and checksum go on the session row."""
        if self.recorder is None:
            return
        from ikan_desktop.workflows.interview_end import seal_recording

        summary = self.recorder.stop()
        seal_recording(
            self.store, session_id, path=summary.path, frames=summary.frames, rate=summary.rate
        )
        self.recorder = None
