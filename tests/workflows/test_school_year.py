"""A new school year on the demo class: everyone up a year and into a new room, history kept."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ikan_desktop.store import open_store
from ikan_desktop.workflows import results_export, roster, school_year
from ikan_desktop.workflows.review import session_rows
from ikan_desktop.workflows.roster import DEMO_CLASS


def test_moving_the_demo_class_up_keeps_every_round(data_dir: Path) -> None:
    with open_store(data_dir) as store:
        roster.seed_demo_class(store)
        before = {r["name"]: r for r in roster.student_rows(store)}
        sessions_before = session_rows(store)
        earlier = results_export.gather_results(store)

        plan = school_year.plan_move_up(store, "room 7 (DEMO)", to_class="Room 8")
        assert plan.summary.startswith("8 students of Room 7 (demo) move up a year and into Room 8")
        assert roster.student_rows(store) == list(before.values())  # a plan writes nothing
        assert school_year.move_class_up(store, plan) == 8

        after = {r["name"]: r for r in roster.student_rows(store)}
        assert after["Liam O'Connor"]["year_level"] == before["Liam O'Connor"]["year_level"] + 1
        assert {r["class"] for r in after.values()} == {"Room 8"}
        assert {r["id"] for r in after.values()} == {r["id"] for r in before.values()}
        assert session_rows(store) == sessions_before
        # Moved at the start of the next school year, every earlier round keeps the year level
        # (and so the expectation band) it had when it was assessed.
        next_year = date(date.today().year + 1, 2, 1)
        moved = results_export.gather_results(store, today=next_year)
        assert len(moved.rows) == len(earlier.rows)
        assert [(r.year_level, r.expectation) for r in moved.rows] == [
            (r.year_level, r.expectation) for r in earlier.rows
        ]
        assert {r.class_name for r in moved.rows} == {"Room 8"}


def test_an_unknown_class_lists_the_classes(data_dir: Path) -> None:
    with open_store(data_dir) as store:
        roster.seed_demo_class(store)
        with pytest.raises(
            school_year.UnknownClass, match=DEMO_CLASS.replace("(", r"\(").replace(")", r"\)")
        ):
            school_year.plan_move_up(store, "Room 99")
