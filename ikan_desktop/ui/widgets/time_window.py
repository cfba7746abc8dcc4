"""Which stretch of a recording the waveform shows: all of it, or a zoomed part that scrolls.

Plain arithmetic on the recording's clock (milliseconds), kept apart from the widget so the
rules (clamping at both ends, zooming around a point, following the playhead) read in one place.
"""

from __future__ import annotations

from dataclasses import dataclass

MIN_SPAN_MS = 5000  # zoomed in as far as it goes: five seconds across
FOLLOW_LEAD = 0.1  # when the playhead runs off the right edge it comes back in at 10 %
REVEAL_MARGIN = 0.05  # a tag this close to an edge is scrolled into the middle


@dataclass
class TimeWindow:
    """The view's start and width in ms; `span` None means the whole recording."""

    start: float = 0.0
    span: float | None = None
    duration: float = 1.0

    @property
    def width(self) -> float:
        """How many ms are shown across."""
        return self.duration if self.span is None else self.span

    @property
    def end(self) -> float:
        return self.start + self.width

    def move_to(self, start: float) -> None:
        """Start the view at `start`, kept inside the recording; zoomed out fully, it is whole."""
        if self.span is not None and self.span >= self.duration:
            self.span = None
        self.start = min(max(start, 0.0), self.duration - self.width)

    def zoom(self, factor: float, around_ms: float | None = None) -> None:
        """Zoom in (`factor` > 1) or out around a time (the middle by default), keeping it in place."""
        if factor <= 0:
            return
        width = self.width
        around = self.start + width / 2 if around_ms is None else float(around_ms)
        new_width = min(max(width / factor, min(MIN_SPAN_MS, self.duration)), self.duration)
        fraction = (around - self.start) / width
        self.span = None if new_width >= self.duration else new_width
        self.move_to(around - fraction * new_width)

    def follow(self, before_ms: float, now_ms: float) -> bool:
        """Scroll when a playhead that was in view runs past the right edge; True if it moved."""
        if self.span is None or not self.start <= before_ms <= self.end < now_ms:
            return False
        self.move_to(now_ms - self.span * FOLLOW_LEAD)
        return True

    def reveal(self, t_ms: float) -> bool:
        """Scroll a zoomed view so `t_ms` is well inside it; True if it moved."""
        if self.span is None:
            return False
        margin = self.span * REVEAL_MARGIN
        if self.start + margin <= t_ms <= self.end - margin:
            return False
        self.move_to(t_ms - self.span / 2)
        return True

    def scroll(self, steps: float) -> None:
        """A wheel's worth of scrolling: a tenth of the view per step (back for positive steps)."""
        if self.span is not None:
            self.move_to(self.start - steps * self.span * 0.1)
