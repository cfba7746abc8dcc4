"""A plain tone as a WAV file, for the virtual microphone to hear."""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path


def tone_wav(path: Path, seconds: float = 4.0, rate: int = 48000) -> Path:
    """A 440 Hz tone for the virtual microphone to hear."""
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(
            b"".join(
                struct.pack("<h", int(12000 * math.sin(2 * math.pi * 440 * n / rate)))
                for n in range(int(seconds * rate))
            )
        )
    return path
