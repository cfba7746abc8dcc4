"""A few seconds of a recording around one tag, as its own WAV (to share or listen again).

Uses pydub on WAV only, so no ffmpeg is needed. pydub is imported when a clip is made, never at
start-up.
"""

from __future__ import annotations

import os
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path

BEFORE_MS = 5000
AFTER_MS = 5000


@dataclass(frozen=True, slots=True)
class Clip:
    """A saved clip and where it sits on the recording's clock."""

    path: Path
    start_ms: int
    end_ms: int

    @property
    def length_ms(self) -> int:
        return self.end_ms - self.start_ms


def clip_window(t_ms: int, audio_ms: int, *, before_ms: int, after_ms: int) -> tuple[int, int]:
    """The stretch around `t_ms` to cut, clamped to the start and end of the recording."""
    start = min(max(t_ms - before_ms, 0), audio_ms)
    end = max(min(t_ms + after_ms, audio_ms), start)
    return start, end


def export_clip(
    wav: Path,
    t_ms: int,
    out: Path,
    *,
    before_ms: int = BEFORE_MS,
    after_ms: int = AFTER_MS,
) -> Clip:
    """Save the audio from `before_ms` before to `after_ms` after `t_ms` as a WAV at `out`."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # "couldn't find ffmpeg": not needed
        from pydub import AudioSegment

    recording = AudioSegment.from_wav(str(wav))
    start, end = clip_window(t_ms, len(recording), before_ms=before_ms, after_ms=after_ms)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".wav")
    os.close(fd)
    try:
        recording[start:end].export(tmp, format="wav")
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Clip(out, start, end)
