"""The recorder's clock: the recording's own sample count, read now or at a key's moment.

Split from the recorder so the arithmetic reads on its own; the recorder (a QObject) keeps the
state it works from. Frames written ÷ rate is the clock. Read "now", it is extrapolated within
the last chunk (Qt hands audio over in ~10 ms chunks, so the bare count lags a key press by up
to a chunk). Read at an earlier moment (a key that went down while the GUI thread was busy), the
arrival record maps the moment onto the frames. When the audio fails, the clock carries on from
where the audio ended on a monotonic timer. No reading ever runs backwards.
"""

from __future__ import annotations

from collections.abc import Callable

from ikan_desktop.audio.arrivals import ArrivalRecord

MAX_EXTRAPOLATION_S = 0.05

IDLE, STARTING, RECORDING, PAUSED = "idle", "starting", "recording", "paused"
STOPPED, FAILED = "stopped", "failed"


class RecordingClock:
    """Mixin for the recorder: every reading of its clock."""

    rate: int
    _state: str
    _now: Callable[[], float]
    _frames: int
    _last_chunk_at: float | None
    _last_chunk_frames: int
    _floor_ms: int
    _moment_floor_ms: int
    _frozen_ms: int
    _fallback_ms: int
    _fallback_since: float | None
    _arrivals: ArrivalRecord

    def _drain(self) -> None:
        raise NotImplementedError

    def written_ms(self) -> int:
        """Where the audio handed to the file ends: no tag may lie past it."""
        return self._ended_ms()

    def position_ms(self) -> int:
        """The one clock for tags: the recording's own sample count, extrapolated within a chunk."""
        if self._state in (STARTING, RECORDING):
            frames = float(self._frames)
            if self._last_chunk_at is not None:
                ahead = (self._now() - self._last_chunk_at) * self.rate
                cap = min(self._last_chunk_frames, MAX_EXTRAPOLATION_S * self.rate)
                frames += max(0.0, min(ahead, cap))
            ms = int(frames * 1000 / self.rate)
        elif self._state == FAILED:
            since = self._fallback_since
            ms = self._fallback_ms + (int((self._now() - since) * 1000) if since else 0)
        else:
            ms = self._frozen_ms
        self._floor_ms = max(self._floor_ms, ms)  # never hand out an earlier time than before
        return self._floor_ms

    def position_at(self, moment: float) -> int:
        """The clock at an earlier `moment` (monotonic seconds): where a key pressed then goes.

        Audio waiting in Qt's buffer is taken first, so a stall that delayed both the key and
        the audio moves nothing; the answer never runs more than a chunk ahead of the audio.
        """
        if self._state in (STARTING, RECORDING):
            self._drain()
        if self._state == RECORDING:
            frames = self._arrivals.frames_at(moment)
            if frames is not None:
                cap = min(self._last_chunk_frames, MAX_EXTRAPOLATION_S * self.rate)
                frames = max(0.0, min(frames, self._frames + cap))
                return self._in_order(int(frames * 1000 / self.rate))
        elif self._state == FAILED and self._fallback_since is not None:
            ms = self._fallback_ms + max(0, int((moment - self._fallback_since) * 1000))
            return self._in_order(ms)
        return self._in_order(self.position_ms())

    def _in_order(self, ms: int) -> int:
        # Key moments are handled in the order the keys went down, so their stamps never run
        # backwards. (A reading of the clock for the screen may already be further on.)
        self._moment_floor_ms = max(self._moment_floor_ms, ms)
        return self._moment_floor_ms

    def _ended_ms(self) -> int:
        return self._frames * 1000 // self.rate
