"""Record a second from a microphone, headless, and say whether sound came through.

For support staff and for checking a packaged build on a new machine: it exercises the same
Recorder and WAV writer an interview uses, with only QtCore and QtMultimedia (no window).
"""

from __future__ import annotations

import contextlib
import logging
import os
import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PySide6.QtCore import (
    QCoreApplication,
    QEventLoop,
    QMessageLogContext,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtMultimedia import QMediaDevices

from ikan_desktop.audio import is_silent, missing_device
from ikan_desktop.audio.devices import InputDevice, find_input, input_devices
from ikan_desktop.audio.recorder import Recorder
from ikan_desktop.private_files import make_private_folder

SELFTEST_FILE = "selftest.wav"
log = logging.getLogger(__name__)
_app: QCoreApplication | None = None


@dataclass(frozen=True)
class SelftestResult:
    """What the self-test heard, and where it put the file."""

    devices: tuple[InputDevice, ...]
    device_name: str = ""
    path: Path | None = None
    seconds: float = 0.0
    rms: float = 0.0
    peak: float = 0.0
    problem: str = ""
    no_device: bool = False

    @property
    def heard_sound(self) -> bool:
        return not self.problem and self.path is not None and not is_silent(self.peak)


def run_selftest(
    folder: Path, *, device: str | None = None, seconds: float = 1.0
) -> SelftestResult:
    """Record `seconds` into `folder`/selftest.wav (replacing the last one) and measure it."""
    global _app
    # Qt's own warnings (a sound server that is not running, …) would come before our one
    # clear line: keep them out of the terminal and in the log.
    qInstallMessageHandler(_to_log)
    if QCoreApplication.instance() is None:
        _app = QCoreApplication([])
    devices = tuple(input_devices())
    if find_input(device) is None:
        problem = missing_device(device, any_devices=bool(QMediaDevices.audioInputs()))
        return SelftestResult(devices, problem=problem, no_device=True)
    make_private_folder(folder)
    partial = folder / f".selftest-{os.getpid()}.wav"
    partial.unlink(missing_ok=True)
    recorder = Recorder(device=device)
    loop = QEventLoop()
    recorder.stopped.connect(lambda _ms: loop.quit())
    recorder.failed.connect(lambda _message: loop.quit())

    def stop_when_long_enough() -> None:
        if recorder.position_ms() >= seconds * 1000:
            recorder.stop()

    enough = QTimer(interval=20)
    enough.timeout.connect(stop_when_long_enough)
    QTimer.singleShot(int((seconds + 8) * 1000), recorder.stop)  # a microphone that never starts
    if recorder.start(partial):
        enough.start()
        loop.exec()
    enough.stop()
    summary = recorder.stop()
    if summary.problem or recorder.state == "failed":
        with contextlib.suppress(OSError):
            partial.unlink()
        return SelftestResult(devices, recorder.device_name, problem=recorder.problem)
    final = folder / SELFTEST_FILE
    os.replace(partial, final)
    rms, peak = _measure(final)
    return SelftestResult(
        devices, recorder.device_name, final, summary.duration_ms / 1000, rms, peak
    )


def _to_log(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    log.debug("Qt: %s", message)


def _measure(path: Path) -> tuple[float, float]:
    """RMS and peak (0..1) of a 16-bit WAV, read back from the disk."""
    with wave.open(str(path)) as reader:
        x = np.frombuffer(reader.readframes(reader.getnframes()), "<i2").astype(np.float64)
    if not len(x):
        return 0.0, 0.0
    x /= 32768
    return float(np.sqrt(np.mean(x**2))), float(np.abs(x).max())
