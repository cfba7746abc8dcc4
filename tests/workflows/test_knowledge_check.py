"""The knowledge check on the shipped check, headless, with every mark checked in the database."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from ikan_desktop.domain.scripts import load_knowledge_check
from ikan_desktop.domain.students import StudentDetails
from ikan_desktop.store import Store, open_store
from ikan_desktop.store import students as student_store
from ikan_desktop.store.location import DB_NAME
from ikan_desktop.workflows.clock import MonotonicClock
from ikan_desktop.workflows.knowledge_check import (
    CONTINUE,
    COUNTING,
    RIGHT,
    STOP,
    WRONG,
    KnowledgeCheckError,
    KnowledgeCheckRun,
    knowledge_results,
)

CHECK = load_knowledge_check()


def start(folder: Path, **options: object) -> tuple[Store, KnowledgeCheckRun]:
    store = open_store(folder)
    student = student_store.add_student(store, StudentDetails(name="Mere Tane"))
    run = KnowledgeCheckRun.start(
        store, student_id=student.id, check=CHECK, clock=MonotonicClock(), **options
    )
    return store, run


def rows(folder: Path, sql: str) -> list[tuple]:
    """Read with a second connection: what a crash would leave on disk."""
    conn = sqlite3.connect(folder / DB_NAME)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def answer_bank(run: KnowledgeCheckRun, code: str) -> None:
    for _ in run.bank.items:
        run.mark(code)
        run.next_item()


def test_the_session_is_a_knowledge_session_on_the_check(data_dir: Path) -> None:
    _, run = start(data_dir)
    assert rows(data_dir, "SELECT kind, script_id, script_version, state FROM sessions") == [
        ("knowledge", CHECK.id, CHECK.version, "recording")
    ]
    assert run.part == COUNTING
    assert run.item.item_id == CHECK.counting_items[0].id
    assert run.progress_text() == f"{CHECK.counting_title}, item 1 of {len(CHECK.counting_items)}"


def test_each_mark_is_a_row_at_once_and_undo_is_a_deleted_row(data_dir: Path) -> None:
    _, run = start(data_dir)
    first = run.item.item_id
    run.mark(RIGHT)
    assert rows(
        data_dir, "SELECT kind, code, section_id, task_id, deleted, has_audio FROM tags"
    ) == [("knowledge", "right", "counting", first, 0, 0)]
    run.next_item()
    second = run.item.item_id
    run.mark(WRONG)
    assert run.undo() is not None
    assert run.item.item_id == second  # back on the undone item, ready to mark again
    assert rows(data_dir, "SELECT task_id, code, deleted FROM tags ORDER BY rowid") == [
        (first, "right", 0),
        (second, "wrong", 1),
    ]
    assert [t.task_id for t in run.tags()] == [first]


def test_a_second_mark_on_an_item_replaces_the_first(data_dir: Path) -> None:
    _, run = start(data_dir, counting=False)
    run.mark(RIGHT)
    run.mark(WRONG)
    item = run.item.item_id
    assert run.mark_for(item) == WRONG
    assert rows(data_dir, "SELECT code, deleted FROM tags ORDER BY rowid") == [
        ("right", 1),
        ("wrong", 0),
    ]


def test_bank_items_flash_for_the_banks_time_or_a_scaled_time(data_dir: Path) -> None:
    _, run = start(data_dir, counting=False)
    first = CHECK.banks[0]
    assert run.flash() == (first.items[0].card, first.display_seconds)
    _, fast = start(data_dir, counting=False, start_bank=CHECK.banks[1].id, display_scale=0.01)
    assert fast.flash() == (CHECK.banks[1].items[0].card, CHECK.banks[1].display_seconds * 0.01)
    assert fast.progress_text() == f"Bank 2 of 5, item 1 of {len(CHECK.banks[1].items)}"


def test_counting_items_show_their_card_until_the_next_item(data_dir: Path) -> None:
    _, run = start(data_dir)
    with_card = next(i for i, c in enumerate(CHECK.counting_items) if c.card)
    for _ in range(with_card):
        run.mark(RIGHT)
        run.next_item()
    assert run.flash() == (CHECK.counting_items[with_card].card, None)


def test_all_right_on_two_banks_gives_their_target_stages(data_dir: Path) -> None:
    _, run = start(data_dir, counting=False)
    answer_bank(run, RIGHT)
    assert run.pending is not None and run.pending.suggestion == CONTINUE
    run.decide()
    assert run.part == CHECK.banks[1].id
    answer_bank(run, RIGHT)
    assert run.pending is not None and run.pending.suggestion == CONTINUE
    run.decide(STOP)  # the teacher stops early: logged as an override
    assert run.finished
    results = {r.domain_id: r for r in run.results()}
    assert {d: r.stage.stage for d, r in results.items()} == {
        d: CHECK.banks[1].target_stage for d in CHECK.banks[1].domains
    }
    assert "Secure up to the EA→AA bank" in results["basic_facts"].reason
    assert rows(
        data_dir, "SELECT section_id, suggested, chosen, overridden FROM section_decisions"
    ) == [
        ("ac-ea", "continue", "continue", 0),
        ("ea-aa", "continue", "stop", 1),
    ]
    assert rows(data_dir, "SELECT state FROM sessions") == [("finished",)]


def test_all_wrong_suggests_stopping_and_shows_no_stage(data_dir: Path) -> None:
    _, run = start(data_dir, counting=False)
    answer_bank(run, WRONG)
    end = run.pending
    assert end is not None and end.suggestion == STOP
    assert set(end.not_secure) == set(CHECK.banks[0].domains)
    assert "You can still go on" in end.reason
    run.decide(CONTINUE)  # the teacher may go on anyway
    assert run.part == CHECK.banks[1].id
    results = run.results()
    assert all(r.stage.stage is None for r in results)
    assert all("Not yet secure in the AC→EA bank (0 of" in r.reason for r in results)


def test_the_counting_interview_gives_lower_stages(data_dir: Path) -> None:
    _, run = start(data_dir)
    while run.part == COUNTING:
        item = next(c for c in CHECK.counting_items if c.id == run.item.item_id)
        run.mark(RIGHT if item.stage <= 2 else WRONG)
        run.next_item()
    assert run.part == CHECK.banks[0].id  # the banks follow on
    answer_bank(run, WRONG)
    results = {r.domain_id: r for r in run.results()}
    assert results["number_sequence"].stage.stage == 2
    assert results["number_identification"].stage.stage == 2
    assert "counting interview" in results["number_sequence"].reason
    assert results["fractions"].stage.stage is None


def test_results_come_back_from_the_database_alone(data_dir: Path) -> None:
    _, run = start(data_dir, counting=False)
    answer_bank(run, RIGHT)
    again = knowledge_results(open_store(data_dir), run.session_id, CHECK)
    assert [(r.domain_id, r.label) for r in again] == [
        (r.domain_id, r.label) for r in run.results()
    ]
    assert {r.label for r in again} == {"5"}


def test_no_marks_after_the_check_has_finished(data_dir: Path) -> None:
    _, run = start(data_dir)
    run.finish()
    with pytest.raises(KnowledgeCheckError):
        run.mark(RIGHT)
    with pytest.raises(KnowledgeCheckError):
        KnowledgeCheckRun.start(
            run.store, student_id="x", check=CHECK, clock=MonotonicClock(), start_bank="nope"
        )


def test_an_unmarked_item_is_never_left_silently(data_dir: Path) -> None:
    _, run = start(data_dir, counting=False)
    first = run.item.item_id
    assert run.next_item() is None
    assert run.item.item_id == first and run.held_on == first  # held, with a warning
    run.next_item()  # a second → leaves it unmarked
    assert run.item.item_id != first and run.held_on is None
    marked = run.item.item_id
    run.mark(RIGHT)
    run.next_item()  # a marked item moves on at once
    assert run.item.item_id not in (first, marked)


def test_a_domain_is_judged_on_every_item_the_bank_defines(data_dir: Path) -> None:
    """Two right of four, the other two never marked: not secure, and the reason says so."""
    _, run = start(data_dir, counting=False)
    bank = CHECK.banks[0]
    domain = next(d for d in bank.domains if sum(i.domain == d for i in bank.items) >= 3)
    items = [i.id for i in bank.items if i.domain == domain]
    while run.pending is None:
        if run.item.item_id not in items[2:]:  # the domain's last items stay unmarked
            run.mark(RIGHT)
        run.next_item()
        if run.held_on:
            run.next_item()
    score = next(s for s in run.domain_scores() if s.domain == domain)
    assert (score.right, score.marked, score.items) == (2, 2, len(items))
    assert not score.secure and domain in run.pending.not_secure
    result = next(r for r in run.results() if r.domain_id == domain)
    assert result.stage.stage is None
    assert f"2 of {len(items)} right, {len(items) - 2} not marked" in result.reason
