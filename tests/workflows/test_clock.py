"""The no-audio clock: monotonic, frozen while paused, continuing from an audio position."""

from __future__ import annotations

from ikan_desktop.workflows.clock import MonotonicClock


class FakeTime:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_pause_freezes_and_resume_continues() -> None:
    t = FakeTime()
    clock = MonotonicClock(start_ms=42_000, now=t)
    t.now += 1.5
    assert clock.position_ms() == 43_500
    clock.pause()
    t.now += 10
    assert clock.position_ms() == 43_500
    clock.resume()
    t.now += 0.25
    assert clock.position_ms() == 43_750
    assert not clock.has_audio


def test_real_time_moves_only_while_running() -> None:
    import time

    clock = MonotonicClock()
    time.sleep(0.05)
    clock.pause()
    held = clock.position_ms()
    assert held >= 50
    time.sleep(0.05)
    assert clock.position_ms() == held
    clock.resume()
    time.sleep(0.02)
    assert clock.position_ms() >= held + 20
