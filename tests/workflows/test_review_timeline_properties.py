"""Properties of the review timeline for any set of tags: spans tile the tagged time in order."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from ikan_desktop.domain.strategy_codes import load_strategy_codes
from ikan_desktop.domain.tags import STRATEGY, Tag
from ikan_desktop.workflows.review import script_for
from ikan_desktop.workflows.review_timeline import SECTION, TASK, build_timeline

CODES = load_strategy_codes()


class _Session:
    kind, script_id, form = "strategy", "strategy-form-a", "A"


SCRIPT = script_for(_Session())  # type: ignore[arg-type]
TASK_IDS = [task.id for task in SCRIPT.tasks]

tags = st.lists(
    st.tuples(st.integers(0, 600_000), st.sampled_from(TASK_IDS), st.booleans(), st.booleans()),
    max_size=40,
).map(
    lambda drawn: [
        Tag(
            id=f"t{n}",
            session_id="s",
            t_ms=t_ms,
            wall_time="",
            section_id=None,
            task_id=task_id,
            kind=STRATEGY,
            code="counts_on_back",
            stage=4,
            has_audio=True,
            deleted=deleted and not keep,
        )
        for n, (t_ms, task_id, deleted, keep) in enumerate(drawn)
    ]
)


@settings(max_examples=150, deadline=None)
@given(tags)
def test_task_spans_never_overlap_and_hold_every_live_tag(drawn: list[Tag]) -> None:
    timeline = build_timeline(drawn, script=SCRIPT, codes=CODES, duration_ms=600_000)
    spans = sorted(timeline.spans_of(TASK), key=lambda s: s.start_ms)
    for before, after in itertools.pairwise(spans):
        assert before.end_ms <= after.start_ms
    assert all(s.end_ms >= s.start_ms for s in spans)
    live = [t for t in drawn if not t.deleted]
    assert {s.id for s in spans} == {t.task_id for t in live}
    for tag in live:  # the first tag of each task opens its span
        span = next(s for s in spans if s.id == tag.task_id)
        assert span.start_ms <= tag.t_ms
    assert len(timeline.tags) == len(drawn)  # removed tags keep their marks
    for span in spans:
        if span.end_ms > span.start_ms:
            assert timeline.task_at(span.start_ms) == span.id


@settings(max_examples=100, deadline=None)
@given(tags)
def test_each_section_span_covers_exactly_its_tasks(drawn: list[Tag]) -> None:
    timeline = build_timeline(drawn, script=SCRIPT, codes=CODES, duration_ms=600_000)
    for section in timeline.spans_of(SECTION):
        inside = [s for s in timeline.spans_of(TASK) if SCRIPT.section_of(s.id).id == section.id]
        assert section.start_ms == min(s.start_ms for s in inside)
        assert section.end_ms == max(s.end_ms for s in inside)
