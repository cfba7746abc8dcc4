"""Starting a recorded interview from the launcher: the stored rate is the one really recorded."""

from __future__ import annotations

import sqlite3
import wave
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from ikan_desktop.audio import recorder as recorder_module
from ikan_desktop.audio.devices import capture_format
from ikan_desktop.domain.students import StudentDetails
from ikan_desktop.store import open_store
from ikan_desktop.store import students as student_store
from ikan_desktop.store.location import DB_NAME
from ikan_desktop.ui.interview.launcher import InterviewLauncher

pytestmark = pytest.mark.audio


def test_the_session_stores_the_rate_the_microphone_delivered(
    virtual_mic, qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A microphone that only offers 44.1 kHz: the recorder settles on it when it opens.
    monkeypatch.setattr(
        recorder_module, "capture_format", lambda device, rate: capture_format(device, 44100)
    )
    store = open_store(data_dir)
    student = student_store.add_student(
        store, StudentDetails(name="Mere Tane", recording_consent=True)
    )
    parent = QWidget()
    qtbot.addWidget(parent)
    launcher = InterviewLauncher(parent, store)
    window = launcher.start(student, "A", launcher.forms["A"].sections[1].id, record=True)
    qtbot.addWidget(window, before_close_func=lambda w: setattr(w, "_allow_close", True))
    qtbot.waitUntil(lambda: launcher.recorder.frames_written > 0, timeout=5000)
    window.interview.finish()
    launcher._finished(window.interview.session_id)
    conn = sqlite3.connect(data_dir / DB_NAME)
    rate, path = conn.execute("SELECT audio_rate, audio_path FROM sessions").fetchone()
    conn.close()
    with wave.open(str(data_dir / path)) as wav:
        assert wav.getframerate() == 44100
    assert rate == 44100
    store.close()


def test_a_recording_that_cannot_be_saved_is_said_on_the_live_screen(
    virtual_mic, qtbot: QtBot, data_dir: Path
) -> None:
    store = open_store(data_dir)
    student = student_store.add_student(
        store, StudentDetails(name="Mere Tane", recording_consent=True)
    )
    (data_dir / "audio").write_text("a file where the recordings' folder should be")
    parent = QWidget()
    qtbot.addWidget(parent)
    launcher = InterviewLauncher(parent, store)
    window = launcher.start(student, "A", launcher.forms["A"].sections[1].id, record=True)
    qtbot.addWidget(window, before_close_func=lambda w: setattr(w, "_allow_close", True))
    qtbot.waitUntil(window.problem.isVisible, timeout=5000)
    assert "could not be saved" in window.problem.text()
    assert "without audio" in window.problem.text()
    window.interview.finish()
    launcher._finished(window.interview.session_id)
    conn = sqlite3.connect(data_dir / DB_NAME)
    (state,) = conn.execute("SELECT state FROM sessions").fetchone()
    conn.close()
    assert state == "finished"
    assert (data_dir / "audio").read_text().startswith("a file")
    store.close()
