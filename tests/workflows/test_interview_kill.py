"""Kill an interview with SIGKILL mid-section: every tag pressed before the kill is on disk."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ikan_desktop.store.location import DB_NAME
from ikan_desktop.workflows.recovery import recover_interrupted


@pytest.mark.parametrize("flags", [(), ("--writer",)], ids=["on-the-caller", "writer-thread"])
def test_sigkill_loses_no_tag(data_dir: Path, flags: tuple[str, ...]) -> None:
    child = subprocess.Popen(
        [
            sys.executable,
            str(Path(__file__).with_name("interview_child.py")),
            str(data_dir),
            *flags,
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    reported: list[str] = []
    session = child.stdout.readline().split()[1]
    started = time.monotonic()
    while len(reported) < 60 and time.monotonic() - started < 30:
        line = child.stdout.readline()
        if line.startswith("tag "):
            reported.append(line.split()[1])
    child.send_signal(signal.SIGKILL)
    child.wait(10)
    assert child.returncode == -signal.SIGKILL
    assert len(reported) >= 60

    conn = sqlite3.connect(data_dir / DB_NAME)
    saved = {row[0] for row in conn.execute("SELECT id FROM tags WHERE session_id = ?", [session])}
    state = conn.execute("SELECT state FROM sessions WHERE id = ?", [session]).fetchone()[0]
    conn.close()
    assert set(reported) <= saved
    assert state == "recording"  # nothing closed it: start-up will call it interrupted

    from ikan_desktop.store import open_store

    with open_store(data_dir) as store:
        report = recover_interrupted(store)
        assert [item.session_id for item in report.interviews] == [session]
        after = store.db.execute("SELECT state FROM sessions").fetchone()[0]
        assert after == "interrupted"
        kept = store.db.execute("SELECT count(*) FROM tags").fetchone()[0]
        assert kept >= len(reported)
