"""Recording processes that die or are starved: what was recorded stays a playable WAV."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import wave
from pathlib import Path

import numpy as np
import pytest
from audio_compare import read_wav, write_wav

from ikan_desktop.audio.wavfile import HEADER_BYTES, repair

pytestmark = pytest.mark.audio

CHILD = Path(__file__).with_name("recording_child.py")


def spawn(out: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(CHILD), str(out), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ),
    )


def next_event(child: subprocess.Popen[str], timeout: float = 20) -> dict:
    assert child.stdout is not None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = child.stdout.readline()
        if line.startswith("{"):
            return json.loads(line)
        if not line and child.poll() is not None:
            break
    raise AssertionError(f"no event from the recording process: {child.stderr.read()}")  # type: ignore[union-attr]


def test_a_recording_killed_without_warning_is_repaired_to_a_playable_file(
    virtual_mic, tmp_path: Path
) -> None:
    out = tmp_path / "killed.wav"
    noise = np.random.default_rng(3).uniform(-0.3, 0.3, 48000 * 8)
    sound = write_wav(tmp_path / "noise.wav", noise, 48000)
    child = spawn(out)
    try:
        assert next_event(child) == {"event": "recording"}
        player = virtual_mic.play(sound)
        time.sleep(5)
        child.send_signal(signal.SIGKILL)
        child.wait(10)
        player.wait(15)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == -signal.SIGKILL

    report = repair(out, rate=16000, channels=1)

    with wave.open(str(out)) as w:  # the standard library opens it: a valid WAV
        assert (w.getframerate(), w.getnchannels(), w.getsampwidth()) == (16000, 1, 2)
        assert w.getnframes() >= 4 * 16000
        assert w.getnframes() == report.frames
    got, rate = read_wav(out)
    assert np.sqrt(np.mean(got[-rate:] ** 2)) > 0.05  # the last second is real audio


def test_a_full_disk_mid_recording_is_a_clear_message_and_keeps_what_was_written(
    virtual_mic, tmp_path: Path
) -> None:
    """RLIMIT_FSIZE makes writes fail even for root, like a full disk."""
    out = tmp_path / "full.wav"
    limit = HEADER_BYTES + 2 * 16000 * 2  # two seconds of 16 kHz mono
    child = spawn(out, "--file-limit", str(limit))
    try:
        assert next_event(child)["event"] == "recording"
        ended = next_event(child, timeout=15)
        child.wait(10)
    finally:
        if child.poll() is None:
            child.kill()
    assert ended["event"] == "failed"
    assert "disk is full" in ended["message"]
    assert "saved" in ended["message"]
    assert ended["audio_ended_ms"] == 2000
    assert not ended["has_audio"]
    with wave.open(str(out)) as w:  # valid without any repair
        assert w.getnframes() == 2 * 16000
    assert repair(out).action == "unchanged"


def test_a_microphone_that_vanishes_mid_recording_ends_the_audio_cleanly(tmp_path: Path) -> None:
    """The child runs its own PulseAudio and kills it: the microphone is gone for good."""
    out = tmp_path / "vanished.wav"
    child = spawn(out, "--own-mic", "--kill-mic-after", "1.5")
    try:
        assert next_event(child, timeout=30)["event"] == "recording"
        ended = next_event(child, timeout=15)
        child.wait(15)
    finally:
        if child.poll() is None:
            child.kill()
    assert ended["event"] == "failed"
    assert "microphone stopped working" in ended["message"]
    assert "without audio from here on" in ended["message"]
    assert 1300 <= ended["audio_ended_ms"] <= 1700
    assert ended["position_ms"] >= ended["audio_ended_ms"]  # the clock runs on without audio
    with wave.open(str(out)) as w:
        assert w.getnframes() * 1000 // 16000 == ended["audio_ended_ms"]
    assert repair(out).action == "unchanged"
