"""One mangled value in one row is reported and shown as unknown; it never stops anything else."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from ikan_desktop.cli import main
from ikan_desktop.store import open_store
from ikan_desktop.store.location import DB_NAME
from ikan_desktop.ui.main_window import MainWindow, open_data_folder
from ikan_desktop.workflows.demo_interview import seed_demo_interview
from ikan_desktop.workflows.roster import seed_demo_class


@pytest.fixture
def mangled(data_dir: Path) -> Path:
    """The demo class, after another program wrote nonsense into a date of one row each."""
    with open_store(data_dir) as store:
        seed_demo_class(store)
        seed_demo_interview(store)
    editor = sqlite3.connect(data_dir / DB_NAME)
    editor.execute(
        "UPDATE students SET school_start_date = '2023-13-45', year_level = 'three' "
        "WHERE name = 'Aroha Ngata'"
    )
    editor.execute("UPDATE sessions SET started_at = 'yesterday' WHERE form = 'A'")
    editor.commit()
    editor.close()
    return data_dir


def test_students_lists_everyone_and_notes_the_bad_value(
    mangled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["students", "--json"]) == 0
    captured = capsys.readouterr()
    rows = {row["name"]: row for row in json.loads(captured.out)}
    assert len(rows) == 8
    assert rows["Aroha Ngata"]["school_start_date"] is None
    assert rows["Aroha Ngata"]["year_level"] is None
    assert "'2023-13-45' cannot be read" in captured.err
    assert "Traceback" not in captured.err


def test_sessions_lists_every_interview_with_the_unreadable_date_unknown(
    mangled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["sessions", "--json"]) == 0
    captured = capsys.readouterr()
    rows = json.loads(captured.out)
    assert any(row["date"] is None for row in rows)
    assert sum(row["date"] is not None for row in rows) >= 1
    assert "'yesterday' cannot be read" in captured.err


def test_the_window_opens_with_every_student_and_says_what_it_could_not_read(
    qtbot: QtBot, mangled: Path
) -> None:
    store = open_data_folder(mangled)
    assert store is not None
    window = MainWindow(home_folder=mangled, store=store)
    qtbot.addWidget(window)
    window.show()
    model = window.roster.model
    assert model.total == 8
    names = [model.student_at(row).name for row in range(model.rowCount())]
    assert "Aroha Ngata" in names
    assert "cannot be read" in window.statusBar().currentMessage()
    window.close_store()


def test_a_tag_with_a_mangled_time_is_left_out_of_the_review_and_noted(data_dir: Path) -> None:
    from ikan_desktop.workflows.review import load_review

    with open_store(data_dir) as store:
        seed_demo_class(store)
        session_id = seed_demo_interview(store)
        assert session_id
        before = len(load_review(store, session_id).tags)
        store.db.execute(
            "UPDATE tags SET t_ms = 'soon' WHERE rowid = (SELECT min(rowid) FROM tags "
            "WHERE session_id = ?)",
            [session_id],
        )
        review = load_review(store, session_id)
        assert len(review.tags) == before - 1
        assert any("'soon' cannot be read; it is left out" in note for note in store.unreadable)
