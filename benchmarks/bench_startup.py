"""Time from process start to the main window shown and idle, on a large school's database."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import Result, median
from benchmarks.large_school import make_school

CACHE = Path(__file__).resolve().parent.parent / ".bench"


def run(quick: bool) -> list[Result]:
    students, sessions = (1000, 30000)
    folder = CACHE / f"school-{students}-{sessions}"
    if not (folder / "ikan.sqlite").exists():
        started = time.monotonic()
        make_school(folder, students=students, sessions=sessions, tags_per_session=10)
        print(f"  made the database in {time.monotonic() - started:.1f} s", file=sys.stderr)
    size_mb = (folder / "ikan.sqlite").stat().st_size / 1e6
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    times = []
    for _ in range(3 if quick else 11):
        with tempfile.TemporaryDirectory():
            begin = time.perf_counter()
            out = subprocess.run(
                [sys.executable, "-m", "benchmarks.startup_probe", str(folder)],
                capture_output=True,
                text=True,
                env=env,
                check=True,
            )
            times.append(time.perf_counter() - begin)
            assert "IDLE" in out.stdout, out.stderr
    return [
        Result(
            "start-up to idle main window (1,000 students, 30,000 sessions)",
            median(times),
            "s",
            target=1.0,
            detail=f"median of {len(times)}, min {min(times):.2f} s, DB {size_mb:.0f} MB",
        )
    ]
