"""The demo class is seeded whole or not at all, and a half-seeded one is completed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ikan_desktop.store import open_store
from ikan_desktop.store import sessions as session_store
from ikan_desktop.store import students as student_store
from ikan_desktop.store.settings import set_setting
from ikan_desktop.workflows import demo_interview, roster


def test_a_failure_part_way_leaves_nothing(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(demo_interview, "demo_wav", lambda: tmp_path / "missing.wav")
    with open_store(data_dir) as store, pytest.raises(OSError):
        roster.seed_demo_class(store)
    with open_store(data_dir) as store:
        assert student_store.count_students(store, include_archived=True) == 0
        assert not any(data_dir.rglob("*.wav"))
    monkeypatch.undo()
    with open_store(data_dir) as store:  # once the file is back, the next try does it all
        assert roster.seed_demo_class(store) == 8
        assert session_store.get_session(
            store,
            store.db.execute(
                "SELECT value FROM settings WHERE key = 'demo_interview_session'"
            ).fetchone()[0],
        ).audio_path


def test_a_class_seeded_half_by_an_earlier_version_is_completed(data_dir: Path) -> None:
    with open_store(data_dir) as store:  # what an earlier version left after a failure
        roster._seed_demo_students(store, date.today())
        set_setting(store, "demo_seeded", "yes")
        assert store.db.execute("SELECT count(*) FROM sessions").fetchone() == (0,)
    with open_store(data_dir) as store:
        assert roster.seed_demo_class(store) == 8
        sessions = store.db.execute("SELECT count(*) FROM sessions").fetchone()[0]
        assert sessions > 8  # past rounds for the class, and the recorded demo interview
        assert roster.seed_demo_class(store) == 8  # and seeding again adds nothing
        assert store.db.execute("SELECT count(*) FROM sessions").fetchone()[0] == sessions
