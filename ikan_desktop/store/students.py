"""Students and classes in the database."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from ikan_desktop.domain.search_text import fold_for_search
from ikan_desktop.domain.stamps import parse_date, whole_number
from ikan_desktop.domain.students import SchoolClass, Student, StudentDetails
from ikan_desktop.store.database import Store, new_id, now_iso


def class_named(store: Store, name: str, *, teacher: str = "", school: str = "") -> SchoolClass:
    """The class with this name, created when it does not exist yet."""
    row = store.db.execute("SELECT id, name, teacher, school FROM classes WHERE name = ?", [name])
    found = row.fetchone()
    if found:
        return SchoolClass(*found)
    klass = SchoolClass(id=new_id(), name=name, teacher=teacher, school=school)
    store.db["classes"].insert(
        {
            "id": klass.id,
            "name": name,
            "teacher": teacher,
            "school": school,
            "created_at": now_iso(),
        }
    )
    return klass


def list_classes(store: Store) -> list[SchoolClass]:
    """Every class, by name."""
    rows = store.db.execute("SELECT id, name, teacher, school FROM classes ORDER BY name")
    return [SchoolClass(*row) for row in rows.fetchall()]


def add_student(store: Store, details: StudentDetails) -> Student:
    """Add a student (and their class when it is new)."""
    student_id = new_id()
    with store.db.atomic():
        class_id = _class_id(store, details.class_name)
        stamp = now_iso()
        store.db["students"].insert(
            {"id": student_id, "class_id": class_id, **_columns(details), "archived": 0}
            | {"created_at": stamp, "updated_at": stamp}
        )
    return Student(id=student_id, details=details, class_id=class_id)


def update_student(store: Store, student_id: str, details: StudentDetails) -> Student:
    """Save edited details for an existing student."""
    with store.db.atomic():
        class_id = _class_id(store, details.class_name)
        store.db["students"].update(
            student_id, {"class_id": class_id, **_columns(details), "updated_at": now_iso()}
        )
    return get_student(store, student_id)


def set_archived(store: Store, student_id: str, archived: bool) -> None:
    """Archive a student (hidden from the list, nothing deleted) or bring them back."""
    store.db["students"].update(student_id, {"archived": int(archived), "updated_at": now_iso()})


_SELECT = """
    SELECT s.id, s.name, s.preferred_name, s.external_id, s.year_level, s.school_start_date,
           coalesce(c.name, ''), s.recording_consent, s.consent_date, s.class_id, s.archived,
           s.date_of_birth
    FROM students s LEFT JOIN classes c ON c.id = s.class_id
"""


def get_student(store: Store, student_id: str) -> Student:
    """One student by id; KeyError when there is none."""
    row = store.db.execute(_SELECT + " WHERE s.id = ?", [student_id]).fetchone()
    if row is None:
        raise KeyError(student_id)
    return _student(store, row)


def student_exists(store: Store, student_id: str) -> bool:
    """Whether a student (archived or not) has this id."""
    found = store.db.execute("SELECT 1 FROM students WHERE id = ?", [student_id]).fetchone()
    return found is not None


def count_students(store: Store, *, include_archived: bool = False, search: str = "") -> int:
    """How many students match, without loading them."""
    where, params = _filter(store, include_archived, search)
    sql = "SELECT count(*) FROM students s LEFT JOIN classes c ON c.id = s.class_id" + where
    return store.db.execute(sql, params).fetchone()[0]


def iter_students(
    store: Store,
    *,
    include_archived: bool = False,
    search: str = "",
    offset: int = 0,
    limit: int = -1,
) -> Iterator[Student]:
    """Students by class then name, a page at a time for lazy lists."""
    where, params = _filter(store, include_archived, search)
    sql = _SELECT + where + " ORDER BY c.name, s.name LIMIT ? OFFSET ?"
    for row in store.db.execute(sql, [*params, limit, offset]).fetchall():
        yield _student(store, row)


def _filter(store: Store, include_archived: bool, search: str) -> tuple[str, list[Any]]:
    clauses, params = [], []
    if not include_archived:
        clauses.append("s.archived = 0")
    if search.strip():
        # Folded on both sides, so "tuhoe" finds "Tūhoe" and "TŪHOE" finds "Tuhoe".
        store.db.conn.create_function("ikan_fold", 1, fold_for_search, deterministic=True)
        folded = fold_for_search(search.strip())
        clauses.append(
            "(instr(ikan_fold(s.name), ?) OR instr(ikan_fold(s.preferred_name), ?) "
            "OR instr(ikan_fold(coalesce(c.name, '')), ?))"
        )
        params += [folded, folded, folded]
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _class_id(store: Store, class_name: str) -> str | None:
    return class_named(store, class_name.strip()).id if class_name.strip() else None


def _columns(details: StudentDetails) -> dict[str, Any]:
    return {
        "name": details.name.strip(),
        "preferred_name": details.preferred_name.strip(),
        "external_id": details.external_id.strip(),
        "year_level": details.year_level,
        "school_start_date": _iso(details.school_start_date),
        "recording_consent": int(details.recording_consent),
        "consent_date": _iso(details.consent_date) if details.recording_consent else None,
        "date_of_birth": _iso(details.date_of_birth),
    }


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _student(store: Store, row: tuple[Any, ...]) -> Student:
    # Read defensively: a value another program mangled shows as unknown (and is reported), so
    # one bad row never empties the class list or stops a command.
    (
        sid,
        name,
        preferred,
        external,
        year,
        start,
        class_name,
        consent,
        consent_on,
        cid,
        arch,
        born,
    ) = row
    where = f"{name or 'a student'} ({sid})"
    details = StudentDetails(
        name=str(name or ""),
        preferred_name=str(preferred or ""),
        external_id=str(external or ""),
        year_level=store.read_value(where, "year level", year, whole_number),
        school_start_date=store.read_value(where, "school start date", start, parse_date),
        class_name=str(class_name or ""),
        recording_consent=bool(consent),
        consent_date=store.read_value(where, "consent date", consent_on, parse_date),
        date_of_birth=store.read_value(where, "date of birth", born, parse_date),
    )
    return Student(id=str(sid), details=details, class_id=cid, archived=bool(arch))
