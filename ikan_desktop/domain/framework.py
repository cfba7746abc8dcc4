"""The Number Framework as versioned data: load a framework file into read-only records.

A framework file (YAML) holds the strategy stages with teacher and parent descriptors per
strategy domain, the knowledge items per stage and knowledge domain, the next steps for each
stage transition, and one or more expectation mappings (time at school → expected stage). More
mappings can live in their own files, listed under `expectation_files`. Schools can read and
edit these files; a bad edit gives a `ContentFileError` listing every problem, never a traceback.
"""

from __future__ import annotations

import functools
from pathlib import Path
from types import MappingProxyType
from typing import Any

from ikan_desktop.domain.content import resource_path
from ikan_desktop.domain.framework_checks import framework_problems, mapping_file_problems
from ikan_desktop.domain.framework_records import (
    AT,
    EARLY,
    NOT_ASSESSED,
    NZ_MAPPING,
    CombinedStage,
    ExpectationMapping,
    ExpectationMilestone,
    Framework,
    KnowledgeDomain,
    KnowledgeItem,
    NextSteps,
    Qualifier,
    SchoolYear,
    StageDescriptor,
    StageValue,
    StrategyDomain,
    StrategyStage,
)
from ikan_desktop.domain.validation import ContentError, ContentFileError, read_yaml, schema_errors

__all__ = [
    "AT",
    "EARLY",
    "NOT_ASSESSED",
    "NZ_MAPPING",
    "CombinedStage",
    "ExpectationMapping",
    "ExpectationMilestone",
    "Framework",
    "KnowledgeDomain",
    "KnowledgeItem",
    "NextSteps",
    "Qualifier",
    "SchoolYear",
    "StageDescriptor",
    "StageValue",
    "StrategyDomain",
    "StrategyStage",
    "default_framework_path",
    "load_framework",
]

DEFAULT_FRAMEWORK_FILE = "nz-number-framework.yaml"


def default_framework_path() -> Path:
    """Where the shipped NZ Number Framework file is, from a checkout or an installed app."""
    return resource_path("frameworks", DEFAULT_FRAMEWORK_FILE)


def load_framework(path: Path | str | None = None) -> Framework:
    """Read and check a framework file (default: the shipped NZ one) and its mapping files.

    Raises `ContentFileError` listing every problem found (file, field path, what was expected).
    The shipped file never changes while the app runs, so it is read and checked once.
    """
    path = Path(path) if path is not None else default_framework_path()
    if path == default_framework_path():
        return _shipped_framework()
    return _read_framework(path)


@functools.cache
def _shipped_framework() -> Framework:
    return _read_framework(default_framework_path())


def _read_framework(path: Path) -> Framework:
    file = str(path)
    data = read_yaml(path)
    errors = schema_errors(data, _schema(), file)
    if errors:
        raise ContentFileError(errors)
    errors = framework_problems(data, file)
    mappings: list[ExpectationMapping] = []
    places: list[tuple[str, str, str]] = []  # (mapping id, file, field) to spot a repeated id
    for index, raw in enumerate(data["expectations"]):
        places.append((raw["id"], file, f"expectations[{index}].id"))
        if not errors:
            mappings.append(_mapping(raw, data["version"], file))
    for index, name in enumerate(data.get("expectation_files", [])):
        found, mapping = _load_mapping_file(path.parent / name, data, file, index)
        errors += found
        if mapping is not None:
            places.append((mapping.id, mapping.file, "id"))
            if not errors:
                mappings.append(mapping)
    first_use: dict[str, str] = {}
    for mapping_id, mapping_file, where in places:
        if mapping_id in first_use:
            message = f"the expectation mapping id '{mapping_id}' is already used in {first_use[mapping_id]}"
            errors.append(ContentError(mapping_file, where, message))
        first_use.setdefault(mapping_id, mapping_file)
    if errors:
        raise ContentFileError(errors)
    return _framework(data, file, tuple(mappings))


@functools.cache
def _schema() -> dict[str, Any]:
    return read_yaml(resource_path("schemas", "framework.schema.yaml"))


def _mapping_file_schema() -> dict[str, Any]:
    schema = _schema()
    return {
        "$schema": schema["$schema"],
        "$defs": schema["$defs"],
        "$ref": "#/$defs/expectation_mapping_file",
    }


def _load_mapping_file(
    path: Path, framework: dict[str, Any], framework_file: str, index: int
) -> tuple[list[ContentError], ExpectationMapping | None]:
    if not path.is_file():
        message = f"the expectation mapping file {path.name!r} is not next to this file"
        return [ContentError(framework_file, f"expectation_files[{index}]", message)], None
    try:
        data = read_yaml(path)
    except ContentFileError as error:
        return list(error.errors), None
    errors = schema_errors(data, _mapping_file_schema(), str(path))
    if not errors:
        errors = mapping_file_problems(data, framework, str(path))
    if errors:
        return errors, None
    return [], _mapping(data, data["version"], str(path))


def _framework(
    data: dict[str, Any], file: str, mappings: tuple[ExpectationMapping, ...]
) -> Framework:
    knowledge: dict[tuple[str, int], tuple[KnowledgeItem, ...]] = {}
    for entry in data["knowledge"]:
        for domain_id, items in entry.items():
            if domain_id != "stage":
                knowledge[(domain_id, entry["stage"])] = tuple(
                    KnowledgeItem(
                        id=item["id"],
                        domain_id=domain_id,
                        stage=entry["stage"],
                        text=item["text"],
                        parent_text=item.get("parent", item["text"]),
                    )
                    for item in items
                )
    next_steps = {
        (domain_id, step["from_stage"]): NextSteps(
            domain_id=domain_id,
            from_stage=step["from_stage"],
            to_stage=step["to_stage"],
            teacher=tuple(step["teacher"]),
            parent=tuple(step["parent"]),
        )
        for domain_id, steps in data["next_steps"].items()
        for step in steps
    }
    return Framework(
        id=data["id"],
        version=data["version"],
        name=data["name"],
        description=data.get("description", ""),
        file=file,
        stages=tuple(_stage(raw) for raw in sorted(data["stages"], key=lambda s: s["number"])),
        strategy_domains=tuple(StrategyDomain(**raw) for raw in data["strategy_domains"]),
        knowledge_domains=tuple(KnowledgeDomain(**raw) for raw in data["knowledge_domains"]),
        qualifiers=tuple(
            Qualifier(
                id=raw["id"],
                name=raw["name"],
                description=raw["description"],
                parent_description=raw["parent_description"],
                stages=tuple(raw["stages"]),
            )
            for raw in data["qualifiers"]
        ),
        combined_stages=tuple(
            CombinedStage(
                id=raw["id"],
                name=raw["name"],
                abbreviation=raw["abbreviation"],
                stages=tuple(raw["stages"]),
                description=raw["description"],
            )
            for raw in data.get("combined_stages", [])
        ),
        expectation_mappings=mappings,
        knowledge_table=MappingProxyType(knowledge),
        next_steps_table=MappingProxyType(next_steps),
    )


def _stage(raw: dict[str, Any]) -> StrategyStage:
    return StrategyStage(
        number=raw["number"],
        name=raw["name"],
        abbreviation=raw["abbreviation"],
        parent_name=raw["parent_name"],
        summary=raw["summary"],
        descriptors=MappingProxyType(
            {
                domain_id: StageDescriptor(teacher=text["teacher"], parent=text["parent"])
                for domain_id, text in raw["descriptors"].items()
            }
        ),
    )


def _mapping(raw: dict[str, Any], version: str, file: str) -> ExpectationMapping:
    school = raw["school_year"]
    school_year = SchoolYear(
        first_year_level=school["first_year_level"],
        new_school_year_from=_month_day(school["new_school_year_from"]),
        end_of_year_from=_month_day(school["end_of_year_from"]),
        year_label=school["year_label"],
    )
    return ExpectationMapping(
        id=raw["id"],
        name=raw["name"],
        version=version,
        note=raw.get("note", ""),
        source=raw.get("source", ""),
        applies_to=tuple(raw["applies_to"]),
        school_year=school_year,
        milestones=tuple(_milestone(row, school_year) for row in raw["milestones"]),
        file=file,
    )


def _milestone(row: dict[str, Any], school_year: SchoolYear) -> ExpectationMilestone:
    years = row.get("after_years_at_school")
    level = row.get("end_of_year_level")
    if years is not None:
        default_label = f"After {years:g} year{'' if years == 1 else 's'} at school"
    else:
        default_label = f"By the end of {school_year.year_name(level)}"
    return ExpectationMilestone(
        label=row.get("label", default_label),
        expected=_value(row["expected"]),
        after_years_at_school=float(years) if years is not None else None,
        end_of_year_level=level,
        by_domain=MappingProxyType({k: _value(v) for k, v in row.get("by_domain", {}).items()}),
    )


def _value(raw: str | int) -> StageValue:
    value = StageValue.parse(raw)
    assert value is not None  # the checks refuse "not assessed" in an expectation table
    return value


def _month_day(text: str) -> tuple[int, int]:
    month, day = text.split("-")
    return int(month), int(day)
