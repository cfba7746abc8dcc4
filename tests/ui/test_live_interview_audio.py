"""A recorded interview: a key pressed as a tone is heard is stamped where the tone is in the WAV.

The "teacher" is a second listener on the virtual speaker (its own `parec`, independent of the
app): it presses the key the moment it hears each tone, as a person would. Timing the presses from
when playback was asked for would instead measure the sound server's start-up delay, which
varies by hundreds of milliseconds on a busy machine and has nothing to do with the app's clock.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import numpy as np
import pytest
from audio_compare import read_wav, tone_burst, tone_onset_s, write_wav
from ear import Ear
from interview_helpers import live_window, start_interview
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ikan_desktop.store.location import DB_NAME

pytestmark = pytest.mark.audio


def test_key_presses_as_tones_are_heard_match_the_wav(
    virtual_mic, qtbot: QtBot, data_dir: Path, tmp_path: Path
) -> None:
    from ikan_desktop.audio.recorder import Recorder

    recorder = Recorder(device="VirtualMic")
    store, interview, rules = start_interview(data_dir, clock=recorder, start="counting-all-or-on")
    wav = data_dir / "audio" / "interview.wav"
    wav.parent.mkdir(parents=True, exist_ok=True)
    with qtbot.waitSignal(recorder.started, timeout=5000):
        assert recorder.start(wav)
    window = live_window(interview, rules, level_signal=recorder.level)
    qtbot.addWidget(window, before_close_func=lambda w: setattr(w, "_allow_close", True))
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)

    rate = 48000
    offsets = (0.3, 1.4, 2.5)
    signal = np.zeros(int(rate * 3.2))
    burst = tone_burst(rate, lead_s=0)[: int(rate * 0.15)]
    for offset in offsets:
        start = int(offset * rate)
        signal[start : start + len(burst)] = burst
    ear = Ear(virtual_mic.env)
    ear.start()
    pressed: list[float] = []

    def listen() -> None:
        # The teacher hears a tone, presses B (counts on), then moves to the next task.
        while not ear.heard.empty():
            pressed.append(time.monotonic() - ear.heard.get())
            qtbot.keyClick(window.task_panel, Qt.Key.Key_B)
            QTimer.singleShot(400, lambda: qtbot.keyClick(window, Qt.Key.Key_Right))

    teacher = QTimer(interval=2)
    teacher.timeout.connect(listen)
    teacher.start()
    qtbot.wait(150)
    player = virtual_mic.play(write_wav(tmp_path / "bursts.wav", signal, rate))
    try:
        qtbot.waitUntil(lambda: player.poll() is not None and len(pressed) == 3, timeout=15000)
        qtbot.wait(500)
    finally:
        teacher.stop()
        ear.stop()
    summary = recorder.stop()

    stamps = strategy_times(data_dir)
    assert len(stamps) == 3
    got, rec_rate = read_wav(summary.path)
    for t_ms in stamps:
        start_at = max(0, int((t_ms - 200) * rec_rate / 1000))
        onset = tone_onset_s(got[start_at : start_at + int(0.5 * rec_rate)], rec_rate)
        assert onset is not None, f"no tone near {t_ms} ms"
        found_ms = (start_at / rec_rate + onset) * 1000
        assert abs(found_ms - t_ms) <= 50, (found_ms, t_ms, pressed)
    store.close()


def strategy_times(folder: Path) -> list[int]:
    conn = sqlite3.connect(folder / DB_NAME)
    try:
        rows = conn.execute("SELECT t_ms FROM tags WHERE kind = 'strategy' ORDER BY rowid")
        return [row[0] for row in rows]
    finally:
        conn.close()


def test_a_key_handled_after_a_stall_is_stamped_where_it_was_pressed(
    virtual_mic, qtbot: QtBot, data_dir: Path
) -> None:
    """The GUI thread is busy for 0.6 s (a virus scan, a cloud sync) just as a key goes down:
    the key waits in the queue, but its tag lands where it was pressed, not where it was
    handled. The window system's timestamp on the event says when that was."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent

    from ikan_desktop.audio.recorder import Recorder
    from ikan_desktop.ui import key_moment
    from ikan_desktop.workflows.clock import KeyTimedClock

    recorder = Recorder(device="VirtualMic")
    clock = KeyTimedClock(recorder, key_moment.current)
    store, interview, rules = start_interview(data_dir, clock=clock, start="counting-all-or-on")
    wav = data_dir / "audio" / "stall.wav"
    wav.parent.mkdir(parents=True, exist_ok=True)
    with qtbot.waitSignal(recorder.started, timeout=5000):
        assert recorder.start(wav)
    window = live_window(interview, rules, level_signal=recorder.level)
    qtbot.addWidget(window, before_close_func=lambda w: setattr(w, "_allow_close", True))
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.wait(400)
    # The window system's own clock: milliseconds since some moment of its own.
    system_start = time.monotonic() - 5000.0

    def press(key: Qt.Key, text: str, pressed_at: float) -> None:
        event = QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, text)
        event.setTimestamp(int((pressed_at - system_start) * 1000))
        QApplication.sendEvent(window, event)

    first, second = (choice.key for choice in interview.task.choices[:2])  # the fixed key map
    press(Qt.Key(ord(first)), first, time.monotonic())  # handled at once: the clocks are learnt
    qtbot.wait(300)
    pressed_at = time.monotonic()
    where = recorder.position_ms()  # the recording's clock as the key goes down
    time.sleep(0.6)  # the stall: nothing runs on the GUI thread, audio piles up in Qt's buffer
    QApplication.processEvents()  # after it, the audio that piled up is taken first
    press(Qt.Key(ord(second)), second, pressed_at)
    handled = recorder.position_ms()
    stamps = strategy_times(data_dir)
    recorder.stop()
    assert len(stamps) == 2
    assert handled - where >= 500  # the key was handled well after it was pressed
    # Yet stamped where it was pressed (within the jitter of a busy machine: far from 600 ms).
    assert abs(stamps[1] - where) <= 60, (stamps, where, handled)
    store.close()
