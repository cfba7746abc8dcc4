"""Suggested stages and section decisions, always with the evidence behind them.

Pure functions: they read a script and the teacher's observations and return suggestions; the
teacher's confirmation is a separate record. The rules, in plain words:

- **A task's stage** is the highest stage that any code tagged on it shows in that task's
  scoring guide. Codes that show no stage (guessed, other) and codes the guide does not list
  add nothing. *Just knew* alone adds nothing: an instant answer is knowledge, not a strategy.
  It adds the task's just-knew stage only when the teacher also tags one of the task's
  `confirmed_by` codes (what the child said when asked how they knew).
- **A section's decision** follows its rule: continue when enough tasks reach the rule's stage,
  go back when too few reach it (unless that earlier section was already given: then stop),
  otherwise what the rule says. One task short of continuing is flagged as a close call.
- **A domain's stage** is the highest stage shown by at least two tasks of that domain (the
  second-highest task stage). A higher stage shown by only one task is reported as "seen once"
  and the suggestion is marked *needs more evidence*; so is a domain with a single staged task,
  whose stage is suggested as it stands.
- **The global stage** is the highest stage reached in more than half of the domains that have
  a stage: with three domains, the middle one; with two, the lower; with one, that one.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass

from ikan_desktop.domain.script_records import (
    CONTINUE,
    GO_BACK,
    STOP,
    InterviewScript,
    KnowledgeCheck,
    Section,
    Task,
)
from ikan_desktop.domain.strategy_codes import JUST_KNEW, StrategyCodes

__all__ = [
    "Evidence",
    "GlobalStageSuggestion",
    "Observation",
    "SectionDecisionSuggestion",
    "StageSuggestion",
    "counting_interview_stages",
    "section_decision",
    "suggest_domain_stage",
    "suggest_domain_stages",
    "suggest_global_stage",
    "task_evidence",
    "task_stage",
    "task_stages",
]

CONFIRMED, NOT_CONFIRMED = "confirmed", "not confirmed"


@dataclass(frozen=True, slots=True)
class Observation:
    """One strategy tag as judgement sees it: which task, which code, when, and whether undone.

    The task's domain comes from the script; `domain` is kept for callers' convenience only.
    """

    task_id: str
    domain: str
    code: str
    t_ms: int
    deleted: bool = False


@dataclass(frozen=True, slots=True)
class Evidence:
    """What one task showed: its stage, the codes tagged on it and when the first was tagged."""

    task_id: str
    section_id: str
    domain: str
    stage: int | None
    codes: tuple[str, ...]
    first_t_ms: int
    just_knew: str = ""  # "", "confirmed" or "not confirmed"
    task_title: str = ""  # the task in a teacher's words (see Task.short_title)


@dataclass(frozen=True, slots=True)
class SectionDecisionSuggestion:
    """What a section's rule suggests (continue / stop / go_back), with the reason in plain words."""

    action: str
    reason: str
    target_section_id: str | None = None
    close_call: bool = False


@dataclass(frozen=True, slots=True)
class StageSuggestion:
    """A suggested stage for one strategy domain, the tasks that support it, and all evidence."""

    domain: str
    stage: int | None
    needs_more_evidence: bool
    reason: str
    supporting_tasks: tuple[str, ...] = ()
    seen_once: int | None = None
    highest_seen: int | None = None
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class GlobalStageSuggestion:
    """A suggested global stage across the strategy domains, with the rule applied in words."""

    stage: int | None
    reason: str
    domain_stages: tuple[tuple[str, int], ...] = ()
    needs_more_evidence: bool = True


def task_stage(task: Task, codes: Iterable[str]) -> int | None:
    """The stage a task shows from the codes tagged on it (rule in the module docstring)."""
    tagged = set(codes)
    stages = [task.scoring.stage_for(code) for code in tagged if code in task.scoring]
    if JUST_KNEW in tagged and tagged.intersection(task.just_knew.confirmed_by):
        stages.append(task.just_knew.stage)
    found = [stage for stage in stages if stage is not None]
    return max(found) if found else None


def task_evidence(
    script: InterviewScript, observations: Iterable[Observation]
) -> tuple[Evidence, ...]:
    """One piece of evidence per tagged task, in script order (ignoring undone tags, unknown tasks)."""
    by_task: dict[str, list[Observation]] = {}
    for observation in observations:
        if not observation.deleted:
            by_task.setdefault(observation.task_id, []).append(observation)
    found = []
    for section in script.sections:
        for task in section.tasks:
            tagged = sorted(by_task.get(task.id, []), key=lambda o: o.t_ms)
            if tagged:
                found.append(_evidence(section, task, tagged))
    return tuple(found)


def _evidence(section: Section, task: Task, tagged: list[Observation]) -> Evidence:
    codes = tuple(dict.fromkeys(o.code for o in tagged))
    just_knew = ""
    if JUST_KNEW in codes:
        confirmed = set(codes).intersection(task.just_knew.confirmed_by)
        just_knew = CONFIRMED if confirmed else NOT_CONFIRMED
    return Evidence(
        task_id=task.id,
        section_id=section.id,
        domain=task.domain,
        stage=task_stage(task, codes),
        codes=codes,
        first_t_ms=tagged[0].t_ms,
        just_knew=just_knew,
        task_title=task.short_title,
    )


def task_stages(
    script: InterviewScript, observations: Iterable[Observation], section_id: str | None = None
) -> dict[str, int | None]:
    """Task id → stage shown, for every task of the script (or of one section); None if none."""
    shown = {e.task_id: e.stage for e in task_evidence(script, observations)}
    sections = script.sections if section_id is None else (script.section(section_id),)
    return {task.id: shown.get(task.id) for section in sections for task in section.tasks}


def section_decision(
    section: Section,
    task_stages: Mapping[str, int | None],
    *,
    sections_done: Collection[str] = (),
) -> SectionDecisionSuggestion:
    """What the section's rule suggests from its task stages; `sections_done` blocks going back."""
    rule = section.decision
    stages = [task_stages.get(task.id) for task in section.tasks]
    total = len(stages)
    unscored = sum(stage is None for stage in stages)
    note = f" ({_count(unscored, 'task')} showed no stage.)" if unscored else ""

    def reaching(stage: int) -> int:
        return sum(1 for s in stages if s is not None and s >= stage)

    if rule.continue_when is not None:
        n = reaching(rule.continue_when.stage)
        if rule.continue_when.holds(n):
            return SectionDecisionSuggestion(
                CONTINUE,
                f"Continue: {n} of {total} tasks showed stage {rule.continue_when.stage} or "
                f"above (the rule asks for {rule.continue_when.describe()}).{note}",
            )
    if rule.go_back_when is not None and rule.go_back_to is not None:
        n = reaching(rule.go_back_when.stage)
        if rule.go_back_when.holds(n):
            seen = f"{n} of {total} tasks showed stage {rule.go_back_when.stage} or above"
            if rule.go_back_to in sections_done:
                return SectionDecisionSuggestion(
                    STOP,
                    f"Stop: only {seen}, and the earlier section '{rule.go_back_to}' has "
                    f"already been given.{note}",
                )
            return SectionDecisionSuggestion(
                GO_BACK,
                f"Go back to '{rule.go_back_to}': {seen}, so this section is too hard for "
                f"now.{note}",
                target_section_id=rule.go_back_to,
            )
    return _otherwise(section, stages, reaching, note)


def _otherwise(
    section: Section, stages: list[int | None], reaching: Callable[[int], int], note: str
) -> SectionDecisionSuggestion:
    rule = section.decision
    if rule.otherwise == CONTINUE:
        return SectionDecisionSuggestion(
            CONTINUE, f"Continue: the rule goes on to the next section.{note}"
        )
    if rule.continue_when is None:
        return SectionDecisionSuggestion(
            STOP, f"Stop: this is the last section of the interview.{note}"
        )
    condition = rule.continue_when
    n = reaching(condition.stage)
    close = condition.min_tasks is not None and n == condition.min_tasks - 1
    reason = (
        f"Stop: {n} of {len(stages)} tasks showed stage {condition.stage} or above; the rule "
        f"continues with {condition.describe()}.{note}"
    )
    if close:
        reason += (
            f" This is a close call: one more task at stage {condition.stage} would mean going "
            "on. If in doubt, or if the child may show more, continue."
        )
    return SectionDecisionSuggestion(STOP, reason, close_call=close)


def suggest_domain_stage(
    script: InterviewScript,
    observations: Iterable[Observation],
    domain: str,
    *,
    codes: StrategyCodes | None = None,
) -> StageSuggestion:
    """The suggested stage for one strategy domain, with its evidence (rule in the module docstring)."""
    evidence = tuple(e for e in task_evidence(script, observations) if e.domain == domain)
    staged = sorted((e for e in evidence if e.stage is not None), key=lambda e: -(e.stage or 0))
    if not staged:
        reason = (
            "No task in this domain showed a stage yet."
            if evidence
            else "No task in this domain was tagged."
        )
        return StageSuggestion(domain, None, True, reason, evidence=evidence)
    top = staged[0].stage
    if len(staged) == 1:
        only = staged[0]
        reason = (
            f"Only one task shows a stage: {_task_words(only, codes)} shows stage {top}. "
            "Needs more evidence: try another task in this domain."
        )
        return StageSuggestion(
            domain, top, True, reason, (only.task_id,), top, top, evidence=evidence
        )
    stage = staged[1].stage
    assert top is not None and stage is not None
    supporting = tuple(e.task_id for e in evidence if e.stage is not None and e.stage >= stage)
    titles = [e.task_title or e.task_id for e in evidence if e.task_id in supporting]
    reason = f"Stage {stage} is shown by {_count(len(supporting), 'task')} ({', '.join(titles)})."
    if top > stage:
        reason += (
            f" Stage {top} was seen once ({_task_words(staged[0], codes)}): needs more evidence "
            "before suggesting it."
        )
        return StageSuggestion(domain, stage, True, reason, supporting, top, top, evidence=evidence)
    return StageSuggestion(domain, stage, False, reason, supporting, None, top, evidence=evidence)


def suggest_domain_stages(
    script: InterviewScript,
    observations: Iterable[Observation],
    *,
    codes: StrategyCodes | None = None,
) -> dict[str, StageSuggestion]:
    """A suggestion for every strategy domain the script covers, in script order."""
    observations = tuple(observations)
    return {
        domain: suggest_domain_stage(script, observations, domain, codes=codes)
        for domain in script.domains
    }


def suggest_global_stage(
    domain_suggestions: Iterable[StageSuggestion] | Mapping[str, StageSuggestion],
) -> GlobalStageSuggestion:
    """The highest stage reached in more than half of the domains that have a stage.

    With three domains that is the middle one, with two the lower, with one that one: a child
    is placed where most of their domains are, never above all of them or below all of them.
    """
    if isinstance(domain_suggestions, Mapping):
        domain_suggestions = domain_suggestions.values()
    suggestions = list(domain_suggestions)
    staged = [(s.domain, s.stage) for s in suggestions if s.stage is not None]
    missing = [s.domain for s in suggestions if s.stage is None]
    if not staged:
        return GlobalStageSuggestion(None, "No strategy domain has a stage yet.")
    ordered = sorted((stage for _, stage in staged), reverse=True)
    stage = ordered[len(ordered) // 2]
    listing = ", ".join(f"{domain} {value}" for domain, value in staged)
    if len(staged) == 1:
        reason = f"Stage {stage}: only one domain has a stage ({listing})."
    else:
        reaching = sum(value >= stage for value in ordered)
        reason = (
            f"Stage {stage}: the highest stage reached in most domains "
            f"({reaching} of {len(staged)}: {listing})."
        )
    if missing:
        reason += f" No stage yet for {', '.join(missing)}."
    thin = missing or any(s.needs_more_evidence for s in suggestions if s.stage is not None)
    return GlobalStageSuggestion(stage, reason, tuple(staged), bool(thin) or len(staged) == 1)


def counting_interview_stages(check: KnowledgeCheck, answers: Mapping[str, bool]) -> dict[str, int]:
    """Knowledge stage per domain from the counting interview (item id → right or wrong).

    Per domain, items are taken stage by stage from the lowest. The stage is the last one in the
    unbroken run of stages whose asked items were all right. If the lowest stage asked already
    has a wrong answer, the stage is the one below it (0 at the lowest). Domains with no asked
    item are left out.
    """
    by_domain: dict[str, dict[int, list[bool]]] = {}
    for item in check.counting_items:
        if item.id in answers:
            by_domain.setdefault(item.domain, {}).setdefault(item.stage, []).append(
                bool(answers[item.id])
            )
    stages: dict[str, int] = {}
    for domain, by_stage in by_domain.items():
        levels = sorted(by_stage)
        reached = max(levels[0] - 1, 0)
        for level in levels:
            if not all(by_stage[level]):
                break
            reached = level
        stages[domain] = reached
    return stages


def _task_words(evidence: Evidence, codes: StrategyCodes | None) -> str:
    named = [c for c in evidence.codes if c != JUST_KNEW] or list(evidence.codes)
    if codes is not None:
        named = [codes.get(c).label if c in codes else c for c in named]
    return f"{evidence.task_title or evidence.task_id}: {', '.join(named)}"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
