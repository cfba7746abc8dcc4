"""Emitting Qt signals from Python safely on every PySide6 this app supports."""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance


# ----- PySide6 6.12.0: SignalInstance.emit() hands back True without a reference of its own ------
# Every emit from Python then costs True one reference. On Python 3.11 (not yet immortal bools)
# the process aborts with "Fatal Python error: bool_dealloc" once True's count reaches zero:
# measured after about 5 minutes of a 20 Hz level meter. We measure the bug once and give the
# reference back after each emit, so a fixed PySide6 needs no change here.
class _Probe(QObject):
    ping = Signal()


def _emit_steals_a_reference() -> bool:
    probe, tries = _Probe(), 8
    before = sys.getrefcount(True)
    for _ in range(tries):
        probe.ping.emit()
    stolen = before - sys.getrefcount(True)
    for _ in range(max(0, stolen)):
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))
    return stolen == tries


_EMIT_STEALS = _emit_steals_a_reference()


def emit_safely(signal: SignalInstance, *args: Any) -> None:
    """`signal.emit(*args)`, without the reference leak of PySide6 6.12.0 (see above)."""
    result = signal.emit(*args)
    if _EMIT_STEALS and result is not None:
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(result))


# ----- PySide6 6.12.0, the same bug on None: every wrapped method that returns nothing -----------
# (`setObjectName`, `setInterval`, every QPainter `setPen` / `drawRect` …) costs None a reference.
# A single repaint of the waveform makes thousands of such calls, and a fresh interpreter holds
# only a few thousand references to None, so on Python 3.11 the process aborts with
# "deallocating None" within seconds of drawing. Measured once, like the emit bug.
def _void_call_steals_none() -> bool:
    probe, tries = QObject(), 8
    before = sys.getrefcount(None)
    for _ in range(tries):
        probe.setObjectName("probe")
    return before - sys.getrefcount(None) >= tries


_VOID_STEALS = _void_call_steals_none()


def protect_booleans() -> None:
    """Give True, False and None a reserve of references they can never spend.

    The same PySide6 bug costs a reference on every successful `disconnect()` and on emits we
    do not make ourselves (pytest-qt's waits, third-party code), and None one on every call of
    a method that returns nothing. Python 3.12 makes these singletons immortal; on 3.11 we add a
    large reserve once, so the process can never deallocate them.
    """
    if sys.version_info >= (3, 12):
        return
    singletons = ((True, False) if _EMIT_STEALS else ()) + ((None,) if _VOID_STEALS else ())
    for value in singletons:
        count = ctypes.c_ssize_t.from_address(id(value))
        if count.value < _RESERVE:
            count.value += _RESERVE


_RESERVE = 1 << 40
protect_booleans()
