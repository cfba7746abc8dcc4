"""Properties of the judgement rules over random interviews on all four shipped forms."""

from __future__ import annotations

import random
from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from ikan_desktop.domain.judgement import (
    Observation,
    StageSuggestion,
    section_decision,
    suggest_domain_stage,
    suggest_domain_stages,
    suggest_global_stage,
    task_evidence,
    task_stage,
    task_stages,
)
from ikan_desktop.domain.scripts import InterviewScript, Task, load_forms

STAGES = range(9)
EXTRA_CODES = ("just_knew", "other", "no_strategy_guessed", "unit_rate", "not_a_code")
MARKS = ("correct", "incorrect")
DOMAINS = ("additive", "multiplicative", "proportional")
EXAMPLES = settings(max_examples=60, deadline=None)


@cache
def forms() -> tuple[InterviewScript, ...]:
    return load_forms()


@st.composite
def interview(draw: st.DrawFn, *, max_size: int = 40) -> tuple[InterviewScript, list[Observation]]:
    """A form and a random interview on it: strategy codes, answer marks, some undone."""
    form = draw(st.sampled_from(forms()))
    found = []
    for _ in range(draw(st.integers(0, max_size))):
        task = draw(st.sampled_from(form.tasks))
        code = draw(st.sampled_from(task.scoring.codes + EXTRA_CODES + MARKS))
        found.append(
            Observation(
                task.id, task.domain, code, draw(st.integers(0, 3_600_000)), draw(st.booleans())
            )
        )
    return form, found


def credited(form: InterviewScript, obs: list[Observation], domain: str) -> list[int]:
    return [e.stage for e in task_evidence(form, obs) if e.domain == domain and e.stage is not None]


@EXAMPLES
@given(interview(), st.sampled_from(DOMAINS))
def test_a_domain_stage_rests_on_credited_tasks_and_says_how_firmly(
    case: tuple[InterviewScript, list[Observation]], domain: str
) -> None:
    form, obs = case
    suggestion = suggest_domain_stage(form, obs, domain)
    shown = sorted(credited(form, obs, domain), reverse=True)
    if not shown:
        assert suggestion.stage is None and suggestion.needs_more_evidence
        return
    assert suggestion.stage == (shown[1] if len(shown) > 1 else shown[0])
    assert suggestion.needs_more_evidence == (len(shown) < 2)  # rests on one task
    assert (suggestion.seen_once is not None) == (len(shown) > 1 and shown[0] > shown[1])
    assert bool(suggestion.note) == (suggestion.seen_once is not None)
    assert suggestion.contradictory == (len(shown) > 1 and shown[0] - shown[-1] >= 4)
    if suggestion.stage in (5, 6, 7, 8):
        assert suggestion.qualifier in ("early", "at")
    else:
        assert suggestion.qualifier is None


@EXAMPLES
@given(interview(), st.data())
def test_a_wrong_answered_strategy_never_raises_a_suggestion(
    case: tuple[InterviewScript, list[Observation]], data: st.DataObject
) -> None:
    form, obs = case
    tagged = {o.task_id for o in obs}
    fresh = [t for t in form.tasks if t.id not in tagged]
    if not fresh:
        return
    tasks = data.draw(st.lists(st.sampled_from(fresh), min_size=1, max_size=6, unique=True))
    wrong = []
    for task in tasks:
        top = max(task.scoring.entries, key=lambda e: -1 if e[1] is None else e[1])[0]
        wrong += [
            Observation(task.id, task.domain, top, 4_000_000),
            Observation(task.id, task.domain, "incorrect", 4_000_001),
        ]
    before, after = suggest_domain_stages(form, obs), suggest_domain_stages(form, obs + wrong)
    for domain, found in after.items():
        if before[domain].stage is None:
            assert found.stage is None or found.from_other_domain is not None
        else:
            assert found.stage == before[domain].stage
    was, now = suggest_global_stage(before).stage, suggest_global_stage(after).stage
    assert was is None or (now is not None and now <= was)


@EXAMPLES
@given(interview(), st.integers(0, 5))
def test_the_section_rule_never_continues_on_wrong_answers(
    case: tuple[InterviewScript, list[Observation]], index: int
) -> None:
    form, obs = case
    section = form.sections[index]
    marked = obs + [
        Observation(t.id, t.domain, "incorrect", 9_000_000 + n) for n, t in enumerate(section.tasks)
    ]
    decision = section_decision(section, task_stages(form, marked, section.id))
    assert decision.action != "continue"


@EXAMPLES
@given(interview(), st.integers(0, 5), st.data())
def test_continue_never_leads_into_a_section_already_given(
    case: tuple[InterviewScript, list[Observation]], index: int, data: st.DataObject
) -> None:
    form, obs = case
    section = form.sections[index]
    following = form.next_section(section.id)
    done = data.draw(st.sets(st.sampled_from([s.id for s in form.sections])))
    decision = section_decision(
        section,
        task_stages(form, obs, section.id),
        sections_done=done,
        next_section_id=following.id if following else None,
    )
    if following is not None and following.id in done:
        assert decision.action != "continue"


@EXAMPLES
@given(st.sampled_from([t for f in forms() for t in f.tasks]), st.data())
def test_just_knew_alone_counts_only_on_basic_fact_tasks(task: Task, data: st.DataObject) -> None:
    alone = task_stage(task, ["just_knew"])
    assert alone == (task.just_knew.stage if task.just_knew.basic_fact else None)
    pool = task.scoring.codes + EXTRA_CODES
    codes = data.draw(st.lists(st.sampled_from(pool), max_size=6))
    more = data.draw(st.lists(st.sampled_from(pool), max_size=6))
    before, after = task_stage(task, codes), task_stage(task, codes + more)
    assert before is None or (after is not None and after >= before)
    assert after is None or after in STAGES


@EXAMPLES
@given(interview(), st.lists(st.integers(0, 3_600_000), max_size=20), st.randoms())
def test_undone_tags_and_their_order_change_nothing(
    case: tuple[InterviewScript, list[Observation]], times: list[int], rng: random.Random
) -> None:
    form, obs = case
    kept = [o for o in obs if not o.deleted]
    undone = [
        Observation(t.id, t.domain, "incorrect", when, True)
        for t, when in zip(form.tasks, times, strict=False)
    ]
    mixed = obs + undone
    rng.shuffle(mixed)
    for domain in DOMAINS:
        expected = suggest_domain_stage(form, kept, domain)
        found = suggest_domain_stage(form, mixed, domain)
        assert (found.stage, found.needs_more_evidence, found.qualifier, found.reason) == (
            expected.stage,
            expected.needs_more_evidence,
            expected.qualifier,
            expected.reason,
        )


@EXAMPLES
@given(interview())
def test_a_domain_failed_throughout_carries_a_counting_stage_only(
    case: tuple[InterviewScript, list[Observation]],
) -> None:
    form, obs = case
    found = suggest_domain_stages(form, obs)
    own = {d: suggest_domain_stage(form, obs, d) for d in found}
    counting = [s.stage for s in own.values() if s.stage is not None and s.stage <= 4]
    for domain, suggestion in found.items():
        if suggestion.from_other_domain is None:
            assert suggestion.stage == own[domain].stage
            continue
        assert own[domain].stage is None and own[domain].evidence
        assert suggestion.stage == min(counting) and suggestion.needs_more_evidence


@settings(max_examples=150)
@given(
    st.lists(
        st.tuples(st.one_of(st.none(), st.sampled_from(STAGES)), st.booleans(), st.booleans()),
        min_size=1,
        max_size=3,
    )
)
def test_the_global_stage_is_the_lowest_secure_domain(
    domains: list[tuple[int | None, bool, bool]],
) -> None:
    suggestions = [
        StageSuggestion(f"d{i}", stage, thin, "", contradictory=odd)
        for i, (stage, thin, odd) in enumerate(domains)
    ]
    found = suggest_global_stage(suggestions)
    present = [s.stage for s in suggestions if s.stage is not None]
    secure = [s.stage for s in suggestions if s.secure]
    if not present:
        assert found.stage is None
        return
    assert found.stage == (min(secure) if secure else min(present))
    assert found.needs_more_evidence == (
        not secure or len(present) < len(suggestions) or min(present) < found.stage
    )
