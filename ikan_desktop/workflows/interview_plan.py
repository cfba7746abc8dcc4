"""The interview as the live screen walks it: sections, tasks and the keys that score them.

Built from an interview script; keeps the live controller independent of the script file's shape.
"""

from __future__ import annotations

from dataclasses import dataclass

from ikan_desktop.domain.script_records import InterviewScript, Task
from ikan_desktop.domain.strategy_codes import JUST_KNEW, StrategyCodes
from ikan_desktop.workflows.interview_keys import strategy_keys


@dataclass(frozen=True, slots=True)
class ScoringChoice:
    """One strategy the task can show, on its code's fixed key."""

    key: str
    code: str
    label: str
    stage: int | None


@dataclass(frozen=True, slots=True)
class PlannedTask:
    """A task as read and scored during the interview."""

    id: str
    domain: str
    prompt: str
    card: str
    materials: tuple[str, ...]
    probes: tuple[str, ...]
    choices: tuple[ScoringChoice, ...]
    answer: str = ""
    after_counting: str = ""
    just_knew_probe: str = ""
    just_knew_stage: int | None = None
    basic_fact: bool = False  # "just knew" here is recall of a fact: it shows its stage

    def choice_for_key(self, key: str) -> ScoringChoice | None:
        return next((c for c in self.choices if c.key == key), None)

    def stage_for(self, code: str) -> int | None:
        if code == JUST_KNEW and self.basic_fact:
            return self.just_knew_stage
        return next((c.stage for c in self.choices if c.code == code), None)


@dataclass(frozen=True, slots=True)
class PlannedSection:
    """A stage band of tasks, ending in a decision."""

    id: str
    title: str
    lowest_stage: int
    highest_stage: int
    tasks: tuple[PlannedTask, ...]
    guidance: str = ""

    @property
    def band(self) -> str:
        return f"stages {self.lowest_stage}–{self.highest_stage}"


CONTINUE, STOP, GO_BACK = "continue", "stop", "go_back"
DECISIONS = (CONTINUE, STOP, GO_BACK)


@dataclass(frozen=True, slots=True)
class DecisionSuggestion:
    """What a section's rule suggests, with the reason in plain words."""

    action: str
    reason: str
    target_section_id: str | None = None


def plan_sections(script: InterviewScript, codes: StrategyCodes) -> tuple[PlannedSection, ...]:
    """The script's sections as the live screen walks them, each choice on its code's key."""
    return tuple(
        PlannedSection(
            id=section.id,
            title=section.title,
            lowest_stage=section.from_stage,
            highest_stage=section.to_stage,
            guidance=section.guidance,
            tasks=tuple(_planned_task(task, codes) for task in section.tasks),
        )
        for section in script.sections
    )


def _planned_task(task: Task, codes: StrategyCodes) -> PlannedTask:
    keys = strategy_keys(codes)
    choices = tuple(
        ScoringChoice(
            key=keys[code],
            code=code,
            label=codes.get(code).label if code in codes else code.replace("_", " "),
            stage=stage,
        )
        for code, stage in task.scoring.entries
        if code in keys
    )
    return PlannedTask(
        id=task.id,
        domain=task.domain,
        prompt=" ".join(task.prompt.split()),
        card=task.card or "",
        materials=task.materials,
        probes=task.probes,
        choices=choices,
        answer=task.answer,
        after_counting=" ".join(task.after_counting.split()),
        just_knew_probe=" ".join(task.just_knew.probe.split()),
        just_knew_stage=task.just_knew.stage,
        basic_fact=task.just_knew.basic_fact,
    )
