"""The live interview state machine on a real database and the shipped form A."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from interview_helpers import start_interview

from ikan_desktop.store.location import DB_NAME
from ikan_desktop.workflows.interview import InterviewError


def db_rows(folder: Path, sql: str) -> list[tuple]:
    other = sqlite3.connect(folder / DB_NAME)  # a second connection sees only committed rows
    try:
        return other.execute(sql).fetchall()
    finally:
        other.close()


def test_every_action_is_on_disk_when_it_returns(data_dir: Path) -> None:
    store, interview, _ = start_interview(data_dir, start="counting-all-or-on")
    assert db_rows(data_dir, "SELECT state, form FROM sessions") == [("recording", "A")]
    first = interview.task
    tag = interview.tag_key(first.choices[2].key)
    assert tag is not None and tag.code == first.choices[2].code
    assert tag.stage == first.choices[2].stage and not tag.has_audio
    assert db_rows(data_dir, "SELECT task_id, code, stage FROM tags") == [
        (first.id, tag.code, tag.stage)
    ]
    interview.respond("correct")
    interview.flag()
    interview.note("  counted on from the larger number  ")
    undone = interview.undo()
    assert undone is not None and undone.kind == "note"
    assert db_rows(data_dir, "SELECT kind, deleted FROM tags ORDER BY rowid") == [
        ("strategy", 0),
        ("response", 0),
        ("flag", 0),
        ("note", 1),
    ]
    interview.pause()
    assert db_rows(data_dir, "SELECT state FROM sessions") == [("paused",)]
    interview.resume()
    assert db_rows(data_dir, "SELECT state FROM sessions") == [("recording",)]
    store.close()


def test_times_never_go_backwards(data_dir: Path) -> None:
    store, interview, _ = start_interview(data_dir, start="counting-all-or-on")
    for _ in range(3):
        for choice in interview.task.choices[:4]:
            interview.tag_key(choice.key)
        interview.next_task()
    times = [t.t_ms for t in interview.tags()]
    assert len(times) == 12 and times == sorted(times)
    store.close()


def test_a_section_ends_with_a_suggestion_and_an_override_is_logged(data_dir: Path) -> None:
    store, interview, rules = start_interview(data_dir, start="counting-all-or-on")
    section = interview.section
    counts_all = next(c for c in interview.task.choices if c.code == "counts_all_materials")
    end = None
    for _ in section.tasks:
        interview.tag(counts_all.code)
        end = interview.next_task()
    assert end is not None and interview.pending is end
    assert end.suggestion.action in {"stop", "go_back"}
    with pytest.raises(InterviewError):
        interview.decide("sideways")
    interview.decide("continue")  # the teacher overrides the rule
    assert interview.section.id == rules.script.sections[2].id
    assert db_rows(
        data_dir, "SELECT section_id, suggested, chosen, overridden FROM section_decisions"
    ) == [(section.id, end.suggestion.action, "continue", 1)]
    store.close()


def test_stopping_finishes_the_session(data_dir: Path) -> None:
    store, interview, rules = start_interview(data_dir)
    section = interview.section
    for _ in section.tasks:
        interview.tag("counting_errors")
        interview.next_task()
    assert interview.pending is not None
    interview.decide("stop")
    assert interview.finished
    assert db_rows(data_dir, "SELECT state, ended_at IS NOT NULL FROM sessions") == [
        ("finished", 1)
    ]
    with pytest.raises(InterviewError):
        interview.tag("counts_one_to_one")
    summary = rules.summarise(interview.tags())
    assert {s.domain for s in summary.domains} >= {"additive"}
    store.close()


def test_after_going_back_accepting_never_returns_to_a_section_already_given(
    data_dir: Path,
) -> None:
    """Section 3 too hard → back to 2 → counting on there: Enter stops, never section 3 again."""
    store, interview, _ = start_interview(data_dir, start="early-part-whole")
    for _ in interview.section.tasks:  # nothing at stage 4 or above: the rule goes back
        interview.tag("counts_all_materials")
        end = interview.next_task()
    assert end is not None and end.suggestion.action == "go_back"
    interview.decide()
    assert interview.section.id == "counting-all-or-on"
    for _ in interview.section.tasks:  # counting on throughout: the rule would continue
        interview.tag("counts_on_back")
        end = interview.next_task()
    assert end is not None and end.suggestion.action == "stop"
    assert "'early-part-whole' has already been given" in end.suggestion.reason
    interview.decide()  # Enter: accept
    assert interview.finished
    assert db_rows(data_dir, "SELECT section_id, suggested, chosen FROM section_decisions") == [
        ("early-part-whole", "go_back", "go_back"),
        ("counting-all-or-on", "stop", "stop"),
    ]
    store.close()


def test_just_knew_on_a_basic_fact_task_is_stamped_with_its_stage(data_dir: Path) -> None:
    store, interview, _ = start_interview(data_dir, start="advanced-additive")
    while interview.task.id != "a4-mul-1":  # 6 × 8: a basic fact
        interview.next_task()
    fact = interview.tag("just_knew")
    interview.next_task()  # a4-mul-2, 42 ÷ 6: also a basic fact
    interview.next_task()  # a4-pro-1, ¾ of 24: not a fact, just knew alone shows nothing
    other = interview.tag("just_knew")
    assert (fact.stage, other.stage) == (6, None)
    store.close()
