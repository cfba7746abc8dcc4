"""When each chunk of audio arrived: the record that maps a moment onto the recording's clock.

A key press has its own time (the window system stamps the event when the key goes down). To
find where that moment is in the recording, we need when frame 0 was captured. Every chunk
gives a bound: its last frame was captured no later than the chunk arrived, so frame 0 was
captured no later than `arrived - frames / rate`. Chunks that arrive late (the GUI thread was
busy, the laptop stalled) give loose bounds; the ones that arrived promptly give the tightest,
and the smallest over the last few seconds is the estimate. A stall therefore moves no tag: the
key's moment and the prompt chunks before the stall fix its place, whenever the key is handled.

Pure Python, so it can be tested without audio; the recorder feeds it.
"""

from __future__ import annotations

from collections import deque

WINDOW_S = 4.0  # long enough to span a stall, short enough that clock drift stays < 1 ms


class ArrivalRecord:
    """Recent (arrival time, frames so far) pairs of one stretch of recording."""

    def __init__(self, rate: int) -> None:
        self.rate = rate
        self._chunks: deque[tuple[float, int]] = deque()

    def arrived(self, at: float, frames_so_far: int) -> None:
        """A chunk arrived at monotonic time `at`; the recording now holds `frames_so_far`."""
        self._chunks.append((at, frames_so_far))
        while self._chunks and at - self._chunks[0][0] > WINDOW_S:
            self._chunks.popleft()

    def forget(self) -> None:
        """A pause or resume breaks the line between time and frames: start a new stretch."""
        self._chunks.clear()

    def frames_at(self, moment: float) -> float | None:
        """Where `moment` falls in the recording, in frames (None before any chunk arrived)."""
        if not self._chunks:
            return None
        first_frame_at = min(at - frames / self.rate for at, frames in self._chunks)
        return (moment - first_frame_at) * self.rate
