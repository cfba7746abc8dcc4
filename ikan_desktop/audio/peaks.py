"""Waveform peaks (min/max per bucket) for drawing a recording, cached beside the WAV.

Computed with numpy in one pass over the file in blocks (a 45-minute recording is ~86 MB at
16 kHz), so memory stays small. The cache is keyed by the WAV's size and modification time:
a file that changed (a repaired recording) gets fresh peaks.
"""

from __future__ import annotations

import json
import os
import tempfile
import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np

SAMPLES_PER_BUCKET = 160  # 10 ms at 16 kHz
CACHE_SUFFIX = ".peaks.npz"
BLOCK_FRAMES = 1 << 20


@dataclass(frozen=True)
class Peaks:
    """Min and max sample (-1..1) per bucket, and how many frames each bucket covers."""

    minima: np.ndarray
    maxima: np.ndarray
    frames_per_bucket: int
    rate: int
    frames: int
    from_cache: bool = False

    @property
    def duration_ms(self) -> int:
        return round(self.frames * 1000 / self.rate) if self.rate else 0


def cache_path(wav: Path) -> Path:
    return wav.with_name(wav.name + CACHE_SUFFIX)


def load_peaks(wav: Path, *, frames_per_bucket: int = SAMPLES_PER_BUCKET) -> Peaks:
    """Peaks from the cache when it matches the WAV, otherwise computed and cached."""
    wav = Path(wav)
    stamp = _stamp(wav, frames_per_bucket)
    cached = _read_cache(cache_path(wav), stamp)
    if cached is not None:
        return cached
    peaks = compute_peaks(wav, frames_per_bucket=frames_per_bucket)
    _write_cache(cache_path(wav), peaks, stamp)
    return peaks


def compute_peaks(wav: Path, *, frames_per_bucket: int = SAMPLES_PER_BUCKET) -> Peaks:
    """Min/max of each bucket of a 16-bit PCM WAV (channels mixed to mono)."""
    with wave.open(str(wav)) as reader:
        if reader.getsampwidth() != 2:
            raise ValueError(f"{wav.name} is not 16-bit PCM")
        channels, rate, frames = reader.getnchannels(), reader.getframerate(), reader.getnframes()
        minima: list[np.ndarray] = []
        maxima: list[np.ndarray] = []
        carry = np.zeros(0, dtype=np.float32)
        while True:
            raw = reader.readframes(BLOCK_FRAMES)
            if not raw:
                break
            block = np.frombuffer(raw, "<i2").astype(np.float32) / 32768.0
            if channels > 1:
                block = block[: len(block) // channels * channels].reshape(-1, channels).mean(1)
            block = np.concatenate([carry, block])
            whole = len(block) // frames_per_bucket * frames_per_bucket
            shaped = block[:whole].reshape(-1, frames_per_bucket)
            minima.append(shaped.min(axis=1))
            maxima.append(shaped.max(axis=1))
            carry = block[whole:]
        if len(carry):
            minima.append(np.array([carry.min()], dtype=np.float32))
            maxima.append(np.array([carry.max()], dtype=np.float32))
    empty = np.zeros(0, dtype=np.float32)
    return Peaks(
        np.concatenate(minima) if minima else empty,
        np.concatenate(maxima) if maxima else empty,
        frames_per_bucket,
        rate,
        frames,
    )


def _stamp(wav: Path, frames_per_bucket: int) -> dict[str, int]:
    info = wav.stat()
    return {"size": info.st_size, "mtime_ns": info.st_mtime_ns, "bucket": frames_per_bucket}


def _read_cache(path: Path, stamp: dict[str, int]) -> Peaks | None:
    try:
        with np.load(path) as data:
            if json.loads(str(data["stamp"])) != stamp:
                return None
            rate, frames = (int(v) for v in data["shape"])
            return Peaks(
                data["minima"], data["maxima"], stamp["bucket"], rate, frames, from_cache=True
            )
    except (OSError, KeyError, ValueError):
        return None


def _write_cache(path: Path, peaks: Peaks, stamp: dict[str, int]) -> None:
    """Write through a temporary file so a half-written cache is never read."""
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".peaks-", suffix=".npz")
        with os.fdopen(fd, "wb") as handle:
            np.savez(
                handle,
                minima=peaks.minima,
                maxima=peaks.maxima,
                shape=np.array([peaks.rate, peaks.frames]),
                stamp=np.array(json.dumps(stamp)),
            )
        os.replace(tmp, path)
    except OSError:
        if tmp:  # a read-only folder just means no cache
            Path(tmp).unlink(missing_ok=True)
