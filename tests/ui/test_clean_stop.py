"""The app asked to close by the system (SIGTERM: a logout, a shutdown, "End task") ends a
recorded interview as Stop would; a kill right after a key leaves no tag past the saved audio.

The app runs in its own process, recording from the virtual microphone."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import wave
from pathlib import Path

import pytest

from ikan_desktop.audio.wavfile import HEADER_BYTES, file_sha256
from ikan_desktop.store import open_store
from ikan_desktop.store.location import DB_NAME
from ikan_desktop.workflows.recovery import recover_interrupted

pytestmark = pytest.mark.audio

CHILD = Path(__file__).with_name("interview_app_child.py")


def spawn(folder: Path, *flags: str) -> tuple[subprocess.Popen[str], str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(folder), *flags],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert child.stdout is not None
    for line in child.stdout:
        if line.startswith("ready "):
            return child, line.split()[1]
    raise AssertionError(f"the app did not start recording: {child.stderr.read()}")  # type: ignore[union-attr]


def session_row(folder: Path, session_id: str) -> tuple:
    conn = sqlite3.connect(folder / DB_NAME)
    try:
        return conn.execute(
            "SELECT state, audio_path, audio_frames, audio_sha256, audio_rate FROM sessions "
            "WHERE id = ?",
            [session_id],
        ).fetchone()
    finally:
        conn.close()


def tag_times(folder: Path, session_id: str) -> list[int]:
    conn = sqlite3.connect(folder / DB_NAME)
    try:
        rows = conn.execute("SELECT t_ms FROM tags WHERE session_id = ?", [session_id])
        return [t for (t,) in rows]
    finally:
        conn.close()


@pytest.mark.parametrize("flags", [(), ("--pause",)], ids=["recording", "paused"])
def test_sigterm_finishes_the_interview_with_a_sealed_recording(
    virtual_mic, data_dir: Path, flags: tuple[str, ...]
) -> None:
    child, session_id = spawn(data_dir, *flags)
    child.send_signal(signal.SIGTERM)
    out, err = child.communicate(timeout=20)
    assert child.returncode == 0, err
    assert "exit 0" in out

    state, audio_path, frames, sha256, rate = session_row(data_dir, session_id)
    assert state == "finished"
    wav = data_dir / audio_path
    size = wav.stat().st_size
    with wave.open(str(wav)) as w:
        assert w.getnframes() == frames == (size - HEADER_BYTES) // 2  # the header is sealed
        assert w.getframerate() == rate
    assert sha256 == file_sha256(wav)
    times = tag_times(data_dir, session_id)
    assert len(times) == 3 and max(times) <= frames * 1000 // rate

    with open_store(data_dir) as store:  # the next start: nothing to recover, nothing to say
        report = recover_interrupted(store)
    assert not report.has_news and report.sealed == ()


def test_a_kill_right_after_a_key_leaves_no_tag_past_the_saved_audio(
    virtual_mic, data_dir: Path
) -> None:
    child, session_id = spawn(data_dir, "--keys")
    assert child.stdout is not None
    shown = []
    for line in child.stdout:
        if line.startswith("tag "):
            shown.append(line.split()[1])
        if len(shown) >= 20:
            break
    child.kill()  # right after a key was committed
    child.wait(10)

    with open_store(data_dir) as store:
        report = recover_interrupted(store)
        (item,) = report.interviews
        saved = {
            tag_id: t_ms
            for tag_id, t_ms in store.db.execute(
                "SELECT id, t_ms FROM tags WHERE session_id = ?", [session_id]
            )
        }
    assert set(shown) <= set(saved)  # nothing shown as committed was lost
    assert max(saved.values()) <= item.audio_ms  # and no tag lies past the saved audio
