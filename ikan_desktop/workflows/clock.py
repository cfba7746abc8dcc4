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

    def position_at(self, moment: float) -> int:
        """The clock at an earlier monotonic `moment` (never before the last pause ended)."""
        end = self._paused_at if self._paused_at is not None else moment
        return self._base_ms + max(0, int((min(end, moment) - self._started) * 1000))

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


class KeyTimedClock:
    """A clock read at the moment the key being handled went down, when that moment is known.

    `moment()` gives the monotonic time of the key press being handled (None outside one); a
    clock with `position_at` is read at that moment, so a busy GUI thread that handles the key
    late does not move its tag.
    """

    def __init__(self, clock: InterviewClock, moment: Callable[[], float | None]) -> None:
        self.clock = clock
        self._moment = moment

    @property
    def has_audio(self) -> bool:
        return self.clock.has_audio

    def position_ms(self) -> int:
        moment = self._moment()
        position_at = getattr(self.clock, "position_at", None)
        if moment is None or position_at is None:
            return self.clock.position_ms()
        return int(position_at(moment))

    def written_ms(self) -> int:
        """Where the saved audio ends (the clock's own position when there is no audio)."""
        written = getattr(self.clock, "written_ms", None)
        return int(written()) if written is not None else self.clock.position_ms()

    def pause(self) -> None:
        self.clock.pause()

    def resume(self) -> None:
        self.clock.resume()
