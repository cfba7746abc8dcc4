"""A long day of signals and repaints cannot crash the app (PySide6 6.12 leaks references)."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
from ikan_desktop.audio.signals import emit_safely
from PySide6.QtCore import QCoreApplication, QObject, Signal
app = QCoreApplication([])
class Source(QObject):
    changed = Signal(int)
source = Source()
seen = []
source.changed.connect(seen.append)
for n in range(60_000):  # a 20 Hz meter for 50 minutes, plus plain emits
    source.changed.emit(n)
    emit_safely(source.changed, n)
print(len(seen))
"""


def test_a_hundred_thousand_emits_do_not_crash() -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-500:]
    assert result.stdout.strip() == "120000"


VOID_CALLS = """
import ikan_desktop.audio.signals
from PySide6.QtCore import QObject, QTimer
probe, timer = QObject(), QTimer()
for n in range(200_000):  # about a minute of waveform and level-meter repaints
    probe.setObjectName("x")
    timer.setInterval(5)
print("alive")
"""


def test_calls_that_return_nothing_cannot_use_up_none() -> None:
    """PySide6 6.12 takes a reference from None on every void call; the app must survive it."""
    result = subprocess.run(
        [sys.executable, "-c", VOID_CALLS], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-500:]
    assert result.stdout.strip() == "alive"
