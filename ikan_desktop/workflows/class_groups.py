"""Suggested instructional groups per strategy domain, the teacher's saved groups, the sheet.

Suggestions come from each child's current confirmed stage (the class overview's reading); a
saved plan keeps the teacher's moves and names with its date; the group sheet prints either,
one A4 page per domain, with the framework's teaching moves for each group's next step.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ikan_desktop.domain.framework import Framework, load_framework
from ikan_desktop.domain.groups import (
    GroupedChild,
    InstructionalGroup,
    MovedOn,
    moved_on,
    suggest_groups,
    transition_title,
)
from ikan_desktop.store import groups as group_store
from ikan_desktop.store.database import Store, atomic_write_bytes
from ikan_desktop.store.groups import SavedPlan
from ikan_desktop.store.standings import local_date
from ikan_desktop.workflows.class_view import ClassOverview, class_overview
from ikan_desktop.workflows.roster import find_class


@dataclass(frozen=True, slots=True)
class DomainGroups:
    """One strategy domain's suggested groups, the latest saved ones, and who has moved on."""

    domain_id: str
    domain_name: str
    suggested: tuple[InstructionalGroup, ...]
    saved: SavedPlan | None
    moved_on: tuple[MovedOn, ...]

    @property
    def current(self) -> tuple[InstructionalGroup, ...]:
        """The teacher's saved groups when there are some, else the suggestion."""
        return self.saved.groups if self.saved else self.suggested


@dataclass(frozen=True, slots=True)
class ClassGroups:
    """Every strategy domain's groups for one class."""

    class_name: str
    class_id: str
    on: date
    domains: tuple[DomainGroups, ...]

    def domain(self, domain_id: str) -> DomainGroups:
        return next(d for d in self.domains if d.domain_id == domain_id)


def class_groups(
    store: Store,
    class_name: str,
    *,
    framework: Framework | None = None,
    today: date | None = None,
    overview: ClassOverview | None = None,
) -> ClassGroups:
    """Suggested and saved groups for every strategy domain of a class."""
    framework = framework or load_framework()
    overview = overview or class_overview(store, class_name, framework=framework, today=today)
    class_id = _class_id(store, class_name)
    names = stage_names(framework)
    found = []
    for domain in framework.strategy_domains:
        children = [
            GroupedChild(
                row.student.id,
                row.student.name,
                cell.stage.stage if (cell := row.cell(domain.id)).stage else None,
            )
            for row in overview.rows
        ]
        now = {c.student_id: c.stage for c in children if c.stage is not None}
        saved = group_store.latest_plan(store, class_id, domain.id)
        found.append(
            DomainGroups(
                domain.id,
                domain.name,
                suggest_groups(domain.id, children, framework.top_stage),
                saved,
                moved_on(saved.groups, now, names, domain.name) if saved else (),
            )
        )
    return ClassGroups(class_name, class_id, overview.on, tuple(found))


def group_titles(
    framework: Framework, domain_id: str, groups: Sequence[InstructionalGroup]
) -> list[str]:
    """Each group's heading: the teacher's name or the transition, with its size."""
    names = stage_names(framework)
    domain_name = framework.strategy_domain(domain_id).name
    return [transition_title(g, names, domain_name) for g in groups]


def save_groups(
    store: Store, class_name: str, domain_id: str, groups: Sequence[InstructionalGroup]
) -> SavedPlan:
    """Save the teacher's groups for one domain, dated now."""
    return group_store.save_plan(store, _class_id(store, class_name), domain_id, groups)


def groups_json(found: ClassGroups, framework: Framework) -> dict[str, Any]:
    """The groups as plain data for `groups --json`."""

    def group(g: InstructionalGroup, title: str) -> dict[str, Any]:
        return {
            "title": title,
            "name": g.name,
            "from_stage": g.from_stage,
            "to_stage": g.to_stage,
            "children": [
                {"student_id": c.student_id, "name": c.name, "stage": c.stage} for c in g.members
            ],
        }

    domains = []
    for d in found.domains:
        entry: dict[str, Any] = {
            "domain": d.domain_id,
            "name": d.domain_name,
            "suggested": [
                group(g, t)
                for g, t in zip(
                    d.suggested, group_titles(framework, d.domain_id, d.suggested), strict=False
                )
            ],
            "saved": None,
        }
        if d.saved:
            entry["saved"] = {
                "saved_on": local_date(d.saved.saved_at).isoformat(),
                "groups": [
                    group(g, t)
                    for g, t in zip(
                        d.saved.groups,
                        group_titles(framework, d.domain_id, d.saved.groups),
                        strict=False,
                    )
                ],
                "moved_on": [
                    {
                        "name": m.name,
                        "group": m.group_name,
                        "from_stage": m.from_stage,
                        "now": m.now,
                    }
                    for m in d.moved_on
                ],
            }
        domains.append(entry)
    return {"class": found.class_name, "on": found.on.isoformat(), "domains": domains}


def render_group_sheet(
    found: ClassGroups,
    framework: Framework,
    *,
    groups: dict[str, Sequence[InstructionalGroup]] | None = None,
) -> bytes:
    """The group sheet PDF: one A4 page per domain (the groups given, else saved or suggested)."""
    from ikan_desktop.reports.group_sheet import GroupBox, GroupPage, render_group_pages

    pages = []
    for d in found.domains:
        chosen = (groups or {}).get(d.domain_id) or d.current
        titles = group_titles(framework, d.domain_id, chosen)
        now = {m.student_id: m.now for m in d.moved_on}
        boxes = []
        for g, title in zip(chosen, titles, strict=False):
            if not g.members:
                continue
            steps = (
                framework.next_steps(d.domain_id, g.from_stage)
                if g.from_stage is not None
                else None
            )
            boxes.append(
                GroupBox(
                    title=title,
                    children=tuple(
                        f"{c.name} (now stage {now[c.student_id]})"
                        if c.student_id in now
                        else c.name
                        for c in g.members
                    ),
                    next_steps=steps.teacher if steps else (),
                )
            )
        pages.append(
            GroupPage(
                class_name=found.class_name,
                domain_name=d.domain_name,
                on=found.on,
                arrangement=_arrangement(d, chosen),
                groups=tuple(boxes),
            )
        )
    return render_group_pages(pages)


def save_group_sheet(
    store: Store, class_name: str, target: Path, *, framework: Framework | None = None
) -> Path:
    """Write the class's group sheet through a temporary file."""
    framework = framework or load_framework()
    found = class_groups(store, class_name, framework=framework)
    atomic_write_bytes(Path(target), render_group_sheet(found, framework))
    return Path(target)


def _arrangement(domain: DomainGroups, chosen: Sequence[InstructionalGroup]) -> str:
    """Where the printed groups come from, for the sheet's heading."""
    if domain.saved is not None and tuple(chosen) == domain.saved.groups:
        return f"groups saved {local_date(domain.saved.saved_at):%d %B %Y}".replace(" 0", " ")
    if tuple(chosen) == domain.suggested:
        return "suggested from confirmed stages"
    return "groups as arranged on screen, not saved yet"


def stage_names(framework: Framework) -> dict[int, str]:
    return {s.number: s.name for s in framework.stages}


def _class_id(store: Store, class_name: str) -> str:
    return find_class(store, class_name).id
