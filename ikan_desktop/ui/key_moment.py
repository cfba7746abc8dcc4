"""The moment a key went down, from the key event's own timestamp, on `time.monotonic()`.

The window system stamps each key event when the key is pressed (X11 server time, Windows
message time, macOS event time: milliseconds on a steady clock of its own). The event may be
handled much later when the GUI thread is busy. The offset between the two clocks is learnt
from the events themselves: each event gives `handled - stamped`, which is the true offset plus
a delay that is never negative, so the smallest over recent events is the best estimate. When
an event has no usable timestamp (0 in tests, a clock that jumped) the moment it is handled is
used, as before.
"""

from __future__ import annotations

import contextlib
import time
from collections import deque
from collections.abc import Iterator

from PySide6.QtGui import QInputEvent

LONGEST_STALL_S = 3.0  # a timestamp further back than this is not believed


class KeyMoments:
    """Learns the window system's clock and maps event timestamps onto the monotonic clock."""

    def __init__(self) -> None:
        self._offsets: deque[float] = deque(maxlen=64)

    def moment_of(self, stamp_ms: int, handled: float) -> float:
        """When the key went down, given its timestamp and the moment it is being handled."""
        if stamp_ms <= 0:
            return handled
        offset = handled - stamp_ms / 1000
        self._offsets.append(offset)
        moment = stamp_ms / 1000 + min(self._offsets)
        if handled - moment > LONGEST_STALL_S:  # the window system's clock moved: start again
            self._offsets.clear()
            self._offsets.append(offset)
            return handled
        return moment


_MOMENTS = KeyMoments()
_current: list[float] = []


@contextlib.contextmanager
def handling(event: QInputEvent) -> Iterator[float]:
    """While a key's action runs, `current()` is the moment that key went down."""
    moment = _MOMENTS.moment_of(int(event.timestamp()), time.monotonic())
    _current.append(moment)
    try:
        yield moment
    finally:
        _current.pop()


def current() -> float | None:
    """The moment the key being handled went down; None outside a key's action."""
    return _current[-1] if _current else None
