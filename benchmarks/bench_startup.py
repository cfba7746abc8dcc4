"""Start-up to the first painted frame on a large school, against a bare PySide6 window.

Three kinds of process run in turn, round after round in one run, so the machine's load falls
on all of them alike: a bare PySide6 window (the floor), the app on 1,000 students with 30,000
interviews, and the app on the same students with 300,000 interviews. The figures are the
medians' ratios: app ÷ floor, and 300,000 ÷ 30,000 (start-up must not grow with history).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.common import Result, median
from benchmarks.large_school import add_confirmed_stages, make_school

CACHE = Path(__file__).resolve().parent.parent / ".bench"
STUDENTS = 1000
HISTORIES = (30_000, 300_000)


def school(sessions: int) -> Path:
    """The cached benchmark database with this many interviews (made on first use)."""
    folder = CACHE / f"school-{STUDENTS}-{sessions}"
    if not (folder / "ikan.sqlite").exists():
        started = time.monotonic()
        make_school(folder, students=STUDENTS, sessions=sessions, tags_per_session=10)
        print(f"  made the database in {time.monotonic() - started:.1f} s", file=sys.stderr)
    add_confirmed_stages(folder)
    return folder


def timed(args: list[str]) -> dict[str, float]:
    """Seconds from starting the process to each line it prints (PAINTED, MATHS)."""
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    begin = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", *args], stdout=subprocess.PIPE, text=True, env=env
    )
    seen: dict[str, float] = {}
    assert child.stdout is not None
    for line in child.stdout:
        seen[line.split()[0]] = time.perf_counter() - begin
    if child.wait(timeout=60) != 0 or "PAINTED" not in seen:
        raise RuntimeError(f"{args} failed: {seen}")
    return seen


def run(quick: bool) -> list[Result]:
    folders = {n: school(n) for n in HISTORIES}
    sizes = {n: (folders[n] / "ikan.sqlite").stat().st_size / 1e6 for n in HISTORIES}
    floor: list[float] = []
    painted: dict[int, list[float]] = {n: [] for n in HISTORIES}
    maths: dict[int, list[float]] = {n: [] for n in HISTORIES}
    timed(["benchmarks.floor_probe"])  # warm the file cache once
    for n in HISTORIES:
        timed(["benchmarks.startup_probe", str(folders[n])])
    for round_ in range(3 if quick else 9):
        order = [None, *HISTORIES]
        for kind in order[round_ % 3 :] + order[: round_ % 3]:
            if kind is None:
                floor.append(timed(["benchmarks.floor_probe"])["PAINTED"])
            else:
                seen = timed(["benchmarks.startup_probe", str(folders[kind])])
                painted[kind].append(seen["PAINTED"])
                maths[kind].append(seen["MATHS"])
    base = median(floor)
    small, large = (median(painted[n]) for n in HISTORIES)
    return [
        Result(
            "first painted frame, 1,000 students / 30,000 interviews ÷ bare window",
            small / base,
            "×",
            target=2.5,
            detail=f"app {small:.2f} s, bare PySide6 window {base:.2f} s, median of "
            f"{len(floor)} each, DB {sizes[30_000]:.0f} MB",
        ),
        Result(
            "first painted frame, 300,000 interviews ÷ 30,000 interviews",
            large / small,
            "×",
            target=1.1,
            detail=f"{large:.2f} s vs {small:.2f} s, DB {sizes[300_000]:.0f} MB",
        ),
        Result(
            "student list with its maths columns, 30,000 · 300,000 interviews",
            median(maths[30_000]),
            "s",
            detail=f"{median(maths[30_000]):.2f} s · {median(maths[300_000]):.2f} s "
            "(the framework is read off the GUI thread after the first frame)",
        ),
    ]
