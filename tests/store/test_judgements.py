"""Confirmed stages and the teacher's profile notes, in a real database file."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from ikan_desktop.domain.students import StudentDetails
from ikan_desktop.store import judgements as judgement_store
from ikan_desktop.store import open_store
from ikan_desktop.store import students as student_store
from ikan_desktop.store.database import Store, new_id
from ikan_desktop.store.location import DB_NAME


def a_student(store: Store, name: str = "Ana Lemalu") -> str:
    return student_store.add_student(store, StudentDetails(name=name)).id


def a_session(
    store: Store,
    student_id: str,
    *,
    started_at: str = "2026-03-01T21:00:00.000+00:00",
    kind: str = "strategy",
    state: str = "finished",
    form: str = "A",
) -> str:
    session_id = new_id()
    store.db["sessions"].insert(
        {"id": session_id, "student_id": student_id, "kind": kind, "form": form}
        | {"script_id": "strategy-form-a", "script_version": "1", "started_at": started_at}
        | {"state": state, "assessor": "Ms Demo"}
    )
    return session_id


def test_confirming_keeps_the_suggestion_and_its_evidence_beside_it(data_dir: Path) -> None:
    with open_store(data_dir) as store:
        session = a_session(store, a_student(store))
        store.db["judgements"].insert(
            {"id": new_id(), "session_id": session, "domain": "additive"}
            | {"suggested_stage": 5, "evidence": json.dumps(["tag-1", "tag-2"])}
        )
        judgement_store.confirm_stage(
            store, session_id=session, domain="additive", stage=4, confirmed_by="Ms Demo"
        )
        rows = list(store.db["judgements"].rows)
    assert len(rows) == 1, "confirming updates the suggestion's row, it does not add one"
    row = rows[0]
    assert (row["suggested_stage"], json.loads(row["evidence"])) == (5, ["tag-1", "tag-2"])
    assert (row["confirmed_stage"], row["confirmed_by"]) == (4, "Ms Demo")
    assert row["confirmed_at"]


def test_a_confirmed_stage_is_on_disk_for_another_connection_at_once(data_dir: Path) -> None:
    store = open_store(data_dir)
    session = a_session(store, a_student(store))
    judgement_store.confirm_stage(
        store, session_id=session, domain="multiplicative", stage=6, qualifier="early"
    )
    other = sqlite3.connect(data_dir / DB_NAME)
    found = other.execute("SELECT confirmed_stage, qualifier FROM judgements").fetchall()
    assert found == [(6, "early")]
    other.close()
    store.close()


def test_changing_your_mind_replaces_the_stage_and_withdrawing_clears_it(data_dir: Path) -> None:
    with open_store(data_dir) as store:
        session = a_session(store, a_student(store))
        judgement_store.confirm_stage(store, session_id=session, domain="additive", stage=4)
        judgement_store.confirm_stage(
            store, session_id=session, domain="additive", stage=5, qualifier="early"
        )
        [only] = judgement_store.confirmed_stages(store, session)
        assert (only.stage, only.qualifier) == (5, "early")
        judgement_store.withdraw_confirmation(store, session_id=session, domain="additive")
        assert judgement_store.confirmed_stages(store, session) == []
        assert store.db["judgements"].count == 1


def test_only_real_stages_can_be_confirmed(data_dir: Path) -> None:
    with open_store(data_dir) as store:
        session = a_session(store, a_student(store))
        for bad in (-1, True, "5"):
            with pytest.raises(ValueError, match="is not a stage"):
                judgement_store.confirm_stage(
                    store, session_id=session, domain="additive", stage=bad
                )  # type: ignore[arg-type]


def test_rounds_are_ended_interviews_with_a_confirmed_stage_oldest_first(
    data_dir: Path,
) -> None:
    with open_store(data_dir) as store:
        student = a_student(store)
        later = a_session(store, student, started_at="2026-03-01T21:00:00+00:00", form="B")
        earlier = a_session(store, student, started_at="2025-09-01T21:00:00+00:00", form="A")
        unconfirmed = a_session(store, student, started_at="2025-10-01T21:00:00+00:00")
        interrupted = a_session(
            store, student, state="interrupted", started_at="2025-11-01T21:00:00+00:00"
        )
        in_progress = a_session(store, student, state="recording")
        knowledge = a_session(store, student, kind="knowledge")
        someone_else = a_session(store, a_student(store, "Sione Taufa"))
        for session, domain, stage in (
            (later, "additive", 5),
            (later, "multiplicative", 4),
            (earlier, "additive", 4),
            (interrupted, "additive", 6),  # cut short, but its stage was confirmed: it counts
            (in_progress, "additive", 7),
            (knowledge, "basic_facts", 4),
            (someone_else, "additive", 2),
        ):
            judgement_store.confirm_stage(store, session_id=session, domain=domain, stage=stage)
        store.db["judgements"].insert(
            {"id": new_id(), "session_id": unconfirmed, "domain": "additive", "suggested_stage": 3}
        )
        rounds = judgement_store.confirmed_rounds(store, student)
        everything = judgement_store.confirmed_rounds(store, student, kind=None)
    assert [r.session_id for r in rounds] == [earlier, interrupted, later]
    assert [r.form for r in rounds] == ["A", "A", "B"]
    assert rounds[2].stage_for("multiplicative").stage == 4  # type: ignore[union-attr]
    assert rounds[0].stage_for("multiplicative") is None
    assert {r.session_id for r in everything} == {earlier, interrupted, later, knowledge}


def test_the_teachers_comment_and_own_next_steps_belong_to_a_round(data_dir: Path) -> None:
    with open_store(data_dir) as store:
        student = a_student(store)
        session = a_session(store, student)
        other = a_session(store, student, started_at="2026-06-01T21:00:00+00:00")
        judgement_store.set_teacher_comment(store, session, "  Kia kaha, Ana!  ", written_by="Ms D")
        judgement_store.set_next_steps(store, session, "additive", ["Make ten.", " ", "Count on."])
        judgement_store.set_next_steps(store, session, "additive", ["Make ten with cards."])
        notes = judgement_store.profile_notes(store, session)
        assert notes.comment == "Kia kaha, Ana!"
        assert dict(notes.next_steps) == {"additive": ("Make ten with cards.",)}
        assert judgement_store.profile_notes(store, other) == judgement_store.ProfileNotes()
        # Clearing goes back to the framework's words.
        judgement_store.set_next_steps(store, session, "additive", None)
        judgement_store.set_teacher_comment(store, session, "")
        assert judgement_store.profile_notes(store, session).next_steps == {}
        assert judgement_store.profile_notes(store, session).comment == ""
        assert store.db["profile_notes"].count == 0


def test_a_note_needs_a_real_interview(data_dir: Path) -> None:
    with open_store(data_dir) as store, pytest.raises(sqlite3.IntegrityError):
        judgement_store.set_teacher_comment(store, "no-such-session", "Hello")
