"""The class overview and the student list's maths columns: where every child stands.

Reads confirmed stages (store.standings), compares them with the expectation for each child's
time at school (domain.expectations) and lays them out as plain records for the screens, the
command line and the reports.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ikan_desktop.domain.class_view import (
    DomainHistory,
    RecentStanding,
    StageOn,
    change_text,
    histories,
    knowledge_holding_back,
)
from ikan_desktop.domain.expectations import (
    ExpectationBand,
    ExpectedStage,
    compare_with_expectation,
    expected_stage,
)
from ikan_desktop.domain.framework_records import Framework
from ikan_desktop.domain.students import Student
from ikan_desktop.store import standings
from ikan_desktop.store import students as student_store
from ikan_desktop.store.database import Store
from ikan_desktop.workflows.roster import UnknownClass as UnknownClass  # raised here too
from ikan_desktop.workflows.roster import find_class


@dataclass(frozen=True, slots=True)
class StageCell:
    """One child in one strategy domain: the stage now, its band, the change and any gap."""

    domain_id: str
    stage: StageOn | None
    stage_name: str = ""
    band: ExpectationBand | None = None
    expected: str = ""
    change: int | None = None
    knowledge_behind: tuple[str, ...] = ()

    @property
    def change_text(self) -> str:
        return change_text(self.change)


@dataclass(frozen=True, slots=True)
class ChildRow:
    """One child of the overview: a cell per strategy domain and their knowledge stages."""

    student: Student
    cells: tuple[StageCell, ...]
    knowledge: dict[str, int] = field(default_factory=dict, hash=False)
    history: dict[str, DomainHistory] = field(default_factory=dict, hash=False)

    def cell(self, domain_id: str) -> StageCell:
        return next(c for c in self.cells if c.domain_id == domain_id)


@dataclass(frozen=True, slots=True)
class ClassOverview:
    """Children × strategy domains for one class (or a whole school), on one day."""

    class_name: str
    on: date
    domain_ids: tuple[str, ...]
    rows: tuple[ChildRow, ...]


@dataclass(frozen=True, slots=True)
class ListStanding:
    """The student list's maths columns for one child."""

    recent: RecentStanding
    cells: dict[str, StageCell] = field(default_factory=dict, hash=False)


def class_students(store: Store, class_name: str | None) -> list[Student]:
    """The class's current students by name (the whole school when `class_name` is None)."""
    everyone = list(student_store.iter_students(store))
    if class_name is None:
        return everyone
    find_class(store, class_name)
    return [s for s in everyone if s.details.class_name == class_name]


def class_overview(
    store: Store,
    class_name: str | None,
    *,
    framework: Framework | None = None,
    today: date | None = None,
) -> ClassOverview:
    """Every child of a class (None: the school) with their stage, band and change per domain."""
    if framework is None:
        from ikan_desktop.domain.framework import load_framework  # YAML and JSON Schema

        framework = load_framework()
    today = today or date.today()
    students = class_students(store, class_name)
    strategy = framework.strategy_domain_ids
    knowledge_ids = framework.knowledge_domain_ids
    rows = []
    for student in students:
        by_domain = histories(
            standings.recent_rounds(store, student.id, "strategy", strategy), strategy
        )
        known = {
            d: h.current.stage
            for d, h in histories(
                standings.recent_rounds(store, student.id, "knowledge", knowledge_ids, depth=1),
                knowledge_ids,
            ).items()
            if h.current is not None
        }
        now = expected_stage(framework, student.details, on=today)
        cells = tuple(_cell(framework, student, by_domain[d], known, now) for d in strategy)
        rows.append(ChildRow(student, cells, known, by_domain))
    return ClassOverview(class_name or "Whole school", today, strategy, tuple(rows))


def list_standing(
    store: Store, student: Student, framework: Framework, today: date
) -> ListStanding:
    """The student list's columns for one child, from their latest interviews only."""
    recent = standings.recent_standing(
        store, student.id, framework.strategy_domain_ids, framework.knowledge_domain_ids
    )
    now = expected_stage(framework, student.details, on=today)
    cells = {
        d: _cell(framework, student, DomainHistory(d, (stage,)), {}, now)
        for d, stage in recent.strategy.items()
    }
    return ListStanding(recent, cells)


def overview_json(overview: ClassOverview, framework: Framework) -> dict[str, Any]:
    """The overview as plain data for `overview --json`."""
    return {
        "class": overview.class_name,
        "on": overview.on.isoformat(),
        "domains": [
            {"id": d, "name": framework.strategy_domain(d).name} for d in overview.domain_ids
        ],
        "children": [
            {
                "student_id": row.student.id,
                "name": row.student.name,
                "domains": {
                    cell.domain_id: {
                        "stage": cell.stage.stage if cell.stage else None,
                        "qualifier": cell.stage.qualifier if cell.stage else None,
                        "stage_name": cell.stage_name,
                        "assessed_on": cell.stage.on.isoformat() if cell.stage else None,
                        "band": cell.band.value if cell.band else None,
                        "expected": cell.expected,
                        "change": cell.change,
                        "knowledge_behind": list(cell.knowledge_behind),
                    }
                    for cell in row.cells
                },
                "knowledge": row.knowledge,
            }
            for row in overview.rows
        ],
    }


def sorted_rows(
    overview: ClassOverview, *, by: str = "name", domain_id: str | None = None
) -> list[ChildRow]:
    """The rows sorted by name, or within a domain by stage, band or change (highest first)."""
    rows = list(overview.rows)
    if by == "name" or domain_id is None:
        return sorted(rows, key=lambda r: r.student.name.casefold())

    def key(row: ChildRow) -> tuple[Any, ...]:
        cell = row.cell(domain_id)
        stage = cell.stage.value.rank if cell.stage else -1
        band = cell.band.order if cell.band else -1
        change = cell.change if cell.change is not None else -99
        first = {"stage": stage, "band": band, "change": change}[by]
        return (-first, -stage, row.student.name.casefold())

    return sorted(rows, key=key)


def _cell(
    framework: Framework,
    student: Student,
    history: DomainHistory,
    knowledge: dict[str, int],
    now: ExpectedStage | None,
) -> StageCell:
    current = history.current
    expected = _expected(framework, now, history.domain_id)
    if current is None:
        return StageCell(history.domain_id, None, expected=expected)
    try:
        comparison = compare_with_expectation(
            framework,
            current.value,
            None,
            student.details.year_level,
            student.details.school_start_date,
            current.on,
            domain_id=history.domain_id,
        )
    except ValueError:  # a qualifier this stage cannot have: compare the plain stage
        comparison = compare_with_expectation(
            framework,
            current.stage,
            None,
            student.details.year_level,
            student.details.school_start_date,
            current.on,
            domain_id=history.domain_id,
        )
    return StageCell(
        domain_id=history.domain_id,
        stage=current,
        stage_name=framework.stage(current.stage).name,
        band=comparison.band if comparison else None,
        expected=expected,
        change=history.change,
        knowledge_behind=knowledge_holding_back(history.domain_id, current.stage, knowledge),
    )


def _expected(framework: Framework, now: ExpectedStage | None, domain_id: str) -> str:
    """The stage expected today in a domain, from the row that applies to the child today."""
    if now is None or domain_id not in framework.expectations(now.mapping_id).applies_to:
        return ""
    return str(now.milestone.expected_for(domain_id))
