"""A moment maps onto the recording's clock through the chunks that arrived promptly."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ikan_desktop.audio.arrivals import ArrivalRecord

RATE = 16000
CHUNK = 160  # 10 ms


def test_a_stall_does_not_move_a_moment_on_the_clock() -> None:
    record = ArrivalRecord(RATE)
    start, latency = 100.0, 0.004
    frames = 0
    for _ in range(100):  # one second of prompt chunks
        frames += CHUNK
        record.arrived(start + frames / RATE + latency, frames)
    pressed = start + 1.2
    # The GUI thread stalls for 0.7 s: everything captured meanwhile arrives at once, late.
    frames = int(1.9 * RATE)
    record.arrived(start + 1.9 + 0.7, frames)
    assert abs(record.frames_at(pressed) - 1.2 * RATE) <= latency * RATE + 1


@given(
    latencies=st.lists(st.floats(0.0, 0.3), min_size=3, max_size=200),
    prompt=st.integers(0, 2),
)
def test_the_estimate_is_never_after_the_truth_nor_earlier_than_the_best_latency(
    latencies: list[float], prompt: int
) -> None:
    record = ArrivalRecord(RATE)
    latencies[prompt] = 0.002  # at least one chunk arrived promptly
    for n, late in enumerate(latencies, start=1):
        record.arrived(50.0 + n * CHUNK / RATE + late, n * CHUNK)
    moment = 50.0 + 0.05
    got = record.frames_at(moment)
    assert got is not None
    best = min(latencies)
    assert (0.05 - best) * RATE - 1 <= got <= 0.05 * RATE + 1


def test_nothing_to_say_before_audio_and_after_a_pause() -> None:
    record = ArrivalRecord(RATE)
    assert record.frames_at(1.0) is None
    record.arrived(1.0, CHUNK)
    record.forget()
    assert record.frames_at(1.0) is None
