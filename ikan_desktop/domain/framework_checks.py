"""Checks on a framework file that a schema cannot express, each naming the field to fix.

These run only on data that already matches the schema, so every field has the right type.
They are the loader's second pass: stages numbered 0..N with no gaps, every domain and stage that
is mentioned exists, stage values are allowed where used, and expectations never go down.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date
from itertools import pairwise
from typing import Any

from ikan_desktop.domain.framework_records import StageValue
from ikan_desktop.domain.validation import ContentError


class _Context:
    """What the rest of the file is checked against: the stages, domains and qualifiers it defines."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.stages = {stage["number"] for stage in data["stages"]}
        self.top = max(self.stages)
        self.strategy = [d["id"] for d in data["strategy_domains"]]
        self.knowledge = [d["id"] for d in data["knowledge_domains"]]
        self.qualifiers = {q["id"]: set(q["stages"]) for q in data["qualifiers"]}
        self.combined = {c["id"] for c in data.get("combined_stages", [])}

    def value_problem(self, raw: str | int) -> str | None:
        try:
            value = StageValue.parse(raw)
        except ValueError as error:
            return str(error)
        if value is None:
            return "an expectation cannot be 'not assessed'; give a stage"
        if value.stage not in self.stages:
            return f"there is no stage {value.stage} in this framework"
        if value.upper is not None:
            if f"{value.stage}-{value.upper}" not in self.combined:
                return f"'{value}' is not one of the combined_stages of this framework"
        elif value.qualifier and value.stage not in self.qualifiers.get(value.qualifier, set()):
            return f"'{value.qualifier}' is not allowed with stage {value.stage} (see qualifiers)"
        return None


def framework_problems(data: dict[str, Any], file: str) -> list[ContentError]:
    """Every cross-reference problem in a framework file that already matches the schema."""
    context = _Context(data)
    found: list[ContentError] = []

    def add(where: str, message: str) -> None:
        found.append(ContentError(file, where, message))

    _check_stage_numbers([s["number"] for s in data["stages"]], add)
    for where, ids in (
        ("strategy_domains", context.strategy),
        ("knowledge_domains", context.knowledge),
        ("qualifiers", list(context.qualifiers)),
        ("combined_stages", [c["id"] for c in data.get("combined_stages", [])]),
    ):
        _check_unique(ids, where, "id", add)
    for i, stage in enumerate(data["stages"]):
        _check_keys(stage["descriptors"], context.strategy, f"stages[{i}].descriptors", add)
    for i, qualifier in enumerate(data["qualifiers"]):
        _check_stages_exist(qualifier["stages"], context, f"qualifiers[{i}].stages", add)
    for i, combined in enumerate(data.get("combined_stages", [])):
        where = f"combined_stages[{i}]"
        _check_stages_exist(combined["stages"], context, f"{where}.stages", add)
        low, high = (int(n) for n in combined["id"].split("-"))
        if sorted(combined["stages"]) != list(range(low, high + 1)):
            add(f"{where}.stages", f"the stages of '{combined['id']}' should be {low} to {high}")
    _check_knowledge(data["knowledge"], context, add)
    _check_next_steps(data["next_steps"], context, add)
    for i, mapping in enumerate(data["expectations"]):
        found += mapping_problems(mapping, context, file, f"expectations[{i}].")
    return found


def mapping_file_problems(
    mapping: dict[str, Any], framework: dict[str, Any], file: str
) -> list[ContentError]:
    """Problems in a separate expectation mapping file, checked against its framework."""
    found = []
    if mapping["framework"] != framework["id"]:
        found.append(
            ContentError(
                file,
                "framework",
                f"this mapping is for framework '{mapping['framework']}', "
                f"but it is listed by '{framework['id']}'",
            )
        )
    return found + mapping_problems(mapping, _Context(framework), file, "")


def mapping_problems(
    mapping: dict[str, Any], context: _Context, file: str, prefix: str
) -> list[ContentError]:
    """Problems in one expectation mapping: unknown domains, impossible stages, dates, order."""
    found: list[ContentError] = []

    def add(where: str, message: str) -> None:
        found.append(ContentError(file, prefix + where, message))

    applies_to = mapping["applies_to"]
    for j, domain in enumerate(applies_to):
        if domain not in context.strategy:
            add(f"applies_to[{j}]", _unknown(domain, "strategy domain", context.strategy))
    for key in ("new_school_year_from", "end_of_year_from"):
        month, day = (int(n) for n in mapping["school_year"][key].split("-"))
        try:
            date(2001, month, day)
        except ValueError:
            add(f"school_year.{key}", f"{mapping['school_year'][key]!r} is not a day of the year")
    for j, row in enumerate(mapping["milestones"]):
        where = f"milestones[{j}]"
        if ("after_years_at_school" in row) == ("end_of_year_level" in row):
            add(where, "give exactly one of after_years_at_school or end_of_year_level")
        if problem := context.value_problem(row["expected"]):
            add(f"{where}.expected", problem)
        for domain, raw in row.get("by_domain", {}).items():
            if domain not in applies_to:
                add(
                    f"{where}.by_domain.{domain}",
                    f"{domain!r} is not listed in applies_to ({', '.join(applies_to)})",
                )
            elif problem := context.value_problem(raw):
                add(f"{where}.by_domain.{domain}", problem)
    # Each row is about a year of learning; a table that goes down would make the bands meaningless.
    # A domain's own column reports only drops that involve one of its by_domain values.
    for domain in [None, *applies_to]:
        column = []
        for j, row in enumerate(mapping["milestones"]):
            own = row.get("by_domain", {})
            raw = own.get(domain, row["expected"])
            if not context.value_problem(raw):
                column.append((j, StageValue.parse(raw), domain in own))
        for (_, before, own_before), (j, after, own_after) in pairwise(column):
            if domain is not None and not (own_before or own_after):
                continue
            if before is not None and after is not None and after.rank < before.rank:
                suffix = f" for {domain}" if domain else ""
                add(
                    f"milestones[{j}]",
                    f"the expectation{suffix} goes down from {before} to {after}; "
                    "list rows from the earliest to the latest point in schooling",
                )
    return found


def _check_stage_numbers(numbers: list[int], add: Any) -> None:
    counts = Counter(numbers)
    for number, count in sorted(counts.items()):
        if count > 1:
            add("stages", f"stage {number} is listed {count} times; each stage must appear once")
    missing = [n for n in range(max(numbers) + 1) if n not in counts]
    if missing:
        names = ", ".join(map(str, missing))
        add(
            "stages",
            f"stage{'s' if len(missing) > 1 else ''} {names} "
            f"{'are' if len(missing) > 1 else 'is'} missing: stages must be numbered 0, 1, 2, … "
            f"with no gaps (found {', '.join(map(str, sorted(counts)))})",
        )


def _check_unique(ids: Iterable[str], where: str, field_name: str, add: Any) -> None:
    for value, count in Counter(ids).items():
        if count > 1:
            add(where, f"{field_name} '{value}' is used {count} times; each must be different")


def _check_keys(mapping: dict[Any, Any], expected: list[str], where: str, add: Any) -> None:
    for key in mapping:
        if key not in expected:
            add(f"{where}.{key}", _unknown(key, "strategy domain", expected))
    for key in expected:
        if key not in mapping:
            add(where, f"the descriptor for '{key}' is missing")


def _check_stages_exist(stages: list[int], context: _Context, where: str, add: Any) -> None:
    for k, number in enumerate(stages):
        if number not in context.stages:
            add(f"{where}[{k}]", f"there is no stage {number} in this framework")


def _check_knowledge(entries: list[dict[str, Any]], context: _Context, add: Any) -> None:
    seen_ids: Counter[str] = Counter()
    seen_stages: Counter[int] = Counter()
    for i, entry in enumerate(entries):
        seen_stages[entry["stage"]] += 1
        if entry["stage"] not in context.stages:
            add(f"knowledge[{i}].stage", f"there is no stage {entry['stage']} in this framework")
        for key, items in entry.items():
            if key == "stage":
                continue
            if key not in context.knowledge:
                add(f"knowledge[{i}].{key}", _unknown(key, "knowledge domain", context.knowledge))
            seen_ids.update(item["id"] for item in items)
    for stage, count in seen_stages.items():
        if count > 1:
            add("knowledge", f"stage {stage} has {count} entries; put its items in one entry")
    for item_id, count in seen_ids.items():
        if count > 1:
            add("knowledge", f"knowledge item id '{item_id}' is used {count} times")


def _check_next_steps(table: dict[Any, list[dict[str, Any]]], context: _Context, add: Any) -> None:
    for domain, steps in table.items():
        if domain not in context.strategy:
            add(f"next_steps.{domain}", _unknown(domain, "strategy domain", context.strategy))
        starts: Counter[int] = Counter()
        for j, step in enumerate(steps):
            where = f"next_steps.{domain}[{j}]"
            starts[step["from_stage"]] += 1
            for key in ("from_stage", "to_stage"):
                if step[key] not in context.stages:
                    add(f"{where}.{key}", f"there is no stage {step[key]} in this framework")
            if step["to_stage"] <= step["from_stage"]:
                add(f"{where}.to_stage", "to_stage must be higher than from_stage")
        for stage, count in starts.items():
            if count > 1:
                add(f"next_steps.{domain}", f"there are {count} next steps from stage {stage}")


def _unknown(value: Any, kind: str, known: Iterable[str]) -> str:
    options = ", ".join(repr(k) for k in known)
    return f"{value!r} is not a {kind} of this framework; expected one of {options}"
