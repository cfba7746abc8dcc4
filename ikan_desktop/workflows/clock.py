"""The interview's clock when there is no audio: monotonic, pausable, continuing from audio.

With a recording, the recorder's sample count is the only clock. Without one (no consent, no
microphone, or the microphone died mid-interview) this clock carries on from the last audio
position, so tags stay in order on one time line.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Protocol


class InterviewClock(Protocol):
    """What the interview needs from a clock."""

    @property
    def has_audio(self) -> bool: ...

    def position_ms(self) -> int: ...

    def pause(self) -> None: ...

    def resume(self) -> None: ...


class MonotonicClock:
    """Milliseconds since start (plus an offset), frozen while paused."""

    has_audio = False

    def __init__(self, *, start_ms: int = 0, now: Callable[[], float] = time.monotonic) -> None:
        self._now = now
        self._base_ms = start_ms
        self._started = now()
        self._paused_at: float | None = None

    def position_ms(self) -> int:
        end = self._paused_at if self._paused_at is not None else self._now()
        return self._base_ms + int((end - self._started) * 1000)

    def pause(self) -> None:
        if self._paused_at is None:
            self._paused_at = self._now()

    def resume(self) -> None:
        if self._paused_at is not None:
            self._started += self._now() - self._paused_at
            self._paused_at = None

    @property
    def paused(self) -> bool:
        return self._paused_at is not None
