"""The computer's microphones as Qt sees them, the one a teacher chose, and its sample format.

Also `emit_safely`, a guard against a PySide6 6.12.0 bug that would crash a long recording.

A device is remembered by its id (stable across runs on one computer) and shown by its
description. Anki's crash on a Mac Mini without a microphone is why "none" is always an answer
here and never an exception.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtMultimedia import QAudioDevice, QAudioFormat, QMediaDevices

from ikan_desktop.audio.signals import emit_safely  # noqa: F401 - re-exported for callers

DeviceChoice = QAudioDevice | bytes | str | None
DEFAULT_RATE = 16000


@dataclass(frozen=True)
class InputDevice:
    """One microphone: its id for settings, its name for people."""

    id: bytes
    name: str
    is_default: bool


def input_devices() -> list[InputDevice]:
    """Every microphone Qt can record from, the default first."""
    default = QMediaDevices.defaultAudioInput()
    default_id = b"" if default.isNull() else bytes(default.id().data())
    found = [
        InputDevice(bytes(d.id().data()), d.description(), bytes(d.id().data()) == default_id)
        for d in QMediaDevices.audioInputs()
        if not d.isNull()
    ]
    return sorted(found, key=lambda d: not d.is_default)


def find_input(choice: DeviceChoice = None) -> QAudioDevice | None:
    """The device for a choice: None = the default; bytes = an id; text = a name. None if absent."""
    if isinstance(choice, QAudioDevice):
        return None if choice.isNull() else choice
    devices = [d for d in QMediaDevices.audioInputs() if not d.isNull()]
    if choice is None or choice == b"" or choice == "":
        default = QMediaDevices.defaultAudioInput()
        if not default.isNull():
            return default
        return devices[0] if devices else None
    if isinstance(choice, bytes):
        return next((d for d in devices if bytes(d.id().data()) == choice), None)
    exact = [d for d in devices if d.description() == choice]
    if exact:
        return exact[0]
    wanted = choice.casefold()
    return next((d for d in devices if wanted in d.description().casefold()), None)


def device_present(device_id: bytes) -> bool:
    """True while a microphone with this id is still plugged in."""
    return any(bytes(d.id().data()) == device_id for d in QMediaDevices.audioInputs())


def capture_format(device: QAudioDevice, rate: int = DEFAULT_RATE) -> QAudioFormat:
    """16-bit mono at `rate` when the device takes it, else the nearest it offers."""
    wanted = _format(rate, 1, QAudioFormat.SampleFormat.Int16)
    if device.isFormatSupported(wanted):
        return wanted
    preferred = device.preferredFormat()
    mono = _format(preferred.sampleRate(), 1, QAudioFormat.SampleFormat.Int16)
    return mono if device.isFormatSupported(mono) else preferred


def _format(rate: int, channels: int, sample: QAudioFormat.SampleFormat) -> QAudioFormat:
    fmt = QAudioFormat()
    fmt.setSampleRate(rate)
    fmt.setChannelCount(channels)
    fmt.setSampleFormat(sample)
    return fmt


_SCALES = {
    QAudioFormat.SampleFormat.Int16: ("<i2", 32768.0, 0.0),
    QAudioFormat.SampleFormat.Int32: ("<i4", 2147483648.0, 0.0),
    QAudioFormat.SampleFormat.Float: ("<f4", 1.0, 0.0),
    QAudioFormat.SampleFormat.UInt8: ("u1", 128.0, 128.0),
}


def to_mono_int16(data: bytes, sample: QAudioFormat.SampleFormat, channels: int) -> bytes:
    """Whole frames of any Qt sample format as 16-bit mono (channels averaged)."""
    if sample == QAudioFormat.SampleFormat.Int16 and channels == 1:
        return data
    dtype, scale, offset = _SCALES[sample]
    x = (np.frombuffer(data, dtype).astype(np.float64) - offset) / scale
    if channels > 1:
        x = x.reshape(-1, channels).mean(axis=1)
    return (np.clip(x, -1.0, 32767 / 32768) * 32768).round().astype("<i2").tobytes()
