"""Suggested stages and section decisions, always with the evidence behind them.

Pure functions: they read a script and the teacher's observations and return suggestions; the
teacher's confirmation is a separate record. What each task shows (and when a wrong answer
stops it counting) is in `evidence.py`; the domain and global stages in `stage_suggestions.py`;
both are re-exported here. The section rule, in plain words:

- **A section's decision** follows its rule, counting only credited task stages (a strategy
  that led to a wrong answer does not count): continue when enough tasks reach the rule's
  stage, go back when too few reach it (unless that earlier section was already given: then
  stop), otherwise what the rule says. Continuing into a section that was already given (after
  going back from it) becomes stop. One task short of continuing is flagged as a close call.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass

from ikan_desktop.domain.evidence import (
    Evidence,
    Observation,
    task_evidence,
    task_stage,
    task_stages,
)
from ikan_desktop.domain.script_records import CONTINUE, GO_BACK, STOP, KnowledgeCheck, Section
from ikan_desktop.domain.stage_suggestions import (
    GlobalStageSuggestion,
    StageSuggestion,
    suggest_domain_stage,
    suggest_domain_stages,
    suggest_global_stage,
)

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


@dataclass(frozen=True, slots=True)
class SectionDecisionSuggestion:
    """What a section's rule suggests (continue / stop / go_back), with the reason in plain words."""

    action: str
    reason: str
    target_section_id: str | None = None
    close_call: bool = False


def section_decision(
    section: Section,
    task_stages: Mapping[str, int | None],
    *,
    sections_done: Collection[str] = (),
    next_section_id: str | None = None,
) -> SectionDecisionSuggestion:
    """What the section's rule suggests from its task stages.

    `sections_done` blocks going back to, or continuing into, a section already given;
    `next_section_id` is the section "continue" leads to.
    """
    suggestion = _by_rule(section, task_stages, sections_done)
    if suggestion.action == CONTINUE and next_section_id and next_section_id in sections_done:
        return SectionDecisionSuggestion(
            STOP,
            f"Stop: the rule would continue, but the next section '{next_section_id}' has "
            f"already been given. {suggestion.reason.removeprefix('Continue: ')}",
        )
    return suggestion


def _by_rule(
    section: Section, task_stages: Mapping[str, int | None], sections_done: Collection[str]
) -> SectionDecisionSuggestion:
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


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
