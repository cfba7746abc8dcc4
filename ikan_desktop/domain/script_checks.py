"""Checks on interview scripts that a schema cannot express, each naming the field to fix.

They run on records built from files that already match their schema. They take the framework's
stages and domains and the strategy-code list as plain arguments, so a script can be checked
against any framework (or a test's own small one) without loading files.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import Protocol

from ikan_desktop.domain.script_records import (
    CONTINUE,
    Condition,
    InterviewScript,
    KnowledgeCheck,
    Section,
    Task,
)
from ikan_desktop.domain.strategy_codes import JUST_KNEW, StrategyCodes
from ikan_desktop.domain.validation import ContentError

Add = Callable[[str, str], None]


class FrameworkLike(Protocol):
    """What the checks need from a framework (a loaded `Framework` has all three)."""

    @property
    def stage_numbers(self) -> tuple[int, ...]: ...

    @property
    def strategy_domain_ids(self) -> tuple[str, ...]: ...

    @property
    def knowledge_domain_ids(self) -> tuple[str, ...]: ...


@dataclass(frozen=True, slots=True)
class FrameworkFacts:
    """The stages and domain ids scripts are checked against, without a framework file."""

    stage_numbers: tuple[int, ...]
    strategy_domain_ids: tuple[str, ...]
    knowledge_domain_ids: tuple[str, ...]

    @classmethod
    def of(cls, framework: FrameworkLike) -> FrameworkFacts:
        """The facts of a loaded framework (or anything shaped like one)."""
        return cls(
            tuple(framework.stage_numbers),
            tuple(framework.strategy_domain_ids),
            tuple(framework.knowledge_domain_ids),
        )


def check_script(
    script: InterviewScript,
    *,
    stage_numbers: Collection[int],
    strategy_domain_ids: Collection[str],
    codes: StrategyCodes,
) -> list[ContentError]:
    """Every cross-reference problem in a strategy form: codes, stages, domains, ids, rules."""
    found: list[ContentError] = []

    def add(where: str, message: str) -> None:
        found.append(ContentError(script.file, where, message))

    stages = set(stage_numbers)
    _unique([s.id for s in script.sections], "sections[{}].id", "section id", add)
    _unique([t.id for s in script.sections for t in s.tasks], _task_id_path(script), "task id", add)
    previous_from = None
    for s_index, section in enumerate(script.sections):
        where = f"sections[{s_index}]"
        for field in ("from_stage", "to_stage"):
            stage = getattr(section, field)
            if stage not in stages:
                add(f"{where}.target.{field}", _no_stage(stage, stages))
        if section.from_stage > section.to_stage:
            add(f"{where}.target", "from_stage must not be above to_stage")
        if previous_from is not None and section.from_stage < previous_from:
            add(f"{where}.target.from_stage", "sections must run from the lowest band upwards")
        previous_from = section.from_stage
        for t_index, task in enumerate(section.tasks):
            _check_task(task, f"{where}.tasks[{t_index}]", stages, strategy_domain_ids, codes, add)
        _check_decision(script, s_index, stages, add)
    return found


def _check_task(
    task: Task,
    where: str,
    stages: set[int],
    domains: Collection[str],
    codes: StrategyCodes,
    add: Add,
) -> None:
    if task.domain not in domains:
        add(f"{where}.domain", _unknown("strategy domain", task.domain, domains))
    for code, stage in task.scoring.entries:
        place = f"{where}.scoring.{code}"
        if code == JUST_KNEW:
            add(place, "just_knew is scored through the task's just_knew block; remove it here")
        elif code not in codes:
            add(place, _unknown("strategy code", code, codes.ids))
        elif stage is not None and not codes.get(code).shows_a_stage:
            add(place, f"{code!r} never shows a stage (its family is 'none'); write null")
        if stage is not None and stage not in stages:
            add(place, _no_stage(stage, stages))
    if task.scoring.highest_stage is None:
        add(f"{where}.scoring", "no code in the scoring guide shows a stage; give at least one")
    if task.just_knew.stage not in stages:
        add(f"{where}.just_knew.stage", _no_stage(task.just_knew.stage, stages))
    for index, code in enumerate(task.just_knew.confirmed_by):
        place = f"{where}.just_knew.confirmed_by[{index}]"
        if code not in task.scoring:
            add(
                place,
                f"{code!r} is not in this task's scoring guide ({', '.join(task.scoring.codes)})",
            )
        elif task.scoring.stage_for(code) is None:
            add(place, f"{code!r} shows no stage on this task, so it cannot confirm an answer")


def _check_decision(script: InterviewScript, index: int, stages: set[int], add: Add) -> None:
    section = script.sections[index]
    rule = section.decision
    where = f"sections[{index}].decision"
    for name, condition in (
        ("continue_when", rule.continue_when),
        ("go_back_when", rule.go_back_when),
    ):
        if condition is not None:
            _check_condition(condition, section, f"{where}.{name}", stages, add)
    last = index == len(script.sections) - 1
    if last and rule.continue_when is not None:
        add(
            f"{where}.continue_when", "this is the last section, so there is nothing to continue to"
        )
    if last and rule.otherwise == CONTINUE:
        add(f"{where}.otherwise", "this is the last section; write 'stop'")
    if (rule.go_back_when is None) != (rule.go_back_to is None):
        missing = "go_back_to" if rule.go_back_to is None else "go_back_when"
        add(f"{where}.{missing}", "go_back_when and go_back_to go together; give both or neither")
    if rule.go_back_to is None:
        return
    earlier = [s.id for s in script.sections[:index]]
    if rule.go_back_to not in earlier:
        if rule.go_back_to in (s.id for s in script.sections):
            message = f"'{rule.go_back_to}' is not before this section; go back to an earlier one"
        elif not earlier:
            message = "the first section has nothing to go back to"
        else:
            message = _unknown("earlier section", rule.go_back_to, earlier)
        add(f"{where}.go_back_to", message)


def _check_condition(
    condition: Condition, section: Section, where: str, stages: set[int], add: Add
) -> None:
    if (condition.min_tasks is None) == (condition.max_tasks is None):
        add(where, "give exactly one of min_tasks_at_or_above or max_tasks_at_or_above")
    if condition.stage not in stages:
        add(f"{where}.stage", _no_stage(condition.stage, stages))
    if condition.min_tasks is not None and condition.min_tasks > len(section.tasks):
        add(
            f"{where}.min_tasks_at_or_above",
            f"the section has only {len(section.tasks)} task(s), so "
            f"{condition.min_tasks} can never be reached",
        )


def check_knowledge_check(
    check: KnowledgeCheck,
    *,
    stage_numbers: Collection[int],
    knowledge_domain_ids: Collection[str],
) -> list[ContentError]:
    """Every cross-reference problem in a knowledge check: ids, domains, stages, bank order."""
    found: list[ContentError] = []

    def add(where: str, message: str) -> None:
        found.append(ContentError(check.file, where, message))

    stages = set(stage_numbers)
    places = [
        (i.id, f"counting_interview.items[{n}].id") for n, i in enumerate(check.counting_items)
    ]
    for b, bank in enumerate(check.banks):
        places += [(item.id, f"banks[{b}].items[{n}].id") for n, item in enumerate(bank.items)]
    _unique_places(places, "item id", add)
    _unique_places(
        [(bank.id, f"banks[{b}].id") for b, bank in enumerate(check.banks)], "bank id", add
    )
    for n, item in enumerate(check.counting_items):
        where = f"counting_interview.items[{n}]"
        if item.domain not in knowledge_domain_ids:
            add(f"{where}.domain", _unknown("knowledge domain", item.domain, knowledge_domain_ids))
        if item.stage not in stages:
            add(f"{where}.stage", _no_stage(item.stage, stages))
    top = max(stages) if stages else None
    previous: tuple[int, bool] | None = None
    for b, bank in enumerate(check.banks):
        where = f"banks[{b}]"
        if bank.target_stage not in stages:
            add(f"{where}.target_stage", _no_stage(bank.target_stage, stages))
        if bank.beyond_top and bank.target_stage != top:
            add(
                f"{where}.beyond_top",
                f"only a bank targeting the top stage ({top}) can be beyond it",
            )
        level = (bank.target_stage, bank.beyond_top)
        if previous is not None and level < previous:
            add(f"{where}.target_stage", "banks must run from the lowest target stage upwards")
        previous = level
        for n, item in enumerate(bank.items):
            if item.domain not in knowledge_domain_ids:
                message = _unknown("knowledge domain", item.domain, knowledge_domain_ids)
                add(f"{where}.items[{n}].domain", message)
    return found


def check_parallel(forms: Sequence[InterviewScript]) -> list[ContentError]:
    """Whether forms are parallel: the same sections, bands, domains, task counts and scoring."""
    if len(forms) < 2:
        return []
    found: list[ContentError] = []
    first = forms[0]
    seen_letters = {first.form: first.file}
    seen_ids = {first.id: first.file}
    for form in forms[1:]:

        def add(where: str, message: str, form: InterviewScript = form) -> None:
            found.append(ContentError(form.file, where, message))

        ref = f"form {first.form} ({first.file})"
        if form.series != first.series:
            add("series", f"'{form.series}' differs from the series '{first.series}' of {ref}")
        for value, seen, field in ((form.form, seen_letters, "form"), (form.id, seen_ids, "id")):
            if value in seen:
                add(field, f"{value!r} is already used by {seen[value]}; each form needs its own")
            seen.setdefault(value, form.file)
        ids, ref_ids = [s.id for s in form.sections], [s.id for s in first.sections]
        if ids != ref_ids:
            add("sections", f"the section ids {ids} differ from {ref}: {ref_ids}, in that order")
            continue
        for index, (section, ref_section) in enumerate(
            zip(form.sections, first.sections, strict=True)
        ):
            _compare_sections(section, ref_section, f"sections[{index}]", ref, add)
    return found


def _compare_sections(
    section: Section, ref_section: Section, where: str, ref: str, add: Add
) -> None:
    if (section.from_stage, section.to_stage) != (ref_section.from_stage, ref_section.to_stage):
        add(f"{where}.target", f"the band {section.band} differs from {ref}: {ref_section.band}")
    if sorted(section.domains) != sorted(ref_section.domains):
        add(
            f"{where}.tasks",
            f"the domains {', '.join(section.domains)} differ from {ref}: "
            f"{', '.join(ref_section.domains)}",
        )
        return
    for domain in ref_section.domains:
        tasks = [(i, t) for i, t in enumerate(section.tasks) if t.domain == domain]
        ref_tasks = ref_section.tasks_in(domain)
        if len(tasks) != len(ref_tasks):
            add(
                f"{where}.tasks",
                f"{len(tasks)} {domain} task(s), but {ref} has {len(ref_tasks)} in this section",
            )
            continue
        for (task_index, task), ref_task in zip(tasks, ref_tasks, strict=True):
            task_where = f"{where}.tasks[{task_index}]"
            if task.scoring != ref_task.scoring:
                add(
                    f"{task_where}.scoring",
                    f"the scoring guide differs from {ref_task.id} in {ref}",
                )
            if (task.just_knew.stage, task.just_knew.confirmed_by, task.just_knew.basic_fact) != (
                ref_task.just_knew.stage,
                ref_task.just_knew.confirmed_by,
                ref_task.just_knew.basic_fact,
            ):
                add(
                    f"{task_where}.just_knew",
                    f"the just-knew rule differs from {ref_task.id} in {ref}",
                )
    if section.decision != ref_section.decision:
        add(
            f"{where}.decision",
            f"the decision rule differs from {ref}: {ref_section.decision.describe()}",
        )


def _unique(values: list[str], template: str | Callable[[int], str], noun: str, add: Add) -> None:
    path = template.format if isinstance(template, str) else template
    _unique_places([(value, path(index)) for index, value in enumerate(values)], noun, add)


def _unique_places(places: list[tuple[str, str]], noun: str, add: Add) -> None:
    first: dict[str, str] = {}
    for value, where in places:
        if value in first:
            add(
                where, f"the {noun} {value!r} is already used at {first[value]}; ids must be unique"
            )
        first.setdefault(value, where)


def _task_id_path(script: InterviewScript) -> Callable[[int], str]:
    paths = [
        f"sections[{s}].tasks[{t}].id"
        for s, section in enumerate(script.sections)
        for t in range(len(section.tasks))
    ]
    return paths.__getitem__


def _no_stage(stage: int, stages: Collection[int]) -> str:
    known = sorted(stages)
    span = f"{known[0]}–{known[-1]}" if known else "none"
    return f"there is no stage {stage} in the framework (its stages are {span})"


def _unknown(noun: str, value: str, known: Collection[str]) -> str:
    message = f"{value!r} is not a known {noun}"
    close = difflib.get_close_matches(value, list(known), n=1)
    if close:
        return f"{message}; did you mean {close[0]!r}?"
    return f"{message}; expected one of {', '.join(known)}"
