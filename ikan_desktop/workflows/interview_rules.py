"""The script's judgement rules, applied to what the live interview recorded."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ikan_desktop.domain import judgement
from ikan_desktop.domain.evidence import ANSWER_MARKS
from ikan_desktop.domain.framework import load_framework
from ikan_desktop.domain.script_records import InterviewScript
from ikan_desktop.domain.strategy_codes import StrategyCodes
from ikan_desktop.domain.tags import RESPONSE, STRATEGY, Tag
from ikan_desktop.workflows.interview_plan import DecisionSuggestion, PlannedSection


def observations(script: InterviewScript, tags: Iterable[Tag]) -> list[judgement.Observation]:
    """Strategy tags and right/wrong marks as judgement reads them (deleted ones left out)."""
    domains = {task.id: task.domain for section in script.sections for task in section.tasks}
    return [
        judgement.Observation(
            task_id=tag.task_id, domain=domains[tag.task_id], code=tag.code, t_ms=tag.t_ms
        )
        for tag in tags
        if _counts(tag) and not tag.deleted and tag.task_id in domains
    ]


def _counts(tag: Tag) -> bool:
    return tag.kind == STRATEGY or (tag.kind == RESPONSE and tag.code in ANSWER_MARKS)


def qualified_stages() -> tuple[int, ...]:
    """The stages the framework lets a teacher qualify as early / at."""
    framework = load_framework()
    return tuple(n for n in framework.stage_numbers if framework.qualifiers_for(n))


@dataclass(frozen=True)
class InterviewSummary:
    """Suggested stages at the end of an interview: per domain with evidence, and global."""

    domains: tuple[judgement.StageSuggestion, ...]
    overall: judgement.GlobalStageSuggestion


@dataclass(frozen=True)
class InterviewRules:
    """Decision rules and stage suggestions for one script."""

    script: InterviewScript
    codes: StrategyCodes

    def decide_section(
        self, section: PlannedSection, tags: list[Tag], sections_done: Iterable[str] = ()
    ) -> DecisionSuggestion:
        """The section's decision rule applied to the tags recorded on its tasks."""
        stages = judgement.task_stages(self.script, observations(self.script, tags), section.id)
        following = self.script.next_section(section.id)
        suggestion = judgement.section_decision(
            self.script.section(section.id),
            stages,
            sections_done=tuple(sections_done),
            next_section_id=following.id if following else None,
        )
        return DecisionSuggestion(
            suggestion.action, suggestion.reason, suggestion.target_section_id
        )

    def summarise(self, tags: list[Tag]) -> InterviewSummary:
        """Suggested stages per strategy domain, with evidence, and the global stage."""
        seen = observations(self.script, tags)
        domains = judgement.suggest_domain_stages(
            self.script, seen, codes=self.codes, qualified_stages=qualified_stages()
        )
        return InterviewSummary(tuple(domains.values()), judgement.suggest_global_stage(domains))
