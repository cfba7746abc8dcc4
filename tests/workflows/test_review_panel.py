"""What the review screen lays out: spans and marks, the judgement rows, keys while listening."""

from __future__ import annotations

from pathlib import Path

import pytest
from review_helpers import recorded_interview

from ikan_desktop.domain.scripts import load_knowledge_check
from ikan_desktop.domain.students import StudentDetails
from ikan_desktop.store import open_store
from ikan_desktop.store import students as student_store
from ikan_desktop.store.database import Store
from ikan_desktop.workflows.clock import MonotonicClock
from ikan_desktop.workflows.interview_keys import strategy_keys
from ikan_desktop.workflows.knowledge_check import RIGHT, KnowledgeCheckRun
from ikan_desktop.workflows.review import GLOBAL, load_review, suggestion_record
from ikan_desktop.workflows.review_edits import ReviewError, delete_tag
from ikan_desktop.workflows.review_judgement import (
    GLOBAL_ROW,
    KNOWLEDGE_ROW,
    confirm_row,
    framework_next_steps,
    judgement_rows,
    next_steps_for,
    save_next_steps,
)
from ikan_desktop.workflows.review_keys import review_action_for, tag_while_listening
from ikan_desktop.workflows.review_timeline import SECTION, TASK, build_timeline


@pytest.fixture
def store(data_dir: Path) -> Store:
    opened = open_store(data_dir)
    yield opened
    opened.close()


def test_tasks_and_sections_become_spans_on_the_audio_clock(store: Store) -> None:
    review = load_review(store, recorded_interview(store, seconds=20))
    timeline = build_timeline(
        review.tags, script=review.script, codes=review.codes, duration_ms=20000
    )
    tasks = [(s.id, s.start_ms, s.end_ms, s.domain) for s in timeline.spans_of(TASK)]
    # a3-add-1 starts at its first tag (the "correct" at 2.5 s) and runs to the next task.
    assert tasks == [
        ("a3-add-1", 2500, 8000, "additive"),
        ("a3-add-2", 8000, 12000, "additive"),
        ("a3-mul-1", 12000, 15000, "multiplicative"),
    ]
    sections = timeline.spans_of(SECTION)
    assert [(s.id, s.start_ms, s.end_ms) for s in sections] == [("early-part-whole", 2500, 15000)]
    assert timeline.task_at(9000) == "a3-add-2" and timeline.task_at(1000) is None
    assert timeline.task_at(19000) == "a3-mul-1"  # after the last span: the last task
    marks = {m.t_ms: m for m in timeline.tags}
    assert marks[2500].label == "✓" and marks[12000].domain == "multiplicative"


def test_a_removed_tag_stays_on_the_lane_but_leaves_the_spans(store: Store) -> None:
    session_id = recorded_interview(store)
    review = load_review(store, session_id)
    moved_off = next(t for t in review.tags if t.t_ms == 12000)
    delete_tag(store, moved_off.id)
    review = load_review(store, session_id)
    timeline = build_timeline(review.tags, script=review.script, codes=review.codes, duration_ms=1)
    assert any(m.id == moved_off.id and m.deleted for m in timeline.tags)
    assert "a3-mul-1" not in {s.id for s in timeline.spans_of(TASK)}


def test_rows_carry_each_domains_evidence_with_a_moment_to_hear(store: Store) -> None:
    review = load_review(store, recorded_interview(store))
    rows = {row.domain: row for row in judgement_rows(store, review)}
    assert list(rows) == [*review.script.domains, GLOBAL]
    additive = rows["additive"]
    assert additive.suggested == 4 and not additive.needs_more_evidence
    assert [(e.task_id, e.t_ms, e.stage) for e in additive.evidence] == [
        ("a3-add-1", 3000, 4),
        ("a3-add-2", 8000, 4),
    ]
    assert all(e.has_audio and e.tag_id for e in additive.evidence)
    assert "7 + 6 at 0:03" in additive.evidence[0].text  # the card, never the id "a3-add-1"
    assert rows["multiplicative"].needs_more_evidence  # one task only
    assert rows["proportional"].suggested is None
    assert rows[GLOBAL].kind == GLOBAL_ROW and rows[GLOBAL].suggested == 4


def test_confirming_keeps_the_suggestion_and_refuses_impossible_stages(store: Store) -> None:
    session_id = recorded_interview(store)
    review = load_review(store, session_id)
    additive = next(r for r in judgement_rows(store, review) if r.domain == "additive")
    with pytest.raises(ReviewError, match="early"):
        confirm_row(store, review, additive, 3, "early")  # stages 0–4 have no qualifier
    confirm_row(store, review, additive, 5, "at")
    record = suggestion_record(store, session_id, "additive")
    assert record is not None
    assert (record["suggested_stage"], record["confirmed_stage"], record["qualifier"]) == (
        4,
        5,
        "at",
    )
    assert record["by"] == "Ms Review"
    again = next(r for r in judgement_rows(store, load_review(store, session_id)))
    assert again.confirmed is not None and again.starting_stage == 5


def test_next_steps_follow_the_framework_until_the_teacher_rewrites_them(store: Store) -> None:
    session_id = recorded_interview(store)
    review = load_review(store, session_id)
    framework_lines = framework_next_steps("additive", 4)
    assert framework_lines
    assert next_steps_for(store, session_id, "additive", 4) == (framework_lines, False)
    assert not save_next_steps(store, review, "additive", list(framework_lines), 4)
    assert next_steps_for(store, session_id, "additive", 5)[1] is False  # still following
    assert save_next_steps(store, review, "additive", ["Bridge to ten with a ten-frame", ""], 4)
    assert next_steps_for(store, session_id, "additive", 4) == (
        ("Bridge to ten with a ten-frame",),
        True,
    )


def test_a_knowledge_check_gives_a_row_per_domain_it_marked(store: Store) -> None:
    check = load_knowledge_check()
    student = student_store.add_student(store, StudentDetails(name="Mere Tane"))
    run = KnowledgeCheckRun.start(
        store, student_id=student.id, check=check, clock=MonotonicClock(), counting=False
    )
    for _ in run.bank.items:
        run.mark(RIGHT)
        run.next_item()
    run.decide("stop")
    review = load_review(store, run.session_id)
    rows = judgement_rows(store, review)
    assert {r.domain for r in rows} == set(check.banks[0].domains)
    assert all(r.kind == KNOWLEDGE_ROW and r.suggested == check.banks[0].target_stage for r in rows)
    confirm_row(store, review, rows[0], rows[0].suggested)
    assert suggestion_record(store, run.session_id, rows[0].domain)["confirmed_stage"] == (
        rows[0].suggested
    )


def test_observation_keys_add_tags_on_the_task_under_the_playhead(store: Store) -> None:
    session_id = recorded_interview(store)
    review = load_review(store, session_id)
    code_keys = frozenset(strategy_keys(review.codes).values())
    assert review_action_for("space") == "play_pause"
    assert review_action_for("T", code_keys) == "score:T"  # made a ten, on every task
    assert review_action_for("7", code_keys) is None and review_action_for("M") is None
    assert review_action_for("+") == "zoom_in" and review_action_for("-") == "zoom_out"

    def press(key: str, task_id: str | None, t_ms: int = 9000):
        return tag_while_listening(
            store,
            session_id,
            review_action_for(key, code_keys),
            t_ms=t_ms,
            task_id=task_id,
            script=review.script,
            codes=review.codes,
            has_audio=True,
        )

    task = review.script.task("a3-add-2")
    made = press(strategy_keys(review.codes)[task.scoring.codes[0]], "a3-add-2")
    assert (made.kind, made.code, made.stage) == (
        "strategy",
        task.scoring.codes[0],
        task.scoring.stage_for(task.scoring.codes[0]),
    )
    assert "counting_errors" not in task.scoring.codes
    assert press("E", "a3-add-2") is None  # counting slips: not a strategy this task shows
    flag = press("F", None, t_ms=500)
    assert (flag.kind, flag.task_id, flag.t_ms) == ("flag", None, 500)
    with pytest.raises(ReviewError, match="onto a task"):
        press("J", None)


def test_every_kind_of_edit_can_be_undone_and_the_undo_is_logged_too(store: Store) -> None:
    from ikan_desktop.workflows import review_edits as edits

    session_id = recorded_interview(store)
    review = load_review(store, session_id)
    tag = next(t for t in review.tags if t.t_ms == 8000)
    other_code = "make_ten"
    steps = [
        lambda: edits.move_tag(store, tag.id, 9100),
        lambda: edits.change_code(store, tag.id, other_code, script=review.script),
        lambda: edits.change_note(store, tag.id, "said it quickly"),
        lambda: edits.delete_tag(store, tag.id),
    ]
    for step in steps:
        before = edits.get_tag(store, tag.id)
        step()
        last = edits.tag_history(store, tag.id)[-1]
        undone = edits.undo_edit(store, last, script=review.script, codes=review.codes)
        assert (undone.t_ms, undone.code, undone.stage, undone.note, undone.deleted) == (
            before.t_ms,
            before.code,
            before.stage,
            before.note,
            before.deleted,
        )
    added = edits.add_tag(
        store, session_id, t_ms=500, kind="flag", code="flag", task_id=None, script=review.script
    )
    undone = edits.undo_edit(store, edits.tag_history(store, added.id)[-1], script=review.script)
    assert undone.deleted
    assert len(edits.tag_history(store, tag.id)) == 8  # four edits and four undos, all kept


def test_what_is_confirmed_in_review_is_what_the_profile_prints(
    store: Store, tmp_path: Path
) -> None:
    import subprocess

    from ikan_desktop.workflows.profiles import save_student_profile
    from ikan_desktop.workflows.review_judgement import save_comment

    session_id = recorded_interview(store, name="Ana Lemalu")
    review = load_review(store, session_id)
    rows = {row.domain: row for row in judgement_rows(store, review)}
    confirm_row(store, review, rows["additive"], 5, "early")
    confirm_row(store, review, rows["multiplicative"], 4)
    confirm_row(store, review, rows[GLOBAL], 4)
    save_next_steps(store, review, "additive", ["Bridge through ten with a ten-frame at home"], 5)
    save_comment(store, review, "Ana explained every answer in her own words.")

    student_id = review.student.id
    pdf = save_student_profile(store, student_id, tmp_path / "ana.pdf")
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    assert "Ana explained every answer in her own words." in flat
    assert "Bridge through ten with a ten-frame at home" in flat


def test_rows_show_what_was_tried_a_known_fact_a_glimpse_and_early_or_at(store: Store) -> None:
    from ikan_desktop.domain.tags import RESPONSE
    from ikan_desktop.store import tags as tag_store

    tags = (
        (3000, "a4-mul-1", "just_knew", None, ""),  # 6 × 8 at once: a basic fact
        (8000, "a4-mul-2", "reversibility", 6, ""),  # 42 ÷ 6 …
        (12000, "a5-mul-1", "rounding_compensation", 7, ""),  # 4 × $49, answered wrongly
        (16000, "a3-mul-1", "skip_counts", 4, ""),
    )
    session_id = recorded_interview(
        store, tags=tags, correct_at_ms=None, section_id="advanced-additive"
    )
    tag_store.record_tag(
        store,
        session_id=session_id,
        t_ms=13000,
        kind=RESPONSE,
        code="incorrect",
        section_id="advanced-multiplicative",
        task_id="a5-mul-1",
    )
    review = load_review(store, session_id)
    row = next(r for r in judgement_rows(store, review) if r.domain == "multiplicative")
    texts = {e.task_id: e.text for e in row.evidence}
    assert texts["a4-mul-1"].endswith("→ stage 6 (just knew: a known fact)")
    assert "tried stage 7, but the answer was wrong: not counted" in texts["a5-mul-1"]
    assert row.suggested == 6 and not row.needs_more_evidence
    assert row.suggested_qualifier == "early"  # 2 of the 4 tasks that could show 6 did
    assert "Tried but answered wrongly, so not counted: stage 7 on 4 × $49" in row.reason
    assert row.note == ""  # nothing higher was credited
