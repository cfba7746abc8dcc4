"""What the open-time checks cost: opening the demo database through open_store, against the
floor of SQLite opening the same file read-only and running quick_check (the check every version
has run), interleaved in one run so both meet the same machine load."""

from __future__ import annotations

import sqlite3
import tempfile
import time
from pathlib import Path

from benchmarks.common import Result, median
from ikan_desktop.store import open_store
from ikan_desktop.store.location import DB_NAME
from ikan_desktop.workflows.roster import seed_demo_class


def _floor(path: Path) -> float:
    begin = time.perf_counter()
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    conn.execute("PRAGMA quick_check").fetchall()
    conn.close()
    return time.perf_counter() - begin


def _ours(folder: Path) -> float:
    begin = time.perf_counter()
    with open_store(folder):
        pass
    return time.perf_counter() - begin


def run(quick: bool) -> list[Result]:
    rounds = 20 if quick else 200
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        with open_store(folder) as store:
            seed_demo_class(store)
        ours, floor = [], []
        for _ in range(rounds):
            ours.append(_ours(folder))
            floor.append(_floor(folder / DB_NAME))
    ratio = median(ours) / median(floor)
    return [
        Result(
            "open the demo database with every check (open_store), per open",
            median(ours) * 1000,
            "ms",
            detail=f"median of {rounds}; floor (read-only quick_check alone) "
            f"{median(floor) * 1000:.2f} ms, ratio {ratio:.1f}×",
        )
    ]
