"""Printing profiles: one student's page (warm), and a whole class of 30 saved to a folder."""

from __future__ import annotations

import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from pathlib import Path

from benchmarks.common import Result, median
from ikan_desktop.domain.students import StudentDetails
from ikan_desktop.domain.tags import STRATEGY
from ikan_desktop.reports.profile import render_profile
from ikan_desktop.store import judgements as judgement_store
from ikan_desktop.store import open_store
from ikan_desktop.store import students as student_store
from ikan_desktop.store import tags as tag_store
from ikan_desktop.store.database import Store, new_id
from ikan_desktop.workflows import profiles

CLASS = "Room 30 (benchmark)"
TODAY = date(2026, 3, 20)
CODES = ("counts_on_back", "make_ten", "doubles", "skip_counts", "place_value_split")
KNOWLEDGE = ("number_identification", "number_sequence", "grouping_place_value", "basic_facts")


def run(quick: bool) -> list[Result]:
    with (
        tempfile.TemporaryDirectory(prefix="ikan-bench-profile-") as folder,
        open_store(Path(folder) / "data") as store,
    ):
        ids = _class_of_30(store)
        sources = profiles.load_profile_sources()
        one = _one_profile(store, ids[7], sources, runs=10 if quick else 30)
        whole = _whole_class(store, Path(folder), sources, runs=1 if quick else 3)
    return [one, whole]


def _one_profile(
    store: Store, student_id: str, sources: profiles.ProfileSources, *, runs: int
) -> Result:
    def once() -> float:
        begin = time.perf_counter()
        data = profiles.profile_for_student(store, student_id, sources=sources, today=TODAY)
        render_profile(data)
        return time.perf_counter() - begin

    once()  # warm: fonts registered, framework loaded
    times = [once() * 1000 for _ in range(runs)]
    return Result(
        "one profile, warm (read the database + render the PDF)",
        median(times),
        "ms",
        target=150,
        detail=f"median of {runs}, min {min(times):.0f} ms, max {max(times):.0f} ms",
    )


def _whole_class(
    store: Store, folder: Path, sources: profiles.ProfileSources, *, runs: int
) -> Result:
    times = []
    for number in range(runs):
        out = folder / f"class-{number}"
        begin = time.perf_counter()
        batch = profiles.save_class_profiles(store, CLASS, out, sources=sources, today=TODAY)
        times.append(time.perf_counter() - begin)
        assert len(batch.written) == 30, batch.skipped
    return Result(
        "a class of 30 profiles saved to a folder (one PDF each)",
        median(times),
        "s",
        target=3.0,
        detail=f"median of {runs}, three rounds of history per student",
    )


def _class_of_30(store: Store) -> list[str]:
    """Thirty students, Years 1–6, each with three confirmed rounds, tags and a knowledge check."""
    student_store.class_named(store, CLASS, teacher="Whaea Bench", school="Benchmark School")
    ids = []
    with store.db.atomic():
        for number in range(30):
            year = 1 + number % 6
            started = TODAY - timedelta(days=round((year - 0.5) * 365.25))
            student = student_store.add_student(
                store,
                StudentDetails(
                    name=f"Tamaiti {number:02d} Kōwhai-Pōhutukawa",
                    year_level=year,
                    school_start_date=started,
                    class_name=CLASS,
                ),
            )
            ids.append(student.id)
            for round_number in range(3):
                on = TODAY - timedelta(days=300 - round_number * 130)
                session = _session(store, student.id, "strategy", on)
                for offset, domain in enumerate(("additive", "multiplicative", "proportional")):
                    stage = max(0, min(8, year + round_number - offset))
                    judgement_store.confirm_stage(
                        store, session_id=session, domain=domain, stage=stage
                    )
                for index, code in enumerate(CODES):
                    tag_store.record_tag(
                        store,
                        session_id=session,
                        t_ms=index * 30_000,
                        kind=STRATEGY,
                        code=code,
                        stage=4 + index % 3,
                        has_audio=False,
                    )
                if round_number == 2:
                    judgement_store.set_teacher_comment(
                        store, session, "Works hard and explains their thinking clearly."
                    )
            check = _session(store, student.id, "knowledge", TODAY - timedelta(days=30))
            for index, domain in enumerate(KNOWLEDGE):
                judgement_store.confirm_stage(
                    store, session_id=check, domain=domain, stage=max(0, year + 1 - index % 2)
                )
    return ids


def _session(store: Store, student_id: str, kind: str, on: date) -> str:
    session_id = new_id()
    started = datetime.combine(on, clock(10)).replace(tzinfo=UTC).isoformat()
    store.db["sessions"].insert(
        {"id": session_id, "student_id": student_id, "kind": kind, "form": "A"}
        | {"script_id": "bench", "script_version": "1", "started_at": started}
        | {"state": "finished"}
    )
    return session_id
