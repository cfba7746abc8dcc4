"""Bring a class list in from the school system: preview first, then write it in one transaction.

A preview (`plan_import`) says which rows will add a student, which update one, which change
nothing and which are skipped (with the line and the reason); nothing is written until
`commit_import`. Students are matched by their school-system id first, then by name and class,
so importing the same file twice changes nothing, and a newer export (a new year level, a new
class) updates the children already there — their interviews and profiles stay with them.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ikan_desktop.domain.dates import DATE_ORDERS, date_order_of, is_ambiguous
from ikan_desktop.domain.students import Student, StudentDetails
from ikan_desktop.exchange.roster_csv import (
    RosterEntry,
    RosterFileError,
    RosterSheet,
    SkippedRow,
    mapping_problem,
    open_roster,
    read_entries,
)
from ikan_desktop.exchange.table_file import TableFileError
from ikan_desktop.store import students as student_store
from ikan_desktop.store.database import Store
from ikan_desktop.store.settings import get_setting, set_setting
from ikan_desktop.workflows.roster import DATE_ORDER_SETTING

__all__ = [
    "DATE_ORDER_SETTING",
    "DateOrderNeeded",
    "ImportPlan",
    "RosterFileError",
    "TableFileError",
    "commit_import",
    "load_roster",
    "plan_import",
]


class DateOrderNeeded(ValueError):
    """The file's dates read two ways and nothing says which; the teacher must choose."""

    def __init__(self, name: str, example: str) -> None:
        super().__init__(
            f"{name}: dates such as {example} could be day-first (NZ) or month-first (US). "
            "Say which with --date-order dmy or --date-order mdy."
        )
        self.example = example


@dataclass(frozen=True, slots=True)
class StudentUpdate:
    """An existing student the file changes, with the changes in words."""

    student: Student
    entry: RosterEntry
    changes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ImportPlan:
    """What an import would do; `commit_import` carries it out exactly."""

    file_name: str
    added: tuple[RosterEntry, ...]
    updated: tuple[StudentUpdate, ...]
    unchanged: tuple[RosterEntry, ...]
    skipped: tuple[SkippedRow, ...]
    date_order: str
    date_order_reason: str
    new_classes: tuple[str, ...] = ()

    @property
    def summary(self) -> str:
        """One sentence for the preview and the command line."""
        parts = [
            f"{len(self.added)} to add",
            f"{len(self.updated)} to update",
            f"{len(self.unchanged)} already up to date",
            f"{len(self.skipped)} skipped",
        ]
        return f"{self.file_name}: " + ", ".join(parts) + "."


def load_roster(path: Path) -> RosterSheet:
    """Read a class list file (RosterFileError/TableFileError with a one-line reason)."""
    return open_roster(path)


def decide_date_order(
    store: Store, sheet: RosterSheet, mapping: Sequence[str], chosen: str | None
) -> tuple[str, str] | None:
    """The date order to read the file with and why; None when the teacher must choose."""
    if chosen in DATE_ORDERS:
        return chosen, "Dates are read as chosen."
    values = sheet.date_values(mapping)
    evidence = date_order_of(values)
    if evidence.order:
        example = evidence.day_first_seen or evidence.month_first_seen
        return evidence.order, f"Read this way because the file's own dates show it ({example})."
    saved = get_setting(store, DATE_ORDER_SETTING)
    if saved in DATE_ORDERS:
        return saved, "Read this way as set for this computer."
    if not any(is_ambiguous(v) for v in values):
        return "dmy", "No date in this file could be read two ways."
    return None


def ambiguous_example(sheet: RosterSheet, mapping: Sequence[str]) -> str:
    """A date from the file that reads two ways, to show when asking."""
    return next((v for v in sheet.date_values(mapping) if is_ambiguous(v)), "")


def remember_date_order(store: Store, order: str) -> None:
    """Keep the teacher's answer, so the next file in the same order is not asked about."""
    if order in DATE_ORDERS:
        set_setting(store, DATE_ORDER_SETTING, order)


def plan_import(
    store: Store,
    sheet: RosterSheet,
    *,
    mapping: Sequence[str] | None = None,
    date_order: str | None = None,
    class_name: str = "",
) -> ImportPlan:
    """The preview: what would be added, updated, left alone and skipped (nothing is written)."""
    mapping = tuple(mapping or sheet.mapping)
    problem = mapping_problem(mapping)
    if problem:
        raise RosterFileError(f"{sheet.name}: {problem}")
    decided = decide_date_order(store, sheet, mapping, date_order)
    if decided is None:
        raise DateOrderNeeded(sheet.name, ambiguous_example(sheet, mapping))
    order, reason = decided
    read = read_entries(sheet, mapping=mapping, date_order=order, class_name=class_name.strip())
    existing = list(student_store.iter_students(store, include_archived=True))
    matcher = _Matcher(existing)
    added: list[RosterEntry] = []
    updated: list[StudentUpdate] = []
    unchanged: list[RosterEntry] = []
    skipped = list(read.skipped)
    for entry in read.entries:
        twin = matcher.seen_in_file(entry)
        if twin is not None:
            skipped.append(SkippedRow(entry.line, f"the same student as line {twin}", entry.name))
            continue
        found = matcher.find(entry)
        if found is None:
            added.append(entry)
            continue
        if found.id in matcher.claimed:
            line = matcher.claimed[found.id]
            skipped.append(
                SkippedRow(entry.line, f"matches the same student as line {line}", entry.name)
            )
            continue
        matcher.claimed[found.id] = entry.line
        changes = _changes(found, entry)
        if changes:
            updated.append(StudentUpdate(found, entry, changes))
        else:
            unchanged.append(entry)
    known = {c.casefold() for c in (k.name for k in student_store.list_classes(store))}
    wanted = {e.class_name for e in added} | {u.entry.class_name for u in updated}
    new_classes = sorted(c for c in wanted if c and c.casefold() not in known)
    return ImportPlan(
        sheet.name,
        tuple(added),
        tuple(updated),
        tuple(unchanged),
        tuple(sorted(skipped, key=lambda s: s.line)),
        order,
        reason,
        tuple(new_classes),
    )


def commit_import(store: Store, plan: ImportPlan) -> list[str]:
    """Write the plan in one transaction (all or nothing); returns the new students' ids."""
    ids: list[str] = []
    classes = {k.name.casefold(): k.name for k in student_store.list_classes(store)}
    with store.db.atomic():
        for entry in plan.added:
            details = StudentDetails(
                name=entry.name,
                preferred_name=entry.preferred_name,
                external_id=entry.external_id,
                year_level=entry.year_level,
                school_start_date=entry.school_start_date,
                date_of_birth=entry.date_of_birth,
                class_name=classes.get(entry.class_name.casefold(), entry.class_name),
            )
            ids.append(student_store.add_student(store, details).id)
            classes.setdefault(entry.class_name.casefold(), entry.class_name)
        for update in plan.updated:
            details = _updated_details(update.student.details, update.entry)
            name = details.class_name
            details = replace(details, class_name=classes.get(name.casefold(), name))
            student_store.update_student(store, update.student.id, details)
    return ids


class _Matcher:
    """Finds the existing student a row stands for, and rows that repeat an earlier row."""

    def __init__(self, students: Sequence[Student]) -> None:
        self.by_id = {
            s.details.external_id.casefold(): s for s in students if s.details.external_id
        }
        self.by_name: dict[str, list[Student]] = {}
        for student in students:
            self.by_name.setdefault(_name_key(student.name), []).append(student)
        self.claimed: dict[str, int] = {}
        self._file_ids: dict[str, int] = {}
        self._file_names: dict[tuple[str, str], int] = {}

    def seen_in_file(self, entry: RosterEntry) -> int | None:
        """The line of an earlier row for the same child in this file, if any."""
        if entry.external_id:
            key = entry.external_id.casefold()
            if key in self._file_ids:
                return self._file_ids[key]
            self._file_ids[key] = entry.line
            return None
        named = (_name_key(entry.name), entry.class_name.casefold())
        if named in self._file_names:
            return self._file_names[named]
        self._file_names[named] = entry.line
        return None

    def find(self, entry: RosterEntry) -> Student | None:
        if entry.external_id:
            found = self.by_id.get(entry.external_id.casefold())
            if found is not None:
                return found
        namesakes = [
            s
            for s in self.by_name.get(_name_key(entry.name), [])
            if not (entry.external_id and s.details.external_id)  # two different ids: two children
        ]
        if entry.class_name:
            same_class = [
                s
                for s in namesakes
                if s.details.class_name.casefold() == entry.class_name.casefold()
            ]
            return same_class[0] if len(same_class) == 1 else None
        return namesakes[0] if len(namesakes) == 1 else None


def _name_key(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def _updated_details(old: StudentDetails, entry: RosterEntry) -> StudentDetails:
    return replace(
        old,
        name=entry.name or old.name,
        preferred_name=entry.preferred_name or old.preferred_name,
        external_id=entry.external_id or old.external_id,
        year_level=entry.year_level if entry.year_level is not None else old.year_level,
        class_name=entry.class_name or old.class_name,
        school_start_date=entry.school_start_date or old.school_start_date,
        date_of_birth=entry.date_of_birth or old.date_of_birth,
    )


def _changes(student: Student, entry: RosterEntry) -> tuple[str, ...]:
    old, new = student.details, _updated_details(student.details, entry)
    found = []
    if new.name != old.name:
        found.append(f"name {old.name} → {new.name}")
    if new.preferred_name != old.preferred_name:
        found.append(f"preferred name → {new.preferred_name}")
    if new.external_id != old.external_id:
        found.append(f"ID → {new.external_id}")
    if new.year_level != old.year_level:
        found.append(f"Year {_year(old.year_level)} → {_year(new.year_level)}")
    if new.class_name.casefold() != old.class_name.casefold():
        found.append(f"class {old.class_name or '–'} → {new.class_name}")
    if new.school_start_date != old.school_start_date:
        found.append(f"start date → {new.school_start_date:%-d %b %Y}")
    if new.date_of_birth != old.date_of_birth:
        found.append(f"date of birth → {new.date_of_birth:%-d %b %Y}")
    return tuple(found)


def _year(level: int | None) -> str:
    return "?" if level is None else str(level)
