"""The consent gate and the words the audio layer uses with teachers (no Qt needed)."""

from __future__ import annotations

import errno
import plistlib
from pathlib import Path

from ikan_desktop.audio import (
    audio_plan_for,
    cannot_save,
    dbfs,
    describe_duration,
    is_silent,
    microphone_lost,
)

ROOT = Path(__file__).resolve().parents[2]


def test_no_consent_means_no_recording_whatever_microphone_is_plugged_in() -> None:
    for device in (True, False):
        plan = audio_plan_for(student_consent=False, device_available=device)
        assert not plan.record
        assert plan.reason == (
            "No recording: this student has no recording consent — the interview runs on a "
            "clock only."
        )
    no_mic = audio_plan_for(student_consent=True, device_available=False)
    assert not no_mic.record and "no microphone" in no_mic.reason
    assert audio_plan_for(student_consent=True, device_available=True).record


def test_durations_never_claim_more_than_was_saved() -> None:
    assert describe_duration(252_999) == "4 min 12 s"
    assert describe_duration(120_000) == "2 min"
    assert describe_duration(38_400) == "38 s"
    assert describe_duration(400) == "less than a second"


def test_levels_and_silence() -> None:
    assert dbfs(1.0) == 0 and round(dbfs(0.5), 1) == -6.0 and dbfs(0) == float("-inf")
    assert is_silent(0.0) and is_silent(5 / 32768)
    assert not is_silent(40 / 32768)  # a quiet room through a working microphone


def test_messages_say_what_happened_what_is_safe_and_what_to_do() -> None:
    full = cannot_save(OSError(errno.ENOSPC, "No space left"), Path("/d/audio/a.wav"), 61_000)
    assert full.startswith("The disk is full")
    assert "first 1 min 1 s of the recording are saved" in full
    assert "Free some space" in full
    refused = cannot_save(OSError(errno.EROFS, "Read-only file system"), Path("/d/a.wav"), 0)
    assert "/d" in refused and "Read-only file system" in refused
    assert "IT support" in refused
    lost = microphone_lost(4_000)
    assert "after 4 s" in lost and "saved" in lost and "carry on" in lost


def test_the_macos_bundle_asks_for_the_microphone_and_is_entitled_to_it() -> None:
    info = plistlib.loads((ROOT / "packaging" / "Info.plist").read_bytes())
    assert "records the interview" in info["NSMicrophoneUsageDescription"]
    entitlements = plistlib.loads((ROOT / "packaging" / "entitlements.plist").read_bytes())
    assert entitlements["com.apple.security.device.audio-input"] is True
