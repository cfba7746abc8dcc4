"""Students in a real SQLite file: add, edit, archive, search, page."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ikan_desktop.domain.students import StudentDetails
from ikan_desktop.store import open_store
from ikan_desktop.store import students as student_store


def test_add_edit_archive_round_trip(data_dir: Path) -> None:
    with open_store(data_dir) as store:
        details = StudentDetails(
            name="Mereana Tūhoe-Walker",
            preferred_name="Mere",
            external_id="ENR-2231",
            year_level=3,
            school_start_date=date(2024, 2, 5),
            class_name="Room 7",
            recording_consent=True,
            consent_date=date(2024, 2, 20),
        )
        added = student_store.add_student(store, details)
    with open_store(data_dir) as store:
        again = student_store.get_student(store, added.id)
        assert again.details == details
        assert again.display_name == "Mere"
        edited = student_store.update_student(
            store, added.id, StudentDetails(name="Mereana Walker", class_name="Room 8")
        )
        assert edited.details.class_name == "Room 8"
        assert not edited.details.recording_consent
        student_store.set_archived(store, added.id, True)
        assert student_store.count_students(store) == 0
        assert student_store.count_students(store, include_archived=True) == 1
        assert [c.name for c in student_store.list_classes(store)] == ["Room 7", "Room 8"]


def test_search_and_pages(data_dir: Path) -> None:
    with open_store(data_dir) as store:
        for number in range(25):
            klass = "Room 1" if number % 2 else "Room 2"
            student_store.add_student(
                store, StudentDetails(name=f"Child {number:02d}", class_name=klass)
            )
        assert student_store.count_students(store, search="Room 1") == 12
        first = list(student_store.iter_students(store, limit=10))
        second = list(student_store.iter_students(store, offset=10, limit=10))
        assert len(first) == 10 and len(second) == 10
        assert not {s.id for s in first} & {s.id for s in second}
        assert first[0].details.class_name == "Room 1"
        assert [s.name for s in student_store.iter_students(store, search="child 07")] == [
            "Child 07"
        ]


def test_problems_are_plain_sentences() -> None:
    problems = StudentDetails(name=" ", year_level=20, recording_consent=True).problems()
    assert "Please enter the student's name." in problems
    assert "Year level must be between 0 and 13." in problems
    assert "Please give the date recording consent was given." in problems
