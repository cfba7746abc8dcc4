"""Tags and decisions are committed rows the moment they are recorded."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ikan_desktop.domain.students import StudentDetails
from ikan_desktop.store import open_store
from ikan_desktop.store import students as student_store
from ikan_desktop.store import tags as tag_store
from ikan_desktop.store.database import new_id, now_iso
from ikan_desktop.store.location import DB_NAME


def a_session(store) -> str:
    student = student_store.add_student(store, StudentDetails(name="Ana Lemalu"))
    session_id = new_id()
    store.db["sessions"].insert(
        {"id": session_id, "student_id": student.id, "kind": "strategy"}
        | {"script_id": "strategy-form-a", "script_version": "1", "started_at": now_iso()}
        | {"state": "recording"}
    )
    return session_id


def test_a_tag_is_visible_to_another_connection_at_once(data_dir: Path) -> None:
    store = open_store(data_dir)
    session = a_session(store)
    first = tag_store.record_tag(
        store, session_id=session, t_ms=1200, kind="strategy", code="counts_on_back", stage=4
    )
    tag_store.record_tag(store, session_id=session, t_ms=800, kind="flag", code="flag")
    other = sqlite3.connect(data_dir / DB_NAME)
    assert other.execute("SELECT count(*) FROM tags").fetchone()[0] == 2
    tag_store.set_deleted(store, first.id)
    assert [t.t_ms for t in tag_store.tags_for_session(store, session)] == [800]
    everything = tag_store.tags_for_session(store, session, include_deleted=True)
    assert [(t.t_ms, t.deleted) for t in everything] == [(800, False), (1200, True)]
    store.close()


def test_an_override_keeps_the_rule_beside_the_choice(data_dir: Path) -> None:
    with open_store(data_dir) as store:
        session = a_session(store)
        tag_store.record_decision(
            store,
            session_id=session,
            section_id="band-4-5",
            suggested="stop",
            chosen="stop",
            target_section_id=None,
            t_ms=50_000,
        )
        tag_store.record_decision(
            store,
            session_id=session,
            section_id="band-2-4",
            suggested="continue",
            chosen="go_back",
            target_section_id="band-0-1",
            t_ms=20_000,
        )
        first, second = tag_store.decisions_for_session(store, session)
        assert (first.suggested, first.chosen, first.overridden) == ("continue", "go_back", True)
        assert first.target_section_id == "band-0-1"
        assert not second.overridden
