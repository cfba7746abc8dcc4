"""What each task showed: the stage its strategy earns, and whether the answer let it count.

Pure functions over a script and the teacher's observations. The rules, in plain words:

- **A task's strategy stage** is the highest stage that any code tagged on it shows in that
  task's scoring guide. Codes that show no stage (guessed, other) and codes the guide does not
  list add nothing.
- **Just knew** on a *basic-fact task* (the guide marks the small addition and multiplication
  facts as `basic_fact`) is recall of a fact the stage expects, so it shows the task's just-knew
  stage on its own. Anywhere else an instant answer is knowledge, not a strategy: it shows the
  just-knew stage only when the child's explanation is tagged with one of the task's
  `confirmed_by` codes.
- **Answers count.** The teacher's last right/wrong mark on a task decides whether its strategy
  stage is credited. Right, or not marked: the stage counts. Wrong: the stage is only *tried*
  (shown as such in the evidence) and never counts towards a suggestion or a section decision.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ikan_desktop.domain.script_records import InterviewScript, Section, Task
from ikan_desktop.domain.strategy_codes import JUST_KNEW

__all__ = [
    "ANSWER_MARKS",
    "CORRECT",
    "INCORRECT",
    "Evidence",
    "Observation",
    "task_evidence",
    "task_stage",
    "task_stages",
]

CORRECT, INCORRECT = "correct", "incorrect"
ANSWER_MARKS = (CORRECT, INCORRECT)
CONFIRMED, NOT_CONFIRMED, KNOWN_FACT = "confirmed", "not confirmed", "a known fact"


@dataclass(frozen=True, slots=True)
class Observation:
    """One tag as judgement sees it: which task, which code (or answer mark), when, undone or not.

    `code` is a strategy code, or "correct" / "incorrect" for the teacher's mark on the answer.
    The task's domain comes from the script; `domain` is kept for callers' convenience only.
    """

    task_id: str
    domain: str
    code: str
    t_ms: int
    deleted: bool = False


@dataclass(frozen=True, slots=True)
class Evidence:
    """What one task showed: the credited stage, what was tried, the codes and the answer mark."""

    task_id: str
    section_id: str
    domain: str
    stage: int | None  # credited: counts towards suggestions and section decisions
    codes: tuple[str, ...]
    first_t_ms: int
    just_knew: str = ""  # "", "confirmed", "not confirmed" or "a known fact"
    answer: str = ""  # "", "correct" or "incorrect" (the last mark given)
    tried: int | None = None  # the strategy's stage when the answer was wrong
    just_knew_t_ms: int | None = None  # when "just knew" was tagged (for its response time)
    task_title: str = ""  # the task in a teacher's words (see Task.short_title)

    @property
    def name(self) -> str:
        """How a reason names the task: its title, its id only when it has none."""
        return self.task_title or self.task_id

    @property
    def strategy_stage(self) -> int | None:
        """The stage the strategy shows, whether or not the answer let it count."""
        return self.stage if self.stage is not None else self.tried


def task_stage(task: Task, codes: Iterable[str]) -> int | None:
    """The stage a task's strategy shows from the codes tagged on it (answer marks aside)."""
    tagged = set(codes)
    stages = [task.scoring.stage_for(code) for code in tagged if code in task.scoring]
    if JUST_KNEW in tagged and (
        task.just_knew.basic_fact or tagged.intersection(task.just_knew.confirmed_by)
    ):
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
            tagged = sorted(by_task.get(task.id, []), key=lambda o: (o.t_ms, o.code))
            if tagged:
                found.append(_evidence(section, task, tagged))
    return tuple(found)


def _evidence(section: Section, task: Task, tagged: list[Observation]) -> Evidence:
    marks = [o.code for o in tagged if o.code in ANSWER_MARKS]
    strategies = [o for o in tagged if o.code not in ANSWER_MARKS]
    codes = tuple(dict.fromkeys(o.code for o in strategies))
    just_knew, just_knew_t_ms = "", None
    if JUST_KNEW in codes:
        just_knew_t_ms = next(o.t_ms for o in strategies if o.code == JUST_KNEW)
        if set(codes).intersection(task.just_knew.confirmed_by):
            just_knew = CONFIRMED
        else:
            just_knew = KNOWN_FACT if task.just_knew.basic_fact else NOT_CONFIRMED
    answer = marks[-1] if marks else ""
    shown = task_stage(task, codes)
    wrong = answer == INCORRECT
    return Evidence(
        task_id=task.id,
        section_id=section.id,
        domain=task.domain,
        stage=None if wrong else shown,
        codes=codes,
        first_t_ms=tagged[0].t_ms,
        just_knew=just_knew,
        answer=answer,
        tried=shown if wrong else None,
        just_knew_t_ms=just_knew_t_ms,
        task_title=task.short_title,
    )


def task_stages(
    script: InterviewScript, observations: Iterable[Observation], section_id: str | None = None
) -> dict[str, int | None]:
    """Task id → credited stage, for every task of the script (or of one section); None if none."""
    shown = {e.task_id: e.stage for e in task_evidence(script, observations)}
    sections = script.sections if section_id is None else (script.section(section_id),)
    return {task.id: shown.get(task.id) for section in sections for task in section.tasks}
