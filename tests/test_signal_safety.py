"""A long day of signals cannot crash the app (PySide6 6.12 leaks a reference per emit)."""

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
