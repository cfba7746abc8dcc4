"""A recorded interview: a key pressed while a tone plays is stamped where the tone is in the WAV."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest
from audio_compare import read_wav, tone_burst, tone_onset_s, write_wav
from interview_helpers import live_window, start_interview
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ikan_desktop.store.location import DB_NAME

pytestmark = pytest.mark.audio
PAPLAY_START_MS = 5


def test_key_press_during_a_tone_burst_matches_the_wav(
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

    rng = random.Random(11)
    for n in range(3):
        lead_s = 0.3 + rng.uniform(0, 0.01)
        burst = write_wav(tmp_path / f"b{n}.wav", tone_burst(48000, lead_s=lead_s), 48000)
        qtbot.wait(150 + rng.randint(0, 9))
        player = virtual_mic.play(burst)
        # The teacher hears the tone and presses "3" (counts on) as it starts.
        QTimer.singleShot(
            round(lead_s * 1000) + PAPLAY_START_MS,
            lambda: qtbot.keyClick(window.task_panel, Qt.Key.Key_3),
        )
        qtbot.waitUntil(lambda p=player: p.poll() is not None, timeout=10000)
        qtbot.keyClick(window, Qt.Key.Key_Right)
    qtbot.wait(200)
    summary = recorder.stop()

    conn = sqlite3.connect(data_dir / DB_NAME)
    stamps = [
        row[0]
        for row in conn.execute("SELECT t_ms FROM tags WHERE kind = 'strategy' ORDER BY rowid")
    ]
    conn.close()
    assert len(stamps) == 3
    got, rate = read_wav(summary.path)
    for t_ms in stamps:
        start_at = max(0, int((t_ms - 200) * rate / 1000))
        onset = tone_onset_s(got[start_at : start_at + int(0.5 * rate)], rate)
        assert onset is not None, f"no tone near {t_ms} ms"
        found_ms = (start_at / rate + onset) * 1000
        assert abs(found_ms - t_ms) <= 50, (found_ms, t_ms)
    store.close()
