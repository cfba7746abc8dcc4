"""Properties of the judgement rules over random interviews on a shipped form (hypothesis)."""

from __future__ import annotations

import random
from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from ikan_desktop.domain.judgement import (
    Observation,
    StageSuggestion,
    suggest_domain_stage,
    suggest_global_stage,
    task_evidence,
    task_stage,
)
from ikan_desktop.domain.scripts import InterviewScript, Task, load_script, shipped_form_paths

STAGES = range(9)
EXTRA_CODES = ("just_knew", "other", "no_strategy_guessed", "unit_rate", "not_a_code")


@cache
def form() -> InterviewScript:
    return load_script(shipped_form_paths()[1])


@st.composite
def observations(draw: st.DrawFn, *, deleted: bool | None = None) -> Observation:
    task = draw(st.sampled_from(form().tasks))
    code = draw(st.sampled_from(task.scoring.codes + EXTRA_CODES))
    gone = draw(st.booleans()) if deleted is None else deleted
    return Observation(task.id, task.domain, code, draw(st.integers(0, 3_600_000)), gone)


interviews = st.lists(observations(), max_size=40)
domains = st.sampled_from(("additive", "multiplicative", "proportional"))


def staged(obs: list[Observation], domain: str) -> list[int]:
    return [
        e.stage for e in task_evidence(form(), obs) if e.domain == domain and e.stage is not None
    ]


@given(interviews, domains)
def test_the_suggestion_is_a_framework_stage_within_what_the_tasks_show(
    obs: list[Observation], domain: str
) -> None:
    suggestion = suggest_domain_stage(form(), obs, domain)
    shown = staged(obs, domain)
    if not shown:
        assert suggestion.stage is None and suggestion.needs_more_evidence
        return
    assert suggestion.stage in STAGES
    assert min(shown) <= suggestion.stage <= max(shown)
    top_count = shown.count(max(shown))
    assert suggestion.needs_more_evidence == (top_count < 2)
    assert suggestion.highest_seen == max(shown)


@given(interviews, interviews, domains)
def test_more_evidence_never_lowers_a_suggestion_below_what_every_task_shows(
    first: list[Observation], more: list[Observation], domain: str
) -> None:
    before = suggest_domain_stage(form(), first, domain)
    after = suggest_domain_stage(form(), first + more, domain)
    shown = staged(first + more, domain)
    if shown:
        assert after.stage is not None and after.stage >= min(shown)
    if len(staged(first, domain)) >= 2:
        assert before.stage is not None and after.stage is not None
        assert after.stage >= before.stage


@given(st.sampled_from(form().tasks), st.data())
def test_a_task_stage_never_drops_when_codes_are_added(task: Task, data: st.DataObject) -> None:
    pool = task.scoring.codes + EXTRA_CODES
    codes = data.draw(st.lists(st.sampled_from(pool), max_size=6))
    more = data.draw(st.lists(st.sampled_from(pool), max_size=6))
    before, after = task_stage(task, codes), task_stage(task, codes + more)
    assert before is None or (after is not None and after >= before)
    assert after is None or after in STAGES


@given(interviews, st.lists(observations(deleted=True), max_size=20), domains, st.randoms())
def test_deleted_tags_and_their_order_change_nothing(
    obs: list[Observation], undone: list[Observation], domain: str, rng: random.Random
) -> None:
    kept = [o for o in obs if not o.deleted]
    mixed = obs + undone
    rng.shuffle(mixed)
    expected = suggest_domain_stage(form(), kept, domain)
    found = suggest_domain_stage(form(), mixed, domain)
    assert (found.stage, found.needs_more_evidence, found.supporting_tasks) == (
        expected.stage,
        expected.needs_more_evidence,
        expected.supporting_tasks,
    )


@given(st.lists(st.one_of(st.none(), st.sampled_from(STAGES)), min_size=1, max_size=3))
@settings(max_examples=200)
def test_the_global_stage_stays_within_the_domain_stages(stages: list[int | None]) -> None:
    suggestions = [StageSuggestion(f"d{i}", s, False, "") for i, s in enumerate(stages)]
    found = suggest_global_stage(suggestions)
    present = [s for s in stages if s is not None]
    if not present:
        assert found.stage is None
        return
    assert found.stage is not None
    assert min(present) <= found.stage <= max(present)
    assert sum(s >= found.stage for s in present) * 2 > len(present)
