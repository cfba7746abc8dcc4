"""Test-wide set-up: offscreen Qt, one virtual microphone per run, a data folder per test."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault(
    "QT_LOGGING_RULES", "qt.multimedia.symbolsresolver=false;qt.multimedia.ffmpeg*=false"
)
sys.path.insert(0, str(Path(__file__).parent))

import virtmic

from ikan_desktop.audio import signals  # noqa: F401 - shields True/False from a PySide6 leak

_MIC: virtmic.VirtualMic | None = None


def pytest_configure(config: pytest.Config) -> None:
    """Start the microphone before anything touches Qt Multimedia (Qt keeps its first server)."""
    global _MIC
    if virtmic.available() and not os.environ.get("PULSE_SERVER"):
        _MIC = virtmic.VirtualMic().start()


def pytest_unconfigure(config: pytest.Config) -> None:
    if _MIC is not None:
        _MIC.stop()


@pytest.fixture(scope="session")
def virtual_mic() -> virtmic.VirtualMic:
    """The run's virtual microphone; play WAV files into it."""
    if _MIC is None:
        if os.environ.get("CI"):
            pytest.fail("CI needs the virtual microphone: install pulseaudio and pulseaudio-utils")
        pytest.skip("needs pulseaudio and pulseaudio-utils (virtual microphone)")
    return _MIC


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data folder; none may touch the real user data folder."""
    folder = tmp_path / "data"
    monkeypatch.setenv("IKAN_DESKTOP_DATA_DIR", str(folder))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    return folder
