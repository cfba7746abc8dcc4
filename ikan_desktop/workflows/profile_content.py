"""What one child's profile page says: rounds, stages against expectation, strengths, next steps.

`profiles` finds the children and writes the files; this builds each page's plain record.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING

from ikan_desktop.domain.evidence import ANSWER_MARKS, INCORRECT
from ikan_desktop.domain.expectations import compare_with_expectation, expected_stage
from ikan_desktop.domain.framework import Framework, StageValue
from ikan_desktop.domain.strategy_codes import NO_STAGE, StrategyCodes
from ikan_desktop.domain.students import Student
from ikan_desktop.domain.tags import STRATEGY
from ikan_desktop.reports.profile_data import (
    DomainNow,
    KnowledgeNow,
    NextStep,
    NoConfirmedJudgement,
    ProfileData,
    RoundStages,
    StageKeyEntry,
)
from ikan_desktop.store import judgements as judgement_store
from ikan_desktop.store import settings
from ikan_desktop.store import students as student_store
from ikan_desktop.store import tags as tag_store
from ikan_desktop.store.database import Store
from ikan_desktop.store.judgements import ConfirmedRound

if TYPE_CHECKING:
    from ikan_desktop.workflows.profiles import ProfileSources

MOST_STRENGTHS = 4
# Codes that describe something still being learned, not a strength to tell a family about.
NOT_A_STRENGTH = frozenset({"counting_errors"})


def build_profile(
    store: Store, student: Student, sources: ProfileSources, today: date
) -> ProfileData:
    framework = sources.framework
    domain_ids = framework.strategy_domain_ids
    rounds = [
        r
        for r in judgement_store.confirmed_rounds(store, student.id, kind="strategy")
        if any(r.stage_for(d) for d in domain_ids)
    ]
    if not rounds:
        raise NoConfirmedJudgement(student.name)
    latest = rounds[-1]
    assessed_on = _local_date(latest.started_at)
    klass = next((k for k in student_store.list_classes(store) if k.id == student.class_id), None)
    notes = judgement_store.profile_notes(store, latest.session_id)
    domains = _domains_now(framework, student, rounds)
    return ProfileData(
        student_name=student.name,
        preferred_name=student.details.preferred_name,
        class_name=student.details.class_name,
        teacher=(klass.teacher if klass else "") or settings.teacher_name(store),
        school=(klass.school if klass else "") or settings.school_name(store),
        assessed_on=assessed_on,
        printed_on=today,
        form=latest.form,
        domains=domains,
        rounds=tuple(_round_stages(framework, student, r) for r in rounds),
        stage_key=tuple(
            StageKeyEntry(s.number, s.parent_name, s.name, s.abbreviation) for s in framework.stages
        ),
        knowledge=_knowledge(store, framework, student),
        strengths=_strengths(store, sources.codes, latest),
        next_steps=tuple(
            _next_step(framework, d, notes.next_steps.get(d.domain_id)) for d in domains
        ),
        teacher_comment=notes.comment,
        framework_name=f"{framework.name} {framework.version}",
    )


def _domains_now(
    framework: Framework, student: Student, rounds: Sequence[ConfirmedRound]
) -> tuple[DomainNow, ...]:
    found = []
    for domain in framework.strategy_domains:
        judged = [(r, s) for r in rounds if (s := r.stage_for(domain.id)) is not None]
        if not judged:
            continue
        last_round, confirmed = judged[-1]
        on = _local_date(last_round.started_at)
        value = _stage_value(framework, confirmed.stage, confirmed.qualifier)
        stage = framework.stage(confirmed.stage)
        comparison = compare_with_expectation(
            framework,
            value,
            None,
            student.details.year_level,
            student.details.school_start_date,
            on,
            domain_id=domain.id,
        )
        band = comparison.band.value if comparison else None
        found.append(
            DomainNow(
                domain_id=domain.id,
                name=domain.parent_name,
                stage=confirmed.stage,
                stage_name=stage.parent_name,
                early=value.qualifier == "early",
                description=stage.parent_descriptor(domain.id),
                expected=_expected_rungs(framework, student, on, domain.id),
                band=band,
            )
        )
    return tuple(found)


def _round_stages(framework: Framework, student: Student, one: ConfirmedRound) -> RoundStages:
    on = _local_date(one.started_at)
    stages = tuple(
        (d, s.stage if (s := one.stage_for(d)) else None) for d in framework.strategy_domain_ids
    )
    first = framework.strategy_domain_ids[0] if framework.strategy_domain_ids else None
    return RoundStages(on, stages, _expected_rungs(framework, student, on, first))


def _expected_rungs(
    framework: Framework, student: Student, on: date, domain_id: str | None
) -> tuple[int, int] | None:
    expected = expected_stage(framework, student.details, on=on, domain_id=domain_id)
    if expected is None:
        return None
    value = expected.value
    return value.stage, value.upper if value.upper is not None else value.stage


def _knowledge(store: Store, framework: Framework, student: Student) -> tuple[KnowledgeNow, ...]:
    latest: dict[str, int] = {}
    for one in judgement_store.confirmed_rounds(store, student.id, kind=None):
        for confirmed in one.stages:
            if confirmed.domain in framework.knowledge_domain_ids:
                latest[confirmed.domain] = confirmed.stage
    if not latest:
        return ()
    return tuple(
        KnowledgeNow(d.id, d.parent_name, latest.get(d.id)) for d in framework.knowledge_domains
    )


def _strengths(store: Store, codes: StrategyCodes, latest: ConfirmedRound) -> tuple[str, ...]:
    every = sorted(tag_store.tags_for_session(store, latest.session_id), key=lambda t: t.t_ms)
    marks = {t.task_id: t.code for t in every if t.code in ANSWER_MARKS}  # the last one counts
    tags = [  # a strategy that led to a wrong answer was tried, not shown: no strength yet
        t
        for t in every
        if t.kind == STRATEGY and t.code in codes and t.code not in NOT_A_STRENGTH
        if marks.get(t.task_id) != INCORRECT
    ]
    counts = Counter(t.code for t in tags)
    highest: dict[str, int] = {}
    for tag in tags:
        highest[tag.code] = max(
            highest.get(tag.code, -1), tag.stage if tag.stage is not None else -1
        )
    ordered = sorted(counts, key=lambda code: (-highest[code], -counts[code], code))
    sentences = [
        codes.get(code).what_this_shows.strip()
        for code in ordered
        if codes.get(code).family != NO_STAGE
    ]
    return tuple(sentences[:MOST_STRENGTHS])


def _next_step(framework: Framework, domain: DomainNow, edited: Sequence[str] | None) -> NextStep:
    steps = framework.next_steps(domain.domain_id, domain.stage)
    next_name = framework.stage(steps.to_stage).parent_name if steps else ""
    ideas = tuple(edited) if edited else (steps.parent if steps else ())
    return NextStep(domain.domain_id, domain.name, next_name, ideas, bool(edited))


def _stage_value(framework: Framework, stage: int, qualifier: str | None) -> StageValue:
    value = StageValue(stage, (qualifier or "").strip().lower() or None)
    if framework.stage_value_problem(value):
        return StageValue(stage)  # a qualifier this stage cannot have: show the plain stage
    return value


def _local_date(stamp: str) -> date:
    # Stored in UTC; a morning interview in New Zealand is the previous day in UTC.
    moment = datetime.fromisoformat(stamp)
    return (moment.astimezone() if moment.tzinfo else moment).date()
