"""Audio capture: crash-tolerant WAV writing, the recorder and its sample clock.

This module stays free of Qt so the layers below the UI can ask "will this interview be
recorded?" without loading Qt Multimedia. The recorder lives in `audio.recorder`.
"""

from __future__ import annotations

import errno
import math
from dataclasses import dataclass
from pathlib import Path

# Below this peak (about -70 dBFS, ten steps of a 16-bit sample) an input is treated as silent:
# a muted or privacy-blocked microphone delivers digital zeros, while even a quiet room through
# a working microphone stays well above it.
SILENT_PEAK = 10 / 32768

NO_CONSENT = (
    "No recording: this student has no recording consent — the interview runs on a clock only."
)
NO_MICROPHONE = (
    "No recording: no microphone was found. Plug one in, or the interview runs on a clock only."
)
RECORDING = "Recording: the audio and every observation are saved as you go."


@dataclass(frozen=True)
class AudioPlan:
    """Whether an interview is recorded, and the sentence that tells the teacher why."""

    record: bool
    reason: str


@dataclass(frozen=True)
class AudioEvent:
    """Something that happened to the audio, at a position on the recording's clock."""

    kind: str  # "paused" | "resumed" | "audio_ended"
    at_ms: int


@dataclass(frozen=True)
class RecordingSummary:
    """What a finished (or failed) recording left behind."""

    path: Path | None
    rate: int
    frames: int
    events: tuple[AudioEvent, ...]
    problem: str = ""

    @property
    def duration_ms(self) -> int:
        return self.frames * 1000 // self.rate if self.rate else 0


def audio_plan_for(student_consent: bool, device_available: bool) -> AudioPlan:
    """Consent comes first: without it nothing is recorded, whatever microphone is plugged in."""
    if not student_consent:
        return AudioPlan(record=False, reason=NO_CONSENT)
    if not device_available:
        return AudioPlan(record=False, reason=NO_MICROPHONE)
    return AudioPlan(record=True, reason=RECORDING)


def dbfs(level: float) -> float:
    """A 0..1 level in decibels below full scale (-inf for digital silence)."""
    return 20 * math.log10(level) if level > 0 else -math.inf


def is_silent(peak: float) -> bool:
    """True when the loudest sample heard is below what any working microphone produces."""
    return peak < SILENT_PEAK


def describe_duration(ms: int) -> str:
    """Minutes and seconds for a teacher: "4 min 12 s", "38 s"."""
    if ms < 1000:
        return "less than a second"
    seconds = ms // 1000  # never claim more than was saved
    minutes, seconds = divmod(seconds, 60)
    if minutes and seconds:
        return f"{minutes} min {seconds} s"
    if minutes:
        return f"{minutes} min"
    return f"{seconds} s"


# ----- what the recorder tells a teacher: what happened, what is safe, what to do next --------
NO_MICROPHONE_FOUND = "No microphone was found. Plug one in, or interviews will run without audio."
REFUSED = (
    "The microphone would not start recording. Try another microphone in Settings, or unplug it "
    "and plug it in again. The interview can run without audio."
)
NOT_ALLOWED = (
    "ikan-desktop is not allowed to use the microphone. Allow it in the computer's privacy "
    "settings (on a Mac: System Settings → Privacy & Security → Microphone), then start again. "
    "The interview can run without audio."
)
_DISK_FULL = {errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}


def missing_device(choice: object, *, any_devices: bool) -> str:
    """No such microphone: name the one that was asked for, when one was."""
    if choice in (None, b"", "") or not any_devices:
        return NO_MICROPHONE_FOUND
    name = f"“{choice}”" if isinstance(choice, str) else "you chose"
    return (
        f"The microphone {name} is not plugged in. Plug it in, or choose another microphone "
        "in Settings. The interview can run without audio."
    )


def microphone_lost(saved_ms: int) -> str:
    """The microphone went away or stopped sending sound in the middle of an interview."""
    return (
        f"The microphone stopped working after {describe_duration(saved_ms)} of recording. "
        "Everything recorded until then is saved, and the interview can carry on: your "
        "observations are still kept, without audio from here on. Check the microphone before "
        "the next interview."
    )


def recording_stopped(saved_ms: int) -> str:
    """Something unforeseen stopped the recording (the details go to the log, not the teacher)."""
    return (
        f"The recording stopped unexpectedly after {describe_duration(saved_ms)}. Everything "
        "recorded until then is saved, and the interview can carry on without audio; your "
        "observations are still kept."
    )


def cannot_save(error: OSError, path: Path | None, saved_ms: int, *, starting: bool = False) -> str:
    """The disk refused the audio: full, read-only, or not a folder at all."""
    folder = path.parent if path is not None else "the data folder"
    if error.errno in _DISK_FULL:
        what = "The disk is full, so the recording could not go on"
        fix = "Free some space on the disk before the next interview."
    else:
        what = f"The recording could not be saved in {folder} ({error.strerror or error})"
        fix = "Choose a data folder you can write to, or ask your school's IT support."
    if starting:
        return f"{what}. The interview can run without audio. {fix}"
    return (
        f"{what}. The first {describe_duration(saved_ms)} of the recording are saved, and the "
        f"interview can carry on without audio; your observations are still kept. {fix}"
    )
