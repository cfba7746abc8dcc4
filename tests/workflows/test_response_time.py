"""Response time: each task's showing is logged live, and review reads the seconds to the answer."""

from __future__ import annotations

from pathlib import Path

from interview_helpers import start_interview

from ikan_desktop.domain.response_time import response_times, seconds_text
from ikan_desktop.domain.tags import Tag
from ikan_desktop.workflows.clock import MonotonicClock
from ikan_desktop.workflows.review import load_review
from ikan_desktop.workflows.review_judgement import judgement_rows


def _tag(task: str, t_ms: int, *, kind: str = "strategy", deleted: bool = False) -> Tag:
    return Tag("id", "s", t_ms, "", "sec", task, kind, "x", deleted=deleted)


def test_seconds_from_first_showing_to_first_strategy() -> None:
    showings = [("t1", 1000), ("t2", 9000), ("t1", 20000)]  # t1 shown again later
    tags = [
        _tag("t1", 4000, kind="response"),  # "correct" is not a strategy
        _tag("t1", 3500, deleted=True),  # undone
        _tag("t1", 5200),
        _tag("t2", 21000),
        _tag("t3", 100),  # never shown: no time
    ]
    assert response_times(showings, tags) == {"t1": 4200, "t2": 12000}
    assert [seconds_text(ms) for ms in (2000, 1450, 12400, 300)] == [
        "2 s",
        "1.4 s",
        "12 s",
        "0.3 s",
    ]


def test_live_showings_give_review_the_time_to_just_knew(data_dir: Path) -> None:
    now = [100.0]
    clock = MonotonicClock(now=lambda: now[0])
    store, interview, _ = start_interview(data_dir, clock=clock, start="counting-all-or-on")
    first = interview.task
    now[0] += 2.0
    interview.tag("just_knew")
    now[0] += 3.0
    interview.next_task()
    second = interview.task
    now[0] += 7.5
    choice = second.choices[0].code
    interview.tag(choice)
    now[0] += 1.0
    interview.previous_task()  # shown again: the first showing still counts
    interview.finish()
    review = load_review(store, interview.session_id)
    assert review.response_ms == {first.id: 2000, second.id: 7500}
    texts = [e.text for row in judgement_rows(store, review) for e in row.evidence]
    title = review.script.task(first.id).short_title
    assert any(t.startswith(title) and "Just knew, 2 s" in t for t in texts), texts
    store.close()
