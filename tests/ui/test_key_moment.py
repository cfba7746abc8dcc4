"""A key's moment comes from its own timestamp, learnt against the monotonic clock."""

from __future__ import annotations

from ikan_desktop.ui.key_moment import KeyMoments

SYSTEM_START = 1000.0  # the window system's clock counts milliseconds from here


def stamp(at: float) -> int:
    return int((at - SYSTEM_START) * 1000)


def test_a_key_handled_late_keeps_the_moment_it_went_down() -> None:
    moments = KeyMoments()
    assert abs(moments.moment_of(stamp(1500.0), 1500.002) - 1500.0) < 0.003
    assert abs(moments.moment_of(stamp(1501.0), 1501.9) - 1501.0) < 0.003  # a 0.9 s stall


def test_no_timestamp_or_a_clock_that_jumped_falls_back_to_the_moment_handled() -> None:
    moments = KeyMoments()
    assert moments.moment_of(0, 1500.0) == 1500.0
    moments.moment_of(stamp(1500.0), 1500.001)
    assert moments.moment_of(stamp(1490.0), 1510.0) == 1510.0  # 20 s "late": not believed
    assert abs(moments.moment_of(stamp(1520.0), 1520.004) - 1520.004) < 0.001
