"""The class list: add, edit and archive students, and the demo class for practice."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from ikan_desktop.domain.students import SchoolClass, Student, StudentDetails
from ikan_desktop.store import students as student_store
from ikan_desktop.store.database import Store
from ikan_desktop.store.settings import get_setting, set_setting
from ikan_desktop.workflows.consent import note_consent_change

LAST_CLASS_SETTING = "last_class_added"
DATE_ORDER_SETTING = "date_order"  # "dmy" (NZ, the default) or "mdy": how 3/2/2024 is read
DEMO_CLASS = "Room 7 (demo)"
DEMO_TEACHER = "Ms Demo Teacher"
DEMO_SCHOOL = "Harbourview School (demo)"

# Eight invented children across Years 1–6, with and without recording consent, so every screen
# has something realistic to show. (name, preferred name, year level, years at school, consent)
_DEMO_STUDENTS: tuple[tuple[str, str, int, float, bool], ...] = (
    ("Aroha Ngata", "", 2, 1.6, True),
    ("Liam O'Connor", "", 1, 0.8, True),
    ("Mereana Tūhoe-Walker", "Mere", 3, 2.7, True),
    ("Sione Taufa", "", 4, 3.6, False),
    ("Priya Raman", "", 4, 3.4, True),
    ("Jack Thompson", "Jacky", 5, 4.5, True),
    ("Ana Lemalu", "", 6, 5.3, True),
    ("Hūhana Kereama", "Hana", 6, 5.6, False),
)


class UnknownClass(LookupError):
    """No class has this name (a message for teachers)."""

    def __init__(self, name: str, known: Sequence[str]) -> None:
        listed = ", ".join(repr(k) for k in known) or "none yet"
        self.message = f"There is no class called {name!r}. Classes: {listed}."
        super().__init__(self.message)


class InvalidDetails(ValueError):
    """Details a teacher typed that cannot be saved; the message lists what to fix."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(" ".join(problems))
        self.problems = problems


def add_student(store: Store, details: StudentDetails) -> Student:
    """Add a student after checking the details."""
    _check(details)
    student = student_store.add_student(store, details)
    note_consent_change(store, student.id, False, details.recording_consent)
    return student


def edit_student(store: Store, student_id: str, details: StudentDetails) -> Student:
    """Save edited details after checking them."""
    _check(details)
    before = student_store.get_student(store, student_id).details.recording_consent
    student = student_store.update_student(store, student_id, details)
    note_consent_change(store, student_id, before, details.recording_consent)
    return student


def archive_student(store: Store, student_id: str, *, archived: bool = True) -> None:
    """Archive (hide, keeping every record) or restore a student."""
    student_store.set_archived(store, student_id, archived)


def likely_duplicate(
    store: Store, details: StudentDetails, *, other_than: str | None = None
) -> Student | None:
    """A student already on the roll with the same school-system id, or the same name."""
    wanted_id = details.external_id.strip().casefold()
    wanted_name = _plain(details.name)
    for student in student_store.iter_students(store, include_archived=True):
        if student.id == other_than:
            continue
        if wanted_id and student.details.external_id.strip().casefold() == wanted_id:
            return student
        if wanted_name and _plain(student.name) == wanted_name:
            return student
    return None


def remembered_class(store: Store) -> str:
    """The class the teacher last added a student to (the add dialog starts there)."""
    return get_setting(store, LAST_CLASS_SETTING)


def remember_class(store: Store, class_name: str) -> None:
    """Keep the class of the student just added, for the next one."""
    set_setting(store, LAST_CLASS_SETTING, class_name.strip())


def _plain(name: str) -> str:
    """A name as compared for duplicates: no case, accents or extra spaces (Hūhana = Huhana)."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def class_names(store: Store) -> list[str]:
    """The classes a teacher can pick from."""
    return [klass.name for klass in student_store.list_classes(store)]


def find_class(store: Store, name: str, *, any_case: bool = False) -> SchoolClass:
    """The class called `name` (with `any_case`, also ignoring capitals and the spaces around
    it, as typed on a command line); UnknownClass, listing the classes there are, otherwise."""
    classes = student_store.list_classes(store)
    wanted = name.strip().casefold() if any_case else name
    for klass in classes:
        if (klass.name.casefold() if any_case else klass.name) == wanted:
            return klass
    raise UnknownClass(name.strip() if any_case else name, [k.name for k in classes])


def student_as_json(student: Student) -> dict[str, Any]:
    """A student as plain data for `students --json`."""
    d = student.details
    return {
        "id": student.id,
        "name": d.name,
        "preferred_name": d.preferred_name,
        "external_id": d.external_id,
        "class": d.class_name,
        "year_level": d.year_level,
        "school_start_date": d.school_start_date.isoformat() if d.school_start_date else None,
        "date_of_birth": d.date_of_birth.isoformat() if d.date_of_birth else None,
        "recording_consent": d.recording_consent,
        "consent_date": d.consent_date.isoformat() if d.consent_date else None,
        "archived": student.archived,
    }


def student_rows(store: Store, *, include_archived: bool = False) -> list[dict[str, Any]]:
    """Every student as plain data, by class then name."""
    found = student_store.iter_students(store, include_archived=include_archived)
    return [student_as_json(s) for s in found]


def seed_demo_class(store: Store, *, today: date | None = None) -> int:
    """Fill a (demo) database with the demo class once; returns how many students it holds.

    Everything is written in one transaction, the "seeded" mark last, so a failure part-way
    (a broken content file, a full disk) leaves nothing behind; a class seeded half by an
    earlier version is completed on the next call.
    """
    from ikan_desktop.workflows.demo_history import seed_demo_history  # they read DEMO_CLASS
    from ikan_desktop.workflows.demo_interview import seed_demo_interview

    today = today or date.today()
    with store.db.atomic():
        if get_setting(store, "demo_seeded") != "yes":
            _seed_demo_students(store, today)
        seed_demo_history(store, today=today)
        seed_demo_interview(store)
        set_setting(store, "demo_seeded", "yes")
    return student_store.count_students(store, include_archived=True)


def _seed_demo_students(store: Store, today: date) -> None:
    student_store.class_named(store, DEMO_CLASS, teacher=DEMO_TEACHER, school=DEMO_SCHOOL)
    for number, (name, preferred, year, years_at_school, consent) in enumerate(_DEMO_STUDENTS):
        started = today - timedelta(days=round(years_at_school * 365.25))
        student_store.add_student(
            store,
            StudentDetails(
                name=name,
                preferred_name=preferred,
                external_id=f"DEMO-{number + 101}",
                year_level=year,
                school_start_date=started,
                class_name=DEMO_CLASS,
                recording_consent=consent,
                consent_date=started + timedelta(days=10) if consent else None,
            ),
        )


def _check(details: StudentDetails) -> None:
    problems = details.problems()
    if problems:
        raise InvalidDetails(problems)
