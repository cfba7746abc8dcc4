"""The test machine's audio stack: speech played into the virtual microphone reaches Qt."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from audio_compare import envelope_match, read_wav, speak, write_wav
from pytestqt.qtbot import QtBot

pytestmark = pytest.mark.audio


def test_speech_through_qaudiosource(virtual_mic, qtbot: QtBot, tmp_path: Path) -> None:
    import numpy as np
    from PySide6.QtMultimedia import QAudioFormat, QAudioSource, QMediaDevices

    speech = speak(tmp_path / "speech.wav", "Seven and eight, I counted on from eight.")
    devices = [d for d in QMediaDevices.audioInputs() if d.description() == "VirtualMic"]
    assert devices, [d.description() for d in QMediaDevices.audioInputs()]
    fmt = QAudioFormat()
    fmt.setSampleRate(16000)
    fmt.setChannelCount(1)
    fmt.setSampleFormat(QAudioFormat.SampleFormat.Int16)
    source = QAudioSource(devices[0], fmt)
    captured = bytearray()
    io = source.start()
    io.readyRead.connect(lambda: captured.extend(io.readAll().data()))
    qtbot.waitUntil(lambda: len(captured) > 0, timeout=5000)
    player = virtual_mic.play(speech)
    qtbot.waitUntil(lambda: player.poll() is not None, timeout=30000)
    qtbot.wait(300)
    source.stop()
    assert player.returncode == 0
    recorded = np.frombuffer(bytes(captured), "<i2").astype(float) / 32768
    write_wav(tmp_path / "recorded.wav", recorded, 16000)
    got, rate = read_wav(tmp_path / "recorded.wav")
    ref, ref_rate = read_wav(speech)
    assert np.sqrt(np.mean(got**2)) > 0.01
    assert envelope_match(got, rate, ref, ref_rate) > 0.7


def test_no_pulseaudio_daemon_is_left_behind_by_a_finished_run(tmp_path: Path) -> None:
    """A separate pytest run starts and stops its own microphone; no daemon survives it."""
    here = Path(__file__).parent
    for name in ("conftest.py", "virtmic.py"):
        shutil.copy(here / name, tmp_path / name)
    started = tmp_path / "started.txt"  # the pids of the daemons that run itself started
    (tmp_path / "test_probe.py").write_text(
        "import os\n"
        "def test_mic_is_up(virtual_mic):\n"
        "    assert os.path.exists(virtual_mic.dir)\n"
        f"    with open({str(started)!r}, 'w') as out:\n"
        "        out.write(' '.join(str(p.pid) for p in virtual_mic.procs))\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("PULSE_SERVER", "XDG_RUNTIME_DIR")}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert "1 passed" in result.stdout, result.stdout + result.stderr
    pids = [int(pid) for pid in started.read_text().split()]
    assert pids  # it did start a microphone...
    # ...and none of its daemons stays (other runs' daemons may come and go meanwhile).
    assert not [pid for pid in pids if Path(f"/proc/{pid}").exists()]
