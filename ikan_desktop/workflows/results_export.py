"""Results out to the school system: every confirmed round as a CSV row, in one step.

Only stages the teacher confirmed go out; finished interviews with nothing confirmed yet are
listed instead, so the teacher can confirm them first. An existing file is never overwritten
unless the caller says the teacher agreed (the dialog asks; the command line needs a flag).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from ikan_desktop.domain.expectations import NZ_MAPPING, compare_with_expectation
from ikan_desktop.domain.framework import Framework, load_framework
from ikan_desktop.domain.students import Student
from ikan_desktop.exchange.results_csv import FULL, PRESETS, ResultRow, StageResult, results_csv
from ikan_desktop.store import students as student_store
from ikan_desktop.store.database import Store, atomic_write_bytes
from ikan_desktop.workflows.deletion import plural
from ikan_desktop.workflows.export_log import note_export
from ikan_desktop.workflows.roster import UnknownClass, find_class

__all__ = [
    "PRESETS",
    "ExportExists",
    "ResultsExport",
    "UnconfirmedRound",
    "UnknownClass",
    "gather_results",
    "save_results",
]

GLOBAL = "global"


class ExportExists(FileExistsError):
    """The chosen file is already there; nothing was written."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path} already exists and was not changed. Choose another file name, or "
            "say that it may be replaced."
        )
        self.path = path


@dataclass(frozen=True, slots=True)
class UnconfirmedRound:
    """A finished interview with no confirmed stage yet: not exported until it is confirmed."""

    session_id: str
    student_name: str
    assessed_on: date
    instrument: str


@dataclass(frozen=True, slots=True)
class ResultsExport:
    """The rows that will go out, and the rounds held back because nothing is confirmed."""

    rows: tuple[ResultRow, ...]
    unconfirmed: tuple[UnconfirmedRound, ...]
    strategy_domains: tuple[str, ...]
    knowledge_domains: tuple[str, ...]

    def csv_bytes(self, preset: str = FULL) -> bytes:
        """The file's bytes in the chosen preset."""
        return results_csv(
            self.rows,
            strategy=self.strategy_domains,
            knowledge=self.knowledge_domains,
            preset=preset,
        )


def gather_results(
    store: Store,
    *,
    class_name: str = "",
    since: date | None = None,
    framework: Framework | None = None,
    today: date | None = None,
) -> ResultsExport:
    """Every confirmed round (of one class, from a date on), one row per student per round.

    The year level written is the child's year level on the round's date (today's year level
    less the school years since), so moving a class up a year leaves earlier rounds as they were.
    """
    framework = framework or _framework()
    today = today or date.today()
    students = {s.id: s for s in student_store.iter_students(store)}
    if class_name.strip():
        wanted = find_class(store, class_name, any_case=True).name
        students = {i: s for i, s in students.items() if s.details.class_name == wanted}
    rounds: dict[str, tuple[Student, tuple[Any, ...], dict[str, StageResult], date]] = {}
    left_out: set[str] = set()
    for row in store.db.execute(_ROUNDS).fetchall():
        if row[1] in left_out:
            continue
        entry = rounds.get(row[1])
        if entry is None:
            student, on = students.get(row[0]), _local_date(row[3])
            if student is None or (since and on < since):
                left_out.add(row[1])
                continue
            entry = rounds[row[1]] = (student, row, {}, on)
        if row[5] is not None and row[6] is not None:
            entry[2][row[5]] = StageResult(int(row[6]), row[7] or None)
    rows, unconfirmed = [], []
    for student, head, stages, on in rounds.values():
        if not stages:
            unconfirmed.append(UnconfirmedRound(head[1], student.name, on, head[2]))
            continue
        rows.append(_result_row(framework, student, head, stages, on, today))
    rows.sort(key=lambda r: (r.class_name.casefold(), r.name.casefold(), r.assessed_on))
    return ResultsExport(
        tuple(rows),
        tuple(sorted(unconfirmed, key=lambda u: (u.student_name.casefold(), u.assessed_on))),
        framework.strategy_domain_ids,
        framework.knowledge_domain_ids,
    )


def save_results(
    export: ResultsExport,
    target: Path,
    *,
    preset: str = FULL,
    replace: bool = False,
    store: Store | None = None,
) -> Path:
    """Write the CSV through a temporary file; ExportExists when it is there and not to be
    replaced. With the store, the audit log notes what went out and where."""
    target = Path(target)
    if target.exists() and not replace:
        raise ExportExists(target)
    atomic_write_bytes(target, export.csv_bytes(preset))
    if store is not None:
        children = len({(row.external_id, row.name) for row in export.rows})
        what = f"results of {plural(children, 'child', 'children')}"
        note_export(store, f"{what} ({plural(len(export.rows), 'round')})", target, preset)
    return target


_ROUNDS = """
    SELECT s.student_id, s.id, s.kind, s.started_at, s.form, j.domain, j.confirmed_stage,
           j.qualifier
    FROM sessions s LEFT JOIN judgements j ON j.session_id = s.id AND j.confirmed_stage IS NOT NULL
    WHERE s.state = 'finished'
    ORDER BY s.started_at, s.id, j.rowid
"""


def _result_row(
    framework: Framework,
    student: Student,
    head: tuple[Any, ...],
    stages: dict[str, StageResult],
    on: date,
    today: date,
) -> ResultRow:
    d = student.details
    year_then = _year_level_on(framework, d.year_level, on, today)
    return ResultRow(
        external_id=d.external_id,
        name=d.name,
        preferred_name=d.preferred_name,
        year_level=year_then,
        class_name=d.class_name,
        assessed_on=on,
        instrument=head[2],
        form=head[4] or "",
        stages=stages,
        expectation=_band(framework, student, year_then, stages, on)
        if head[2] == "strategy"
        else "",
    )


@cache
def _framework() -> Framework:
    return load_framework()  # read once per process: the export may run many times a session


def _band(
    framework: Framework,
    student: Student,
    year_level: int | None,
    stages: dict[str, StageResult],
    on: date,
) -> str:
    """The band of the global stage (or, without one, of the first domain confirmed)."""
    domain = (
        None
        if GLOBAL in stages
        else next((d for d in framework.strategy_domain_ids if d in stages), None)
    )
    chosen = stages[GLOBAL] if domain is None and GLOBAL in stages else stages.get(domain or "")
    if chosen is None:
        return ""
    return _band_words(framework, chosen, year_level, student.details.school_start_date, on, domain)


@lru_cache(maxsize=4096)
def _band_words(
    framework: Framework,
    chosen: StageResult,
    year_level: int | None,
    start: date | None,
    on: date,
    domain: str | None,
) -> str:
    """Remembered: a class assessed on the same days without start dates repeats these a lot."""
    try:
        found = compare_with_expectation(
            framework, chosen.stage, chosen.qualifier, year_level, start, on, domain_id=domain
        )
    except ValueError:
        return ""
    return found.band.label.lower() if found else ""


def _year_level_on(
    framework: Framework, year_level: int | None, on: date, today: date
) -> int | None:
    """The year level a child had on a past date, from the one they have today."""
    if year_level is None:
        return None
    month, day = framework.expectations(NZ_MAPPING).school_year.new_school_year_from

    def school_year(when: date) -> int:
        return when.year if (when.month, when.day) >= (month, day) else when.year - 1

    return max(0, year_level - max(0, school_year(today) - school_year(on)))


def _local_date(stamp: str) -> date:
    moment = datetime.fromisoformat(stamp)
    return (moment.astimezone() if moment.tzinfo else moment).date()
