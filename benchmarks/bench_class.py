"""The class view's timings: a class overview, a whole school's, and regrouping after a move.

- a class of 30 children with three years of rounds (three strategy rounds and a knowledge
  check a year), overview read and laid out (warm: the framework already loaded);
- the overview of a whole school: 1,000 students with 30,000 interviews;
- the groups window after a child is moved with Ctrl+→: groups recomputed, titles and lists
  redrawn (offscreen Qt).
"""

from __future__ import annotations

import random
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from benchmarks.bench_startup import CACHE, school
from benchmarks.common import Result, median, percentile
from ikan_desktop.domain.framework import load_framework
from ikan_desktop.store import open_store
from ikan_desktop.workflows.class_view import class_overview

CLASS = "Room 30"
KNOWLEDGE = ("number_identification", "number_sequence", "grouping_place_value", "basic_facts")


def make_class(folder: Path) -> Path:
    """30 children, each with 9 strategy rounds and 3 knowledge checks over three years."""
    if (folder / "ikan.sqlite").exists():
        return folder
    rng = random.Random(3)
    with open_store(folder) as store:
        conn = store.db.conn
        conn.execute("BEGIN")
        class_id = str(uuid.uuid4())
        conn.execute(
            "INSERT INTO classes VALUES (?, ?, '', '', ?)",
            [class_id, CLASS, datetime.now(UTC).isoformat()],
        )
        for n in range(30):
            sid = str(uuid.uuid4())
            start = date(2022, 2, 1) + timedelta(days=rng.randrange(300))
            conn.execute(
                "INSERT INTO students (id, class_id, name, year_level, school_start_date, "
                "created_at, updated_at) VALUES (?, ?, ?, 4, ?, ?, ?)",
                [sid, class_id, f"Child {n:02d}", start.isoformat(), "2023", "2023"],
            )
            stage = rng.randrange(1, 4)
            for year in range(3):
                for term in range(3):
                    on = datetime(2023 + year, 3 + term * 3, 10, 9, tzinfo=UTC)
                    stage = min(8, stage + rng.choice((0, 0, 1)))
                    _round(
                        conn,
                        sid,
                        "strategy",
                        on,
                        {d: stage for d in ("additive", "multiplicative", "proportional")},
                    )
                known = {k: max(0, stage - rng.choice((0, 1))) for k in KNOWLEDGE}
                _round(conn, sid, "knowledge", datetime(2023 + year, 11, 1, tzinfo=UTC), known)
        conn.execute("COMMIT")
    return folder


def _round(conn, student_id: str, kind: str, on: datetime, stages: dict[str, int]) -> None:
    session_id = str(uuid.uuid4())
    conn.execute(
        "INSERT INTO sessions (id, student_id, kind, script_id, script_version, started_at, "
        "ended_at, state) VALUES (?, ?, ?, 'bench', '1', ?, ?, 'finished')",
        [session_id, student_id, kind, on.isoformat(), on.isoformat()],
    )
    conn.executemany(
        "INSERT INTO judgements (id, session_id, domain, confirmed_stage, confirmed_at) "
        "VALUES (?, ?, ?, ?, ?)",
        [(str(uuid.uuid4()), session_id, d, s, on.isoformat()) for d, s in stages.items()],
    )


def _times(work, repeats: int) -> list[float]:
    found = []
    for _ in range(repeats):
        begin = time.perf_counter()
        work()
        found.append(time.perf_counter() - begin)
    return found


def run(quick: bool) -> list[Result]:
    framework = load_framework()
    results = []
    with open_store(make_class(CACHE / "class-30-3-years")) as store:
        rows = class_overview(store, CLASS, framework=framework).rows
        assert len(rows) == 30 and all(r.cells[0].stage for r in rows)
        times = _times(
            lambda: class_overview(store, CLASS, framework=framework), 5 if quick else 30
        )
        results.append(
            Result(
                "class overview: 30 children, 3 years of rounds",
                median(times) * 1000,
                "ms",
                target=100,
                detail=f"median of {len(times)}, slowest {max(times) * 1000:.0f} ms",
            )
        )
    with open_store(school(30_000)) as store:
        times = _times(lambda: class_overview(store, None, framework=framework), 3 if quick else 9)
        results.append(
            Result(
                "school overview: 1,000 students, 30,000 interviews",
                median(times) * 1000,
                "ms",
                target=500,
                detail=f"median of {len(times)}, slowest {max(times) * 1000:.0f} ms",
            )
        )
    results.append(_regroup(quick))
    return results


def _regroup(quick: bool) -> Result:
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from ikan_desktop.audio.signals import protect_booleans
    from ikan_desktop.ui.overview.groups_window import GroupsWindow

    protect_booleans()  # as the app does at start: PySide6 spends a reference on some calls
    app = QApplication.instance() or QApplication([])
    with open_store(CACHE / "class-30-3-years") as store:
        window = GroupsWindow(store, CLASS)
        window.show()
        app.processEvents()
        times = []
        for n in range(20 if quick else 200):
            groups = window.groups[window.domain_id]
            source = next(i for i, g in enumerate(groups) if g.members)
            child = groups[source].members[0].student_id
            target = (source + 1 + n % (len(groups) - 1)) % len(groups)
            begin = time.perf_counter()
            window.move(child, target)
            app.processEvents()  # the redraw of titles and lists
            times.append(time.perf_counter() - begin)
        window.close()
    return Result(
        "groups recomputed and redrawn after a move (30 children)",
        median(times) * 1000,
        "ms",
        target=16,
        detail=f"median of {len(times)}, p95 {percentile(times, 95) * 1000:.1f} ms, "
        f"slowest {max(times) * 1000:.1f} ms",
    )
