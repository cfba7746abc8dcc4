"""`selftest`: list the microphones, record a second, report the level (exit 0 sound, 1 silent)."""

from __future__ import annotations

import argparse
import math
import os
import tempfile
from pathlib import Path
from typing import Any

from ikan_desktop.cli import CommandError, data_dir_option
from ikan_desktop.private_files import make_private_folder
from ikan_desktop.store.location import data_dir

SOUND, SILENT = 0, 1
MAX_SECONDS = 60


def register(commands: Any) -> None:
    selftest = commands.add_parser(
        "selftest",
        help="record one second from the microphone and report the level",
        description="Record one second from the default microphone (or --device) into the data "
        "folder and report its level. Exit 0 when sound came through, 1 when it was silent, "
        "2 when there is no microphone.",
    )
    data_dir_option(selftest)
    selftest.add_argument("--device", metavar="NAME", help="microphone name (or part of it)")
    selftest.add_argument("--seconds", type=seconds_to_record, default=1.0, help=argparse.SUPPRESS)
    selftest.set_defaults(run=run_selftest_command)


def seconds_to_record(text: str) -> float:
    """A recording length for --seconds: a real number of seconds, more than 0, at most a minute."""
    try:
        seconds = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not math.isfinite(seconds) or not 0 < seconds <= MAX_SECONDS:
        raise argparse.ArgumentTypeError(
            f"{text!r} seconds cannot be recorded; give more than 0 and at most {MAX_SECONDS}"
        )
    return seconds


def _writable_folder(folder: Path) -> None:
    """Fail before any audio starts when the test recording could not be saved."""
    try:
        make_private_folder(folder)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".selftest-check-"):
            pass
    except OSError as error:
        raise CommandError(
            f"The test recording cannot be saved in {folder} ({error.strerror or error}). "
            "Nothing was recorded. Choose a folder you can write to with --data-dir."
        ) from error


def run_selftest_command(args: argparse.Namespace) -> int:
    # Keep stderr to the one line that matters: Qt's start-up chatter about PipeWire and FFmpeg
    # is harmless and would bury it.
    os.environ.setdefault(
        "QT_LOGGING_RULES", "qt.multimedia.symbolsresolver=false;qt.multimedia.ffmpeg*=false"
    )
    folder = data_dir(args.data_dir)
    _writable_folder(folder)
    from ikan_desktop.audio import dbfs
    from ikan_desktop.audio.selftest import run_selftest  # Qt Multimedia only when asked for

    result = run_selftest(folder, device=args.device, seconds=args.seconds)
    print("Microphones found:" if result.devices else "Microphones found: none")
    for device in result.devices:
        print(f"  {device.name}{' (default)' if device.is_default else ''}")
    if result.problem:
        raise CommandError(result.problem)
    level = dbfs(result.rms)
    loudness = "digital silence" if level == float("-inf") else f"{level:.1f} dBFS RMS"
    peak = dbfs(result.peak)
    peak_text = "" if peak == float("-inf") else f", peak {peak:.1f} dBFS"
    print(f"Recorded {result.seconds:.1f} s from {result.device_name}: {loudness}{peak_text}")
    print(f"File: {result.path}")
    if result.heard_sound:
        print("Sound came through: the microphone works.")
        return SOUND
    print(
        "No sound came through. The microphone may be muted or blocked by the system's "
        "privacy settings."
    )
    return SILENT
