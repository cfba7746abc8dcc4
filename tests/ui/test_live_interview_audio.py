"""A recorded interview: keys pressed while tones play are stamped where the tones are in the WAV."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import numpy as np
import pytest
from audio_compare import read_wav, tone_burst, tone_onset_s, write_wav
from interview_helpers import live_window, start_interview
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ikan_desktop.store.location import DB_NAME

pytestmark = pytest.mark.audio
PAPLAY_START_MS = 5


def test_key_presses_during_tone_bursts_match_the_wav(
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

    # One playback with three bursts: the sound server's start-up delay is then the same for
    # all three, so the spacing between the tags must match the spacing in the WAV closely,
    # while the absolute offset also carries that delay (outside the app, up to ~100 ms).
    rng = random.Random(11)
    offsets = [0.3 + rng.uniform(0, 0.01), 1.4 + rng.uniform(0, 0.01), 2.5 + rng.uniform(0, 0.01)]
    rate = 48000
    signal = np.zeros(int(rate * 3.2))
    for offset in offsets:
        burst = tone_burst(rate, lead_s=0)[: int(rate * 0.15)]
        start = int(offset * rate)
        signal[start : start + len(burst)] = burst
    wav_in = write_wav(tmp_path / "bursts.wav", signal, rate)
    qtbot.wait(150)
    player = virtual_mic.play(wav_in)
    for offset in offsets:
        # The teacher hears each tone and presses "3" (counts on) as it starts, then moves on.
        QTimer.singleShot(
            round(offset * 1000) + PAPLAY_START_MS,
            lambda: qtbot.keyClick(window.task_panel, Qt.Key.Key_3),
        )
        QTimer.singleShot(
            round(offset * 1000) + 450, lambda: qtbot.keyClick(window, Qt.Key.Key_Right)
        )
    qtbot.waitUntil(lambda: player.poll() is not None, timeout=10000)
    qtbot.wait(200)
    summary = recorder.stop()

    conn = sqlite3.connect(data_dir / DB_NAME)
    stamps = [
        row[0]
        for row in conn.execute("SELECT t_ms FROM tags WHERE kind = 'strategy' ORDER BY rowid")
    ]
    conn.close()
    assert len(stamps) == 3
    got, rec_rate = read_wav(summary.path)
    found = []
    for t_ms in stamps:
        start_at = max(0, int((t_ms - 200) * rec_rate / 1000))
        onset = tone_onset_s(got[start_at : start_at + int(0.5 * rec_rate)], rec_rate)
        assert onset is not None, f"no tone near {t_ms} ms"
        found.append((start_at / rec_rate + onset) * 1000)
    errors = [t_ms - at for t_ms, at in zip(stamps, found, strict=True)]
    assert all(abs(error) <= 100 for error in errors), errors
    assert max(errors) - min(errors) <= 40, errors  # one clock: the spacing agrees
    store.close()
