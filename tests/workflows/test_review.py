"""Reviewing an interview: tag edits keep what was pressed live; confirming is its own record."""

from __future__ import annotations

from pathlib import Path

import pytest
from review_helpers import recorded_interview

from ikan_desktop.domain.tags import STRATEGY
from ikan_desktop.store import open_store
from ikan_desktop.store import tags as tag_store
from ikan_desktop.store.database import Store
from ikan_desktop.workflows import review_edits as edits
from ikan_desktop.workflows.review import (
    GLOBAL,
    confirm_domain_stage,
    confirm_global_stage,
    load_review,
    session_rows,
    suggestion_record,
)
from ikan_desktop.workflows.review_edits import ReviewError


@pytest.fixture
def store(data_dir: Path) -> Store:
    opened = open_store(data_dir)
    yield opened
    opened.close()


def strategy_tag(store: Store, session_id: str, task_id: str):
    return next(
        t
        for t in tag_store.tags_for_session(store, session_id)
        if t.task_id == task_id and t.kind == STRATEGY
    )


def test_review_gathers_the_interview_and_suggests_with_evidence(store: Store) -> None:
    session_id = recorded_interview(store)
    review = load_review(store, session_id)
    assert review.student.name == "Ana Lemalu"
    assert review.script is not None and review.script.form == "A"
    assert review.audio_path is not None and review.audio_path.is_file()
    assert [t.t_ms for t in review.tags] == [2500, 3000, 8000, 12000]
    additive = review.suggestion_for("additive")
    assert additive is not None and additive.stage == 4
    assert {e.task_id for e in additive.evidence} == {"a3-add-1", "a3-add-2"}
    assert review.overall is not None and review.overall.stage == 4
    assert review.describe(strategy_tag(store, session_id, "a3-add-1")) == (
        "7 + 6: Counted on / back (stage 4)"  # the task as the teacher knows it, not its id
    )
    assert review.describe(review.tags[0]) == "7 + 6: Correct"


def test_unknown_interview_is_a_clear_error(store: Store) -> None:
    with pytest.raises(ReviewError, match="no interview"):
        load_review(store, "not-an-id")


def test_moving_a_tag_changes_its_time_and_keeps_the_first_one(store: Store) -> None:
    session_id = recorded_interview(store)
    tag = strategy_tag(store, session_id, "a3-add-2")
    moved = edits.move_tag(store, tag.id, 9400, edited_by="Ms Review")
    assert moved.t_ms == 9400
    edits.move_tag(store, tag.id, 9100)
    # A fresh connection sees the committed change and the original time.
    with open_store(store.folder) as other:
        assert strategy_tag(other, session_id, "a3-add-2").t_ms == 9100
        assert edits.original_times(other, session_id) == {tag.id: 8000}
        history = edits.tag_history(other, tag.id)
    assert [(h.change, h.old_value, h.new_value) for h in history] == [
        ("moved", "8000", "9400"),
        ("moved", "9400", "9100"),
    ]
    assert history[0].edited_by == "Ms Review" and history[0].edited_at
    assert load_review(store, session_id).original_t_ms == {tag.id: 8000}
    with pytest.raises(ReviewError):
        edits.move_tag(store, tag.id, -5)


def test_changing_the_code_reads_the_stage_from_the_tasks_scoring_guide(store: Store) -> None:
    session_id = recorded_interview(store)
    review = load_review(store, session_id)
    tag = strategy_tag(store, session_id, "a3-add-2")
    changed = edits.change_code(store, tag.id, "make_ten", script=review.script, codes=review.codes)
    assert (changed.code, changed.stage) == ("make_ten", 5)
    guessed = edits.change_code(store, tag.id, "no_strategy_guessed", script=review.script)
    assert guessed.stage is None
    with pytest.raises(ReviewError, match="not one of the strategy codes"):
        edits.change_code(store, tag.id, "magic", script=review.script, codes=review.codes)
    assert strategy_tag(store, session_id, "a3-add-2").code == "no_strategy_guessed"
    assert [h.change for h in edits.tag_history(store, tag.id)] == ["code", "code"]


def test_notes_delete_and_restore(store: Store) -> None:
    session_id = recorded_interview(store)
    tag = strategy_tag(store, session_id, "a3-mul-1")
    assert edits.change_note(store, tag.id, "used fingers").note == "used fingers"
    edits.delete_tag(store, tag.id)
    review = load_review(store, session_id)
    assert tag.id not in {t.id for t in review.live_tags}
    assert tag.id in {t.id for t in review.tags}  # kept, marked deleted
    assert review.suggestion_for("multiplicative").stage is None
    edits.restore_tag(store, tag.id)
    assert load_review(store, session_id).suggestion_for("multiplicative").stage == 4
    assert [h.change for h in edits.tag_history(store, tag.id)] == ["note", "deleted", "restored"]


def test_adding_a_tag_while_listening(store: Store) -> None:
    session_id = recorded_interview(store)
    review = load_review(store, session_id)
    added = edits.add_tag(
        store,
        session_id,
        t_ms=15500,
        kind=STRATEGY,
        code="make_ten",
        task_id="a3-add-3",
        script=review.script,
    )
    assert (added.section_id, added.stage, added.t_ms) == ("early-part-whole", 5, 15500)
    assert added.id in edits.edited_tag_ids(store, session_id)
    again = load_review(store, session_id)
    assert again.suggestion_for("additive").stage == 4
    assert again.suggestion_for("additive").highest_seen == 5
    with pytest.raises(ReviewError, match="not in"):
        edits.add_tag(
            store, session_id, t_ms=1, kind=STRATEGY, code="x", task_id="z9", script=review.script
        )


def test_confirming_a_stage_is_a_record_beside_the_suggestion(store: Store) -> None:
    session_id = recorded_interview(store)
    review = load_review(store, session_id)
    confirmed = confirm_domain_stage(
        store, review, "additive", 5, qualifier="early", confirmed_by="Ms Review"
    )
    assert (confirmed.stage, confirmed.qualifier, confirmed.confirmed_by) == (
        5,
        "early",
        "Ms Review",
    )
    assert confirmed.confirmed_at
    record = suggestion_record(store, session_id, "additive")
    assert record is not None
    assert record["suggested_stage"] == 4  # the app's suggestion stays as it was
    assert record["confirmed_stage"] == 5 and record["by"] == "Ms Review" and record["at"]
    assert "a3-add-1" in record["evidence"]
    overall = confirm_global_stage(store, review, 4, confirmed_by="Ms Review")
    assert overall.domain == GLOBAL
    assert suggestion_record(store, session_id, GLOBAL)["suggested_stage"] == 4
    after = load_review(store, session_id)
    assert after.confirmed_for("additive").stage == 5
    assert after.confirmed_for(GLOBAL).stage == 4
    assert next(r for r in session_rows(store) if r["id"] == session_id)["confirmed"]


def test_qualifiers_follow_the_framework(store: Store) -> None:
    review = load_review(store, recorded_interview(store))
    with pytest.raises(ReviewError, match="no early/at"):
        confirm_domain_stage(store, review, "additive", 4, qualifier="early")
    with pytest.raises(ReviewError, match="no stage 12"):
        confirm_domain_stage(store, review, "additive", 12)
    with pytest.raises(ReviewError, match="does not cover"):
        confirm_domain_stage(store, review, "basic_facts", 3)
    assert suggestion_record(store, review.session.id, "additive") is None


def test_session_rows_say_what_a_list_needs(store: Store) -> None:
    with_audio = recorded_interview(store, seconds=12.5)
    without = recorded_interview(store, audio=False)
    rows = {r["id"]: r for r in session_rows(store)}
    assert rows[with_audio]["has_audio"] and rows[with_audio]["duration_s"] == 12.5
    assert not rows[without]["has_audio"]
    assert rows[with_audio]["form"] == "A" and rows[with_audio]["tags"] == 4
    assert not rows[with_audio]["confirmed"]
