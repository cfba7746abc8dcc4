"""A new school year: move a class up a year level (and into its new room), history kept.

Every interview, tag, confirmed stage and profile belongs to the child, not to the class, so
moving children changes only their year level and class. A whole school can instead import the
school system's new-year class list: children are matched by their id and updated the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ikan_desktop.domain.students import Student
from ikan_desktop.store import students as student_store
from ikan_desktop.store.database import Store
from ikan_desktop.workflows.roster import UnknownClass

HIGHEST_YEAR = 13


@dataclass(frozen=True, slots=True)
class YearMove:
    """One child's move: their year level now and next year."""

    student: Student
    year_now: int | None
    year_next: int | None


@dataclass(frozen=True, slots=True)
class ClassMove:
    """What moving a class up will do (nothing is written until `move_class_up`)."""

    class_name: str
    to_class: str
    moves: tuple[YearMove, ...]

    @property
    def summary(self) -> str:
        """One sentence for the dialog and the command line."""
        count = len(self.moves)
        where = f" and into {self.to_class}" if self.to_class != self.class_name else ""
        return (
            f"{count} student{'s' if count != 1 else ''} of {self.class_name} move up a "
            f"year{where}; every interview and profile stays with them."
        )


def plan_move_up(store: Store, class_name: str, *, to_class: str = "") -> ClassMove:
    """The moves for every current student of the class (UnknownClass when there is none)."""
    known = {k.name.casefold(): k.name for k in student_store.list_classes(store)}
    name = known.get(class_name.strip().casefold())
    if name is None:
        raise UnknownClass(class_name.strip(), sorted(known.values()))
    students = [s for s in student_store.iter_students(store) if s.details.class_name == name]
    moves = tuple(YearMove(s, s.details.year_level, _next(s.details.year_level)) for s in students)
    target = " ".join(to_class.split()) or name
    return ClassMove(name, known.get(target.casefold(), target), moves)


def move_class_up(store: Store, plan: ClassMove) -> int:
    """Carry out the moves in one transaction; returns how many students moved."""
    with store.db.atomic():
        for move in plan.moves:
            details = replace(
                move.student.details, year_level=move.year_next, class_name=plan.to_class
            )
            student_store.update_student(store, move.student.id, details)
    return len(plan.moves)


def _next(year: int | None) -> int | None:
    return None if year is None else min(year + 1, HIGHEST_YEAR)
