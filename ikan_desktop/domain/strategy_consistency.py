"""The same strategy gives the same stage: a check across every form of a series.

A teacher tags what the child did, and the stage follows from the task's scoring guide. If the
same move on comparable tasks showed different stages, the suggestion would depend on which
task happened to be asked, not on the child. Within one section of the series, in every form:

- a counting code (family `counting`) shows one stage on every task of the same domain:
  counting on is counting on, whatever the numbers;
- a known-fact code (family `known_fact`, e.g. "used a times fact") shows one stage on every
  task of the section, whatever the domain: recalling 3 × 4 is the same knowledge whether it
  shares strawberries or finds a quarter of twelve.

Part-whole codes may differ with the numbers (place value on 2-digit × 1-digit shows stage 6,
on 2-digit × 2-digit stage 7); the parallel-forms check keeps each task's guide the same in
every form.
"""

from __future__ import annotations

from collections.abc import Sequence

from ikan_desktop.domain.script_records import InterviewScript
from ikan_desktop.domain.strategy_codes import COUNTING, KNOWN_FACT, StrategyCodes
from ikan_desktop.domain.validation import ContentError

__all__ = ["check_same_strategy_same_stage"]

ANY_DOMAIN = "*"


def check_same_strategy_same_stage(
    forms: Sequence[InterviewScript], codes: StrategyCodes
) -> list[ContentError]:
    """Every place where one strategy shows a different stage on comparable tasks."""
    first_seen: dict[tuple[str, str, str], tuple[int, str]] = {}
    found: list[ContentError] = []
    for form in forms:
        for s_index, section in enumerate(form.sections):
            for t_index, task in enumerate(section.tasks):
                for code, stage in task.scoring.entries:
                    family = codes.get(code).family if code in codes else None
                    if stage is None or family not in (COUNTING, KNOWN_FACT):
                        continue
                    known = family == KNOWN_FACT
                    key = (section.id, ANY_DOMAIN if known else task.domain, code)
                    where = f"sections[{s_index}].tasks[{t_index}].scoring.{code}"
                    if key not in first_seen:
                        first_seen[key] = (stage, f"{task.id} in {form.file}")
                        continue
                    ref_stage, ref = first_seen[key]
                    if stage != ref_stage:
                        scope = "any task" if known else f"a {task.domain} task"
                        message = (
                            f"{code!r} shows stage {stage} on {task.id}, but stage {ref_stage} "
                            f"on {ref}: the same strategy must show the same stage on {scope} "
                            f"of section '{section.id}'"
                        )
                        found.append(ContentError(form.file, where, message))
    return found
