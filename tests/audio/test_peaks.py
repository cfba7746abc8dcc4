"""Waveform peaks equal a plain numpy reference, and the cache is used on the second opening."""

from __future__ import annotations

import os
import wave
from pathlib import Path

import numpy as np
import pytest

from ikan_desktop.audio.peaks import cache_path, compute_peaks, load_peaks


def write_pcm(path: Path, samples: np.ndarray, rate: int = 16000, channels: int = 1) -> Path:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(samples.astype("<i2").tobytes())
    return path


@pytest.mark.parametrize("frames", [0, 1, 159, 160, 16000 * 3 + 77])
def test_peaks_equal_a_numpy_reference(tmp_path: Path, frames: int) -> None:
    rng = np.random.default_rng(frames)
    samples = rng.integers(-32768, 32767, frames, dtype=np.int64)
    wav = write_pcm(tmp_path / "a.wav", samples)
    peaks = compute_peaks(wav, frames_per_bucket=160)
    x = samples / 32768.0
    buckets = [x[i : i + 160] for i in range(0, frames, 160)]
    assert len(peaks.minima) == len(buckets)
    assert np.allclose(peaks.minima, [b.min() for b in buckets])
    assert np.allclose(peaks.maxima, [b.max() for b in buckets])
    assert peaks.frames == frames and peaks.rate == 16000


def test_stereo_is_mixed_to_mono(tmp_path: Path) -> None:
    left = np.full(320, 1000)
    right = np.full(320, -3000)
    wav = write_pcm(tmp_path / "s.wav", np.column_stack([left, right]).ravel(), channels=2)
    peaks = compute_peaks(wav)
    assert np.allclose(peaks.maxima, -1000 / 32768)


def test_the_cache_is_used_and_refreshed_when_the_wav_changes(tmp_path: Path) -> None:
    wav = write_pcm(tmp_path / "b.wav", np.arange(-8000, 8000))
    first = load_peaks(wav)
    assert not first.from_cache and cache_path(wav).exists()
    second = load_peaks(wav)
    assert second.from_cache
    assert np.array_equal(first.maxima, second.maxima)
    write_pcm(wav, np.zeros(4000))
    os.utime(wav, ns=(1, 1))
    third = load_peaks(wav)
    assert not third.from_cache and third.frames == 4000
