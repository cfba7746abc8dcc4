"""Numerical checks on recorded audio: does what the microphone heard come back in the file?"""

from __future__ import annotations

import subprocess
import wave
from pathlib import Path

import numpy as np


def read_wav(path: Path | str) -> tuple[np.ndarray, int]:
    """A 16-bit PCM WAV as a mono float array in [-1, 1) and its sample rate."""
    with wave.open(str(path)) as w:
        x = np.frombuffer(w.readframes(w.getnframes()), "<i2").astype(float) / 32768
        return x.reshape(-1, w.getnchannels()).mean(axis=1), w.getframerate()


def write_wav(path: Path | str, samples: np.ndarray, rate: int) -> Path:
    """Write a mono float array as 16-bit PCM."""
    data = (np.clip(samples, -1, 1) * 32767).astype("<i2").tobytes()
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(data)
    return Path(path)


def speak(path: Path | str, text: str) -> Path:
    """Synthesise speech with espeak-ng into a WAV file."""
    subprocess.run(["espeak-ng", "-w", str(path), text], check=True)
    return Path(path)


def envelope(x: np.ndarray, rate: int, frame_s: float = 0.02) -> np.ndarray:
    n = int(rate * frame_s)
    m = len(x) // n
    return np.sqrt((x[: m * n].reshape(m, n) ** 2).mean(axis=1))


def best_lag_corr(a: np.ndarray, b: np.ndarray) -> tuple[float, int]:
    """Pearson correlation of reference `b` inside recording `a`, at the best lag."""
    n = 1 << int(np.ceil(np.log2(len(a) + len(b))))
    xc = np.fft.irfft(np.fft.rfft(a - a.mean(), n) * np.conj(np.fft.rfft(b - b.mean(), n)), n)
    lag = int(np.argmax(xc[: len(a)]))
    seg = a[lag : lag + len(b)]
    return float(np.corrcoef(seg, b[: len(seg)])[0, 1]), lag


def envelope_match(rec: np.ndarray, rate_rec: int, ref: np.ndarray, rate_ref: int) -> float:
    """Correlation of 20 ms loudness envelopes: robust to small dropouts, low for other audio."""
    ref = np.interp(
        np.arange(0, len(ref) / rate_ref, 1 / rate_rec), np.arange(len(ref)) / rate_ref, ref
    )
    return round(best_lag_corr(envelope(rec, rate_rec), envelope(ref, rate_rec))[0], 3)


def tone_burst(
    rate: int, *, lead_s: float, tone_s: float = 0.15, freq: float = 1000.0
) -> np.ndarray:
    """Silence for `lead_s`, then a sine burst, then a little silence."""
    lead = np.zeros(int(rate * lead_s))
    t = np.arange(int(rate * tone_s)) / rate
    tone = 0.6 * np.sin(2 * np.pi * freq * t)
    return np.concatenate([lead, tone, np.zeros(int(rate * 0.3))])


def tone_onset_s(x: np.ndarray, rate: int, freq: float = 1000.0) -> float | None:
    """Where a sine burst at `freq` starts, in seconds (5 ms resolution), or None."""
    hop = int(rate * 0.005)
    win = int(rate * 0.01)
    t = np.arange(win) / rate
    probe = np.exp(-2j * np.pi * freq * t)
    energies = [abs(np.dot(x[i : i + win], probe)) / win for i in range(0, len(x) - win, hop)]
    if not energies:
        return None
    peak = max(energies)
    if peak < 0.05:
        return None
    first = next(i for i, e in enumerate(energies) if e > peak / 2)
    return (first * hop + win / 2) / rate
