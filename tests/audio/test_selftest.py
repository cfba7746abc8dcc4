"""`ikan-desktop selftest`, run as a real process the way support staff run it."""

from __future__ import annotations

import os
import subprocess
import sys
import wave
from pathlib import Path

import numpy as np
import pytest
from audio_compare import write_wav

pytestmark = pytest.mark.audio


def selftest(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "QT_LOGGING_RULES"}
    return subprocess.run(
        [sys.executable, "-m", "ikan_desktop", "selftest", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def test_sound_through_the_default_microphone_exits_0(virtual_mic, tmp_path: Path) -> None:
    t = np.arange(48000 * 8) / 48000
    tone = write_wav(tmp_path / "tone.wav", 0.3 * np.sin(2 * np.pi * 440 * t), 48000)
    player = virtual_mic.play(tone)  # longer than the command's start-up plus one second
    try:
        done = selftest("--data-dir", str(tmp_path / "data"))
    finally:
        player.kill()
        player.wait()
    assert done.returncode == 0, done.stdout + done.stderr
    assert "VirtualMic (default)" in done.stdout
    assert "Sound came through" in done.stdout
    level = float(done.stdout.split("VirtualMic: ")[1].split(" dBFS")[0])
    assert -16 < level < -10  # a 0.3 sine is -13.5 dBFS RMS
    with wave.open(str(tmp_path / "data" / "selftest.wav")) as w:
        assert abs(w.getnframes() / w.getframerate() - 1.0) < 0.05
    assert [p.name for p in (tmp_path / "data").iterdir()] == ["selftest.wav"]


def test_a_silent_microphone_exits_1_with_the_privacy_hint(virtual_mic, tmp_path: Path) -> None:
    done = selftest("--data-dir", str(tmp_path / "data"))
    assert done.returncode == 1, done.stdout + done.stderr
    assert "digital silence" in done.stdout
    assert "muted or blocked by the system's privacy settings" in done.stdout


def test_a_microphone_that_is_not_there_exits_2_with_one_line(virtual_mic, tmp_path: Path) -> None:
    done = selftest("--data-dir", str(tmp_path / "data"), "--device", "Microphone On The Moon")
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0, done.stderr
    assert "“Microphone On The Moon” is not plugged in" in done.stderr
    assert not (tmp_path / "data" / "selftest.wav").exists()
