"""The crash-tolerant WAV writer and the repair of interrupted files, on generated PCM."""

from __future__ import annotations

import os
import struct
import wave
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ikan_desktop.audio.wavfile import (
    HEADER_BYTES,
    WavRepairError,
    WavWriter,
    file_sha256,
    repair,
)

RATE = 16000


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def pcm(frames: int, channels: int = 1, seed: int = 1) -> bytes:
    """Deterministic non-silent 16-bit samples."""
    return b"".join(
        struct.pack("<h", ((i * 7919 + seed * 104729) % 65536) - 32768)
        for i in range(frames * channels)
    )


def read_back(path: Path) -> tuple[int, int, bytes]:
    with wave.open(str(path)) as w:
        return w.getframerate(), w.getnchannels(), w.readframes(w.getnframes())


def declared_frames(path: Path) -> int:
    with open(path, "rb") as handle:
        handle.seek(40)
        return struct.unpack("<I", handle.read(4))[0] // 2


def test_a_closed_file_holds_exactly_what_was_written(tmp_path: Path) -> None:
    audio = pcm(5000, channels=2)
    writer = WavWriter(tmp_path / "a.wav", RATE, channels=2)
    for start in range(0, len(audio), 333):  # odd chunk sizes: partial frames wait
        writer.write(audio[start : start + 333])
    writer.close()
    assert writer.frames_written == 5000
    assert read_back(tmp_path / "a.wav") == (RATE, 2, audio)
    assert repair(tmp_path / "a.wav").action == "unchanged"


def test_never_overwrites_an_existing_recording(tmp_path: Path) -> None:
    (tmp_path / "a.wav").write_bytes(b"precious")
    with pytest.raises(FileExistsError):
        WavWriter(tmp_path / "a.wav", RATE)
    assert (tmp_path / "a.wav").read_bytes() == b"precious"


def test_header_sizes_are_rewritten_every_second_and_synced_every_two(tmp_path: Path) -> None:
    clock, syncs = FakeClock(), []
    writer = WavWriter(tmp_path / "a.wav", RATE, clock=clock, sync=syncs.append)
    syncs.clear()
    chunk = pcm(160)
    for step in range(1, 301):  # three seconds of 10 ms chunks
        clock.now = step * 0.01
        writer.write(chunk)
        if step == 50:  # half a second in: the header still says what it said at the start
            assert declared_frames(tmp_path / "a.wav") == 0
        if step == 100:
            assert declared_frames(tmp_path / "a.wav") == 16000
    assert declared_frames(tmp_path / "a.wav") >= 2 * 16000
    assert len(syncs) == 1  # at 2.0 s; the next one is due at 4.0 s
    # A crash now: the file on disk already opens and plays up to the last header update.
    with wave.open(str(tmp_path / "a.wav")) as w:
        assert w.getnframes() >= 2 * 16000
    writer.close()


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    frames=st.integers(0, 3000),
    channels=st.sampled_from([1, 2]),
    cut=st.floats(0, 1),
    stale_header=st.booleans(),
    garbage=st.binary(min_size=8, max_size=8),
)
def test_any_interrupted_file_is_repaired_without_losing_a_whole_frame(
    tmp_path: Path, frames: int, channels: int, cut: float, stale_header: bool, garbage: bytes
) -> None:
    audio = pcm(frames, channels)
    full = tmp_path / "full.wav"
    full.unlink(missing_ok=True)
    writer = WavWriter(full, RATE, channels=channels)
    writer.write(audio)
    writer.close()
    whole_file = full.read_bytes()
    crashed = bytearray(whole_file[: int(len(whole_file) * cut)])
    if len(crashed) >= HEADER_BYTES:  # a header that is wrong in any way the sizes can be
        if stale_header:
            crashed[4:8], crashed[40:44] = garbage[:4], garbage[4:]
        else:
            crashed[4:8] = struct.pack("<I", 36)
            crashed[40:44] = struct.pack("<I", 0)
    target = tmp_path / "crashed.wav"
    target.write_bytes(bytes(crashed))

    report = repair(target, rate=RATE, channels=channels)

    kept = max(0, len(crashed) - HEADER_BYTES) // (2 * channels) * 2 * channels
    rate, got_channels, data = read_back(target)
    assert (rate, got_channels) == (RATE, channels)
    assert data == audio[:kept]
    assert report.frames == kept // (2 * channels)
    assert repair(target, rate=RATE, channels=channels).action == "unchanged"


def test_partial_last_frame_is_dropped_and_reported(tmp_path: Path) -> None:
    target = tmp_path / "a.wav"
    writer = WavWriter(target, RATE)
    writer.write(pcm(1000))
    writer.close()
    with open(target, "ab") as handle:
        handle.write(b"\x01")  # the first byte of a sample that never finished
    report = repair(target)
    assert (report.action, report.frames, report.dropped_bytes) == ("header fixed", 1000, 1)
    assert read_back(target)[2] == pcm(1000)


def test_a_lost_header_is_rebuilt_through_a_temporary_copy(tmp_path: Path) -> None:
    target = tmp_path / "a.wav"
    writer = WavWriter(target, RATE)
    writer.write(pcm(4000))
    writer.close()
    damaged = bytearray(target.read_bytes())
    damaged[:HEADER_BYTES] = bytes(HEADER_BYTES)  # a zeroed first block after a power cut
    target.write_bytes(bytes(damaged))
    inode_before = os.stat(target).st_ino

    with pytest.raises(WavRepairError):
        repair(target)  # no way to know the format: left as it is
    assert target.read_bytes() == bytes(damaged)

    report = repair(target, rate=RATE, channels=1)
    assert report.action == "rebuilt"
    assert os.stat(target).st_ino != inode_before  # replaced, not rewritten in place
    assert read_back(target) == (RATE, 1, pcm(4000))
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".repair")]


def test_a_truncated_header_becomes_an_empty_recording_of_the_right_format(
    tmp_path: Path,
) -> None:
    target = tmp_path / "a.wav"
    writer = WavWriter(target, 22050, channels=2)
    writer.close()
    header = target.read_bytes()
    target.write_bytes(header[:40])  # the format survived, the data chunk did not
    assert repair(target, rate=RATE, channels=1).action == "emptied"
    assert read_back(target) == (22050, 2, b"")
    target.write_bytes(header[:30])  # the format is cut: the caller's format is used
    assert repair(target, rate=RATE, channels=1).action == "emptied"
    assert read_back(target) == (RATE, 1, b"")


def test_a_finished_file_with_chunks_after_the_audio_is_left_alone(tmp_path: Path) -> None:
    target = tmp_path / "a.wav"
    with wave.open(str(target), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(pcm(800))
    data = bytearray(target.read_bytes())
    data += b"LIST" + struct.pack("<I", 4) + b"INFO"
    struct.pack_into("<I", data, 4, len(data) - 8)
    target.write_bytes(bytes(data))
    before = file_sha256(target)
    assert repair(target).action == "unchanged"
    assert file_sha256(target) == before


def test_a_full_disk_keeps_every_whole_frame_already_written(tmp_path: Path) -> None:
    """RLIMIT_FSIZE refuses writes even for root, like a full disk does."""
    import subprocess
    import sys

    script = (
        "import resource, signal, sys\n"
        "from ikan_desktop.audio.wavfile import WavWriter\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (10_001, 10_001))\n"
        "w = WavWriter(sys.argv[1], 16000)\n"
        "try:\n"
        "    for _ in range(100):\n"
        "        w.write(bytes(range(256)) * 2 + b'\\x01')\n"
        "except OSError as e:\n"
        "    print('refused', e.errno, w.frames_written)\n"
        "w.close()\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "a.wav")],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert out.returncode == 0, out.stderr
    word, _errno, frames = out.stdout.split()
    assert word == "refused"
    assert int(frames) == (10_001 - HEADER_BYTES) // 2
    _, _, data = read_back(tmp_path / "a.wav")
    assert len(data) == int(frames) * 2
    assert repair(tmp_path / "a.wav").frames == int(frames)
