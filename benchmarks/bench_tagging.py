"""Key press → tag committed, with a recording running: idle and beside a busy neighbour.

Keys are "pressed" from another thread at a steady pace (as a window system would: posted into
the GUI thread's queue, stamped with the moment they went down) and the time each tag's row is
committed is taken on whatever thread commits it. Two ways are run side by side in one run:
the tags committed on the GUI thread before the key's handler returns (how it was done before),
and the writer thread the app uses now. Each runs idle and with a `stress-ng` neighbour keeping
both cores busy and writing (and syncing) to the disk, as a virus scan or a cloud sync would.
Also reported: the worst wait of a 10 ms timer on the GUI thread (how long the screen froze).
Where the tags land despite a stall is checked against real audio in the tests.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from benchmarks.common import Result, percentile

TESTS = Path(__file__).resolve().parent.parent / "tests"


def run(quick: bool) -> list[Result]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(TESTS))
    import virtmic

    mic = None
    if not os.environ.get("PULSE_SERVER") and virtmic.available():
        mic = virtmic.VirtualMic().start()
    presses = 60 if quick else 200
    results: list[Result] = []
    try:
        for load in ("idle", "disk", "busy"):
            with neighbour(load) as described:
                for way in ("gui", "writer"):
                    results.append(_measure(presses, way=way, load=described))
                if load == "busy":
                    results.append(_kill_trials(3 if quick else 10, load=described))
    finally:
        if mic is not None:
            mic.stop()
    return results


@contextmanager
def neighbour(load: str) -> Iterator[str]:
    """Nothing; stress-ng writing to the disk and syncing; or that and both cores busy too."""
    if load == "idle":
        yield "idle"
        return
    if shutil.which("stress-ng") is None:
        yield "busy (stress-ng missing: NOT stressed)"
        return
    scratch = tempfile.mkdtemp(prefix="bench-stress-")
    cpu = ("--cpu", "2") if load == "busy" else ()
    stress = subprocess.Popen(
        [
            *("stress-ng", *cpu, "--hdd", "1", "--hdd-bytes", "256M", "--io", "1"),
            *("--temp-path", scratch, "--timeout", "600s", "--quiet"),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(2)  # let it reach full load
    try:
        yield (
            "2 cores busy + disk writes and syncs (stress-ng)"
            if load == "busy"
            else "disk writes and syncs (stress-ng)"
        )
    finally:
        stress.terminate()
        stress.wait(20)
        shutil.rmtree(scratch, ignore_errors=True)


class CommitOnTheCaller:
    """The way before: each row committed on the GUI thread before the key's handler returns."""

    def __init__(self, store) -> None:  # type: ignore[no-untyped-def]
        self.store = store
        self.listeners: list[Callable[[str], None]] = []

    def submit(self, key: str, write) -> None:  # type: ignore[no-untyped-def]
        write(self.store)
        for listener in self.listeners:
            listener(key)

    def wait(self) -> None:
        pass

    def close(self) -> None:
        pass


def _measure(presses: int, *, way: str, load: str) -> Result:
    from interview_helpers import live_window, start_interview
    from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    from ikan_desktop.audio.recorder import Recorder
    from ikan_desktop.ui import key_moment
    from ikan_desktop.workflows.clock import KeyTimedClock
    from ikan_desktop.workflows.interview_writer import InterviewWriter

    app = QApplication.instance() or QApplication([])
    folder = Path(tempfile.mkdtemp(prefix="bench-tagging-"))
    recorder = Recorder()
    clock = KeyTimedClock(recorder, key_moment.current)
    store, interview, rules = start_interview(folder, clock=clock, start="counting-all-or-on")
    writer = InterviewWriter(store.path) if way == "writer" else CommitOnTheCaller(store)
    interview.writer = writer  # type: ignore[assignment]
    committed: list[float] = []
    writer.listeners.append(lambda key: " " in key or committed.append(time.monotonic()))
    recorder.start(folder / "bench.wav")
    deadline = time.monotonic() + 5
    while recorder.frames_written == 0 and time.monotonic() < deadline:
        app.processEvents()
    window = live_window(interview, rules, level_signal=recorder.level)
    window.show()
    window.activateWindow()
    while QApplication.activeWindow() is not window:
        app.processEvents()

    pressed: list[float] = []
    stalls: list[float] = []
    last_tick = [time.monotonic()]

    def tick() -> None:
        now = time.monotonic()
        stalls.append(now - last_tick[0])
        last_tick[0] = now

    ticker = QTimer(interval=10)
    ticker.timeout.connect(tick)
    ticker.start()

    def teacher() -> None:
        for _ in range(presses):
            time.sleep(0.1)
            at = time.monotonic()
            pressed.append(at)
            key = interview.task.choices[0].key  # the task's own strategy key (fixed key map)
            event = QKeyEvent(
                QEvent.Type.KeyPress, Qt.Key(ord(key)), Qt.KeyboardModifier.NoModifier, key
            )
            event.setTimestamp(int(at * 1000))
            QCoreApplication.postEvent(window, event)

    hands = threading.Thread(target=teacher, daemon=True)
    hands.start()
    limit = time.monotonic() + presses * 0.1 + 30
    while (hands.is_alive() or len(committed) < presses) and time.monotonic() < limit:
        app.processEvents()
        time.sleep(0.001)
    ticker.stop()
    interview.finish()
    writer.close()
    window._allow_close = True
    window.close()
    recorder.stop()
    store.close()
    shutil.rmtree(folder, ignore_errors=True)

    waits = [(c - p) * 1000 for p, c in zip(pressed, committed, strict=False)]
    name = {"gui": "on the GUI thread (before)", "writer": "on the writer thread (now)"}[way]
    return Result(
        f"key → tag committed, {name}, {load.split(' (')[0].replace(' and syncs', '')}",
        percentile(waits, 99),
        "ms",
        # Under load the disk's own sync time bounds any durable commit: no target there.
        target=50.0 if way == "writer" and load == "idle" else None,
        detail=f"{load}; p50 {percentile(waits, 50):.1f} · p99 {percentile(waits, 99):.1f} · "
        f"max {max(waits):.1f} ms over {len(waits)} keys (of {presses}); "
        f"the GUI thread's worst wait {max(stalls) * 1000:.0f} ms",
    )


def _kill_trials(trials: int, *, load: str) -> Result:
    """Kill an interview (SIGKILL) right after a tag was reported committed; count what is lost."""
    import random
    import sqlite3

    rng = random.Random(7)
    child_script = TESTS / "workflows" / "interview_child.py"
    reported_total = lost = 0
    for _ in range(trials):
        folder = Path(tempfile.mkdtemp(prefix="bench-kill-"))
        child = subprocess.Popen(
            [sys.executable, str(child_script), str(folder), "--writer"],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None
        session = child.stdout.readline().split()[1]
        reported: list[str] = []
        wanted = rng.randint(20, 120)
        for line in child.stdout:
            if line.startswith("tag "):
                reported.append(line.split()[1])
            if len(reported) >= wanted or line.startswith("finished"):
                break
        child.kill()
        child.wait(10)
        conn = sqlite3.connect(folder / "ikan.sqlite")
        saved = {r[0] for r in conn.execute("SELECT id FROM tags WHERE session_id = ?", [session])}
        conn.close()
        reported_total += len(reported)
        lost += len(set(reported) - saved)
        shutil.rmtree(folder, ignore_errors=True)
    return Result(
        "tags reported committed, then lost to a kill right after, busy",
        lost,
        "tags",
        target=0,
        detail=f"{load}; {trials} kills, {reported_total} tags reported committed before them",
    )
