"""A school's roster in and its results out: 1,000-student import (preview, commit), and the
export of 1,000 students × 6 confirmed rounds. Each beside a floor: the bare parse of the same
file with the csv module, and the bare SQL read of the same rounds."""

from __future__ import annotations

import csv
import io
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from benchmarks.common import Result, median
from ikan_desktop.domain.students import StudentDetails
from ikan_desktop.store import judgements as judgement_store
from ikan_desktop.store import open_store
from ikan_desktop.store import students as student_store
from ikan_desktop.store.database import Store, new_id
from ikan_desktop.workflows import results_export, roster_import

FIRST = ("Aroha", "Mereana", "Tāne", "Hūhana", "Liam", "Priya", "Sione", "Ana", "Wiremu", "Zoë")
LAST = ("Ngata", "Tūhoe-Walker", "O'Connor", "Pōmare", "Raman", "Taufa", "Te Whata", "Kereama")
STUDENTS = 1000
ROUNDS = 6


def run(quick: bool) -> list[Result]:
    runs = 3 if quick else 7
    with tempfile.TemporaryDirectory(prefix="ikan-bench-roster-") as folder:
        path = _roster_file(Path(folder))
        floor = _times(runs, lambda: list(csv.reader(io.StringIO(path.read_text("utf-8-sig")))))
        preview_new, preview_again, commit = [], [], []
        for number in range(runs):
            with open_store(Path(folder) / f"data-{number}") as store:
                preview_new.append(_timed(lambda s=store: _plan(s, path)))
                plan = _plan(store, path)
                commit.append(_timed(lambda s=store, p=plan: roster_import.commit_import(s, p)))
                preview_again.append(_timed(lambda s=store: _plan(s, path)))
                assert len(_plan(store, path).unchanged) == STUDENTS
        with open_store(Path(folder) / "school") as store:
            _school_with_rounds(store)
            sql_floor = _times(runs, lambda s=store: s.db.execute(_FLOOR_SQL).fetchall())
            export = _times(runs, lambda s=store: _export(s, Path(folder) / "out.csv"))
    floor_ms = median(floor) * 1000
    return [
        Result(
            "roster import preview, 1,000 students (read + match, new database)",
            median(preview_new),
            "s",
            target=1.0,
            detail=f"median of {runs}, {min(preview_new):.2f}–{max(preview_new):.2f} s; "
            f"bare csv parse of the file {floor_ms:.1f} ms",
        ),
        Result(
            "roster import preview again (all 1,000 already there)",
            median(preview_again),
            "s",
            target=1.0,
            detail=f"median of {runs}, {min(preview_again):.2f}–{max(preview_again):.2f} s",
        ),
        Result(
            "roster import commit, 1,000 students in one transaction",
            median(commit),
            "s",
            target=2.0,
            detail=f"median of {runs}, {min(commit):.2f}–{max(commit):.2f} s",
        ),
        Result(
            "results export, 1,000 students × 6 confirmed rounds → CSV file",
            median(export),
            "s",
            target=1.0,
            detail=f"median of {runs}, {min(export):.2f}–{max(export):.2f} s; the bare SQL "
            f"read of the rounds {median(sql_floor) * 1000:.0f} ms",
        ),
    ]


def _plan(store: Store, path: Path) -> roster_import.ImportPlan:
    return roster_import.plan_import(store, roster_import.load_roster(path))


def _export(store: Store, target: Path) -> None:
    export = results_export.gather_results(store)
    assert len(export.rows) == STUDENTS * ROUNDS
    results_export.save_results(export, target, replace=True)


def _timed(work) -> float:  # type: ignore[no-untyped-def]
    begin = time.perf_counter()
    work()
    return time.perf_counter() - begin


def _times(runs: int, work) -> list[float]:  # type: ignore[no-untyped-def]
    work()  # warm
    return [_timed(work) for _ in range(runs)]


def _roster_file(folder: Path) -> Path:
    """An eTAP-style export of a school of 1,000: BOM, title line, d/m/yyyy dates, macrons."""
    out = io.StringIO()
    out.write("Harbourview School roll — printed 3/02/2026\r\n")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(
        [
            *("Student ID", "Legal First Name", "Preferred Name", "Legal Surname"),
            *("Year Level", "Room", "First Attendance", "Date of Birth"),
        ]
    )
    start = date(2019, 2, 4)
    for number in range(STUDENTS):
        year = 1 + number % 8
        writer.writerow(
            [
                *(f"{10000 + number}", FIRST[number % 10], "", f"{LAST[number % 8]}-{number}"),
                *(f"Y{year}", f"Room {number // 28 + 1}"),
                *(f"{(start + timedelta(days=number)):%-d/%m/%Y}", f"{14 + number % 14}/08/2017"),
            ]
        )
    path = folder / "school-roll.csv"
    path.write_bytes(out.getvalue().encode("utf-8-sig"))
    return path


def _school_with_rounds(store: Store) -> None:
    with store.db.atomic():
        for number in range(STUDENTS):
            year = 1 + number % 8
            student = student_store.add_student(
                store,
                StudentDetails(
                    name=f"{FIRST[number % 10]} {LAST[number % 8]}-{number}",
                    external_id=str(10000 + number),
                    year_level=year,
                    # every child a start date of their own (NZ children start on their birthday)
                    school_start_date=date(2026 - year, 2, 3) - timedelta(days=number % 300),
                    class_name=f"Room {number // 28 + 1}",
                ),
            )
            for round_number in range(ROUNDS):
                session = new_id()
                on = datetime(2024, 3, 1, 10, tzinfo=UTC) + timedelta(days=120 * round_number)
                store.db["sessions"].insert(
                    {"id": session, "student_id": student.id, "kind": "strategy"}
                    | {"form": "ABCD"[round_number % 4], "script_id": "bench"}
                    | {"script_version": "1", "started_at": on.isoformat(), "state": "finished"}
                )
                for offset, domain in enumerate(("additive", "multiplicative", "proportional")):
                    stage = max(0, min(8, year + round_number // 2 - offset))
                    judgement_store.confirm_stage(
                        store, session_id=session, domain=domain, stage=stage
                    )
                judgement_store.confirm_stage(
                    store, session_id=session, domain="global", stage=year
                )


_FLOOR_SQL = """
    SELECT s.student_id, s.id, s.kind, s.started_at, s.form, j.domain, j.confirmed_stage,
           j.qualifier, st.name, st.external_id, st.year_level
    FROM sessions s JOIN students st ON st.id = s.student_id
    LEFT JOIN judgements j ON j.session_id = s.id AND j.confirmed_stage IS NOT NULL
    WHERE s.state = 'finished'
"""
