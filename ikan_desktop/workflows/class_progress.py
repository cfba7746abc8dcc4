"""Class progress over time, the class report PDF and the same figures as CSV.

Every confirmed strategy stage of the class is grouped into rounds (school terms); in each
round a child counts once per domain, at their latest stage that term, in the band for that
date. The report and the CSV are written whole, through a temporary file.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ikan_desktop.domain.class_progress import (
    ChildMovement,
    Round,
    RoundSpread,
    round_of,
    spread,
)
from ikan_desktop.domain.class_view import StageOn
from ikan_desktop.domain.expectations import compare_with_expectation
from ikan_desktop.domain.framework import Framework, load_framework
from ikan_desktop.domain.students import Student
from ikan_desktop.store import standings
from ikan_desktop.store.database import Store, atomic_write_bytes
from ikan_desktop.workflows.class_view import class_students


@dataclass(frozen=True, slots=True)
class DomainProgress:
    """One strategy domain: each round's spread, and each child's stages round by round."""

    domain_id: str
    name: str
    spreads: tuple[RoundSpread, ...]
    movements: tuple[ChildMovement, ...]


@dataclass(frozen=True, slots=True)
class ClassProgress:
    """A class's progress: its rounds, and every strategy domain's figures."""

    class_name: str
    on: date
    rounds: tuple[Round, ...]
    domains: tuple[DomainProgress, ...]


def class_progress(
    store: Store,
    class_name: str,
    *,
    framework: Framework | None = None,
    today: date | None = None,
) -> ClassProgress:
    """Read the class's confirmed stages and lay them out round by round."""
    framework = framework or load_framework()
    students = class_students(store, class_name)
    by_id = {s.id: s for s in students}
    latest: dict[tuple[str, str, Round], StageOn] = {}
    for row in standings.confirmed_history(store, by_id):
        if row.domain in framework.strategy_domain_ids:
            key = (row.student_id, row.domain, round_of(row.stage.on))
            latest[key] = row.stage  # oldest first: the last one in a term wins
    rounds = tuple(sorted({key[2] for key in latest}))
    domains = []
    for domain in framework.strategy_domains:
        spreads = []
        for one in rounds:
            found = [
                (by_id[sid], stage)
                for (sid, d, r), stage in latest.items()
                if d == domain.id and r == one
            ]
            bands = [_band(framework, student, stage, domain.id) for student, stage in found]
            spreads.append(spread(one, [stage.stage for _, stage in found], bands))
        movements = tuple(
            ChildMovement(
                s.id,
                s.name,
                tuple(
                    stage.stage if (stage := latest.get((s.id, domain.id, r))) else None
                    for r in rounds
                ),
            )
            for s in students
        )
        domains.append(DomainProgress(domain.id, domain.name, tuple(spreads), movements))
    return ClassProgress(class_name, today or date.today(), rounds, tuple(domains))


def progress_csv(progress: ClassProgress) -> bytes:
    """The report's figures as one CSV table (UTF-8 with a byte-order mark, for spreadsheets)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["domain", "round", "what", "name", "value"])
    for domain in progress.domains:
        for one in domain.spreads:
            for stage, count in sorted(one.stages.items()):
                writer.writerow([domain.name, one.round.label, "children at stage", stage, count])
            for band, count in sorted(one.bands.items()):
                writer.writerow([domain.name, one.round.label, "children in band", band, count])
        for child in domain.movements:
            for one, stage in zip(progress.rounds, child.stages, strict=True):
                if stage is not None:
                    writer.writerow([domain.name, one.label, "child's stage", child.name, stage])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def render_class_report(progress: ClassProgress, framework: Framework) -> bytes:
    """The class report PDF (at most two A4 pages)."""
    from ikan_desktop.reports.class_report import render_class_report as render

    return render(progress, stage_names={s.number: s.name for s in framework.stages})


def save_class_report(
    store: Store,
    class_name: str,
    target: Path,
    *,
    csv_target: Path | None = None,
    framework: Framework | None = None,
    today: date | None = None,
) -> ClassProgress:
    """Write the class report (and, when asked, its CSV), each through a temporary file."""
    framework = framework or load_framework()
    progress = class_progress(store, class_name, framework=framework, today=today)
    atomic_write_bytes(Path(target), render_class_report(progress, framework))
    if csv_target is not None:
        atomic_write_bytes(Path(csv_target), progress_csv(progress))
    return progress


def _band(framework: Framework, student: Student, stage: StageOn, domain_id: str) -> str | None:
    try:
        found = compare_with_expectation(
            framework,
            stage.value,
            None,
            student.details.year_level,
            student.details.school_start_date,
            stage.on,
            domain_id=domain_id,
        )
    except ValueError:
        return None
    return found.band.value if found else None
