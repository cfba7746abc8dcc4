"""Start-up to the first painted frame on a large school, against a bare PySide6 window.

Three kinds of process run in turn, round after round in one run, so the machine's load falls
on all of them alike: a bare PySide6 window (the floor), the app on 1,000 students with 30,000
interviews, and the app on the same students with 300,000 interviews. The app is started the
way a teacher starts it, `ikan-desktop --data-dir DIR` (as `python -m ikan_desktop`), and timed
from the process's start to its first painted frame. The figures are the medians' ratios:
app ÷ floor, and 300,000 ÷ 30,000 (start-up must not grow with history).

An installed app starts from compiled bytecode (pip compiles what it installs, the bundle ships
it), so the package is compiled first: a machine that sets PYTHONDONTWRITEBYTECODE would
otherwise compile the app's modules again on every start.
"""

from __future__ import annotations

import compileall
import contextlib
import os
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.common import Result, median
from benchmarks.large_school import add_confirmed_stages, make_school

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".bench"
FIRST_FRAME = {"IKAN_DESKTOP_QUIT_AFTER_FIRST_FRAME": "1"}
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


def timed(args: list[str], extra_env: dict[str, str] | None = None) -> dict[str, float]:
    """Seconds from starting the process to the first word of each line it prints
    (PAINTED and MATHS from the probes, FIRST from the app's 'FIRST FRAME')."""
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    env.update(extra_env or {})
    begin = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", *args], stdout=subprocess.PIPE, text=True, env=env
    )
    seen: dict[str, float] = {}
    assert child.stdout is not None
    for line in child.stdout:
        word, *rest = line.split()
        seen[word] = time.perf_counter() - begin
        for number, value in enumerate(rest, 1):  # figures the process printed on its line
            with contextlib.suppress(ValueError):
                seen[f"{word} {number}"] = float(value)
    if child.wait(timeout=60) != 0 or not {"PAINTED", "FIRST"} & set(seen):
        raise RuntimeError(f"{args} failed: {seen}")
    return seen


def spread(values: list[float]) -> str:
    return f"{min(values):.2f}–{max(values):.2f} s"


def app_first_frame(folder: Path) -> float:
    """The app started as a teacher starts it, to its first painted frame."""
    return timed(["ikan_desktop", "--data-dir", str(folder)], FIRST_FRAME)["FIRST"]


def run(quick: bool) -> list[Result]:
    compileall.compile_dir(ROOT / "ikan_desktop", quiet=1)
    folders = {n: school(n) for n in HISTORIES}
    sizes = {n: (folders[n] / "ikan.sqlite").stat().st_size / 1e6 for n in HISTORIES}
    floor: list[float] = []
    painted: dict[int, list[float]] = {n: [] for n in HISTORIES}
    maths: dict[int, list[float]] = {n: [] for n in HISTORIES}
    stalls: dict[int, list[float]] = {n: [] for n in HISTORIES}
    timed(["benchmarks.floor_probe"])  # warm the file cache once
    for n in HISTORIES:
        app_first_frame(folders[n])
    for round_ in range(3 if quick else 9):
        order = [None, *HISTORIES]
        for kind in order[round_ % 3 :] + order[: round_ % 3]:
            if kind is None:
                floor.append(timed(["benchmarks.floor_probe"])["PAINTED"])
            else:
                painted[kind].append(app_first_frame(folders[kind]))
    for _ in range(3 if quick else 5):  # the maths columns, which arrive after the frame
        for n in HISTORIES:
            seen = timed(["benchmarks.startup_probe", str(folders[n])])
            maths[n].append(seen["MATHS"])
            stalls[n].append(seen["MATHS 2"])
    base = median(floor)
    small, large = (median(painted[n]) for n in HISTORIES)
    return [
        Result(
            "first painted frame, 1,000 students / 30,000 interviews ÷ bare window",
            small / base,
            "×",
            target=2.5,
            detail=f"app {small:.2f} s ({spread(painted[30_000])}), bare PySide6 window "
            f"{base:.2f} s ({spread(floor)}), median of {len(floor)} each, "
            f"DB {sizes[30_000]:.0f} MB",
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
            "(the framework and the stages are read off the GUI thread after the first frame)",
        ),
        Result(
            "longest the window stops answering while the columns arrive, 30,000 · 300,000",
            max(stalls[30_000]),
            "ms",
            detail=f"worst of {len(stalls[30_000])}: {max(stalls[30_000]):.0f} ms · "
            f"{max(stalls[300_000]):.0f} ms; medians {median(stalls[30_000]):.0f} · "
            f"{median(stalls[300_000]):.0f} ms (the event loop's longest gap, 5 ms ticks)",
        ),
    ]
