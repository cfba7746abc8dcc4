"""Interview scripts as versioned data: strategy interview forms and knowledge checks.

A strategy form (YAML, `kind: strategy`) holds sections by stage band; each section holds tasks
(prompt, card, materials, probes, scoring guide, just-knew path) and ends in a decision rule.
A knowledge check (`kind: knowledge`) holds a counting interview and timed banks. Loading runs
the schema first, then the cross-checks in `script_checks.py`; a bad file gives one
`ContentFileError` listing every problem, never a traceback. `validate_files` does the same for
any mix of files and returns the problems instead of raising.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from ikan_desktop.domain.content import interview_scripts_dir, resource_path
from ikan_desktop.domain.framework import load_framework
from ikan_desktop.domain.script_checks import (
    FrameworkFacts,
    FrameworkLike,
    check_knowledge_check,
    check_parallel,
    check_script,
)
from ikan_desktop.domain.script_records import (
    CODES_KIND,
    CONTINUE,
    GO_BACK,
    KNOWLEDGE_KIND,
    STOP,
    STRATEGY_KIND,
    BankItem,
    Condition,
    CountingItem,
    InterviewScript,
    JustKnew,
    KnowledgeBank,
    KnowledgeCheck,
    ScoringGuide,
    Section,
    SectionDecision,
    Task,
)
from ikan_desktop.domain.strategy_codes import (
    StrategyCodes,
    load_strategy_codes,
    strategy_codes_from_data,
)
from ikan_desktop.domain.strategy_consistency import check_same_strategy_same_stage
from ikan_desktop.domain.validation import ContentError, ContentFileError, read_yaml, schema_errors

__all__ = [
    "CONTINUE",
    "GO_BACK",
    "STOP",
    "BankItem",
    "Condition",
    "CountingItem",
    "FrameworkFacts",
    "InterviewScript",
    "JustKnew",
    "KnowledgeBank",
    "KnowledgeCheck",
    "ScoringGuide",
    "Section",
    "SectionDecision",
    "Task",
    "check_knowledge_check",
    "check_parallel",
    "check_script",
    "default_knowledge_check_path",
    "load_forms",
    "load_knowledge_check",
    "load_script",
    "shipped_form_paths",
    "validate_files",
]

FORM_FILES = tuple(f"strategy-form-{letter}.yaml" for letter in "abcd")
KNOWLEDGE_FILE = "knowledge-check.yaml"
KINDS = (STRATEGY_KIND, KNOWLEDGE_KIND, CODES_KIND)


def shipped_form_paths() -> tuple[Path, ...]:
    """The four shipped parallel strategy forms A–D."""
    return tuple(interview_scripts_dir() / name for name in FORM_FILES)


def default_knowledge_check_path() -> Path:
    """The shipped knowledge check."""
    return interview_scripts_dir() / KNOWLEDGE_FILE


def load_script(
    path: Path | str,
    *,
    framework: FrameworkLike | None = None,
    codes: StrategyCodes | None = None,
) -> InterviewScript:
    """Read and check one strategy form; ContentFileError listing every problem if it is bad."""
    data = read_yaml(Path(path))
    script, errors = _strategy(data, str(path), _facts(framework), codes or load_strategy_codes())
    if script is None:
        raise ContentFileError(errors)
    return script


def load_forms(
    paths: Iterable[Path | str] | None = None,
    *,
    framework: FrameworkLike | None = None,
    codes: StrategyCodes | None = None,
) -> tuple[InterviewScript, ...]:
    """Load parallel forms (default: the shipped A–D) and check that they are parallel."""
    facts, codes = _facts(framework), codes or load_strategy_codes()
    forms, errors = [], []
    for path in shipped_form_paths() if paths is None else paths:
        try:
            forms.append(load_script(path, framework=facts, codes=codes))
        except ContentFileError as error:
            errors += error.errors
    errors += _compare_forms(forms, codes)
    if errors:
        raise ContentFileError(errors)
    return tuple(forms)


def load_knowledge_check(
    path: Path | str | None = None, *, framework: FrameworkLike | None = None
) -> KnowledgeCheck:
    """Read and check a knowledge check (default: the shipped one); ContentFileError if bad."""
    path = Path(path) if path is not None else default_knowledge_check_path()
    check, errors = _knowledge(read_yaml(path), str(path), _facts(framework))
    if check is None:
        raise ContentFileError(errors)
    return check


def validate_files(
    paths: Iterable[Path | str],
    *,
    framework: FrameworkLike | None = None,
    codes: StrategyCodes | None = None,
) -> list[ContentError]:
    """Every problem in a mix of forms, knowledge checks and code lists; never raises.

    Each file's `kind:` says what it is. Strategy forms of the same series given together are
    also checked for being parallel.
    """
    errors: list[ContentError] = []
    facts, codes, setup_errors = _setup(framework, codes)
    errors += setup_errors
    forms: dict[str, list[InterviewScript]] = {}
    for path in paths:
        file = str(path)
        try:
            data = read_yaml(Path(path))
            kind_error = _kind_problem(data, file, KINDS)
            if kind_error:
                errors.append(kind_error)
            elif data["kind"] == STRATEGY_KIND:
                script, found = _strategy(data, file, facts, codes)
                errors += found
                if script is not None:
                    forms.setdefault(script.series, []).append(script)
            elif data["kind"] == KNOWLEDGE_KIND:
                errors += _knowledge(data, file, facts)[1]
            else:
                errors += strategy_codes_from_data(data, file)[1]
        except ContentFileError as error:
            errors += error.errors
        except Exception as error:  # a last resort: the command line must never show a traceback
            message = f"could not be checked ({type(error).__name__}: {error}); please report this"
            errors.append(ContentError(file, "", message))
    for series in forms.values():
        try:
            errors += _compare_forms(series, codes)
        except Exception as error:  # same last resort
            message = f"forms could not be compared ({type(error).__name__}: {error})"
            errors.append(ContentError(series[0].file, "", message))
    return errors


def _compare_forms(forms: Sequence[InterviewScript], codes: StrategyCodes) -> list[ContentError]:
    """Parallel first; forms that are parallel are then held to one stage per strategy."""
    return check_parallel(forms) or check_same_strategy_same_stage(forms, codes)


def _setup(
    framework: FrameworkLike | None, codes: StrategyCodes | None
) -> tuple[FrameworkFacts | None, StrategyCodes | None, list[ContentError]]:
    errors: list[ContentError] = []
    facts = None
    try:
        facts = _facts(framework)
    except ContentFileError as error:
        errors += error.errors
    except Exception as error:
        errors.append(ContentError("framework", "", f"could not be loaded ({error})"))
    if codes is None:
        try:
            codes = load_strategy_codes()
        except ContentFileError as error:
            errors += error.errors
    return facts, codes, errors


def _facts(framework: FrameworkLike | None) -> FrameworkFacts:
    if framework is None:
        return _shipped_facts()
    return framework if isinstance(framework, FrameworkFacts) else FrameworkFacts.of(framework)


@functools.cache
def _shipped_facts() -> FrameworkFacts:
    return FrameworkFacts.of(load_framework())


def _kind_problem(data: Any, file: str, kinds: Sequence[str]) -> ContentError | None:
    expected = " or ".join(repr(k) for k in kinds)
    if not isinstance(data, dict):
        return ContentError(
            file, "(top level)", f"expected a mapping of fields with kind: {expected}"
        )
    kind = data.get("kind")
    if kind is None:
        return ContentError(file, "kind", f"kind is missing; expected {expected}")
    if not isinstance(kind, str) or kind not in kinds:
        return ContentError(file, "kind", f"expected {expected}, found {kind!r}")
    return None


def _strategy(
    data: Any, file: str, facts: FrameworkFacts | None, codes: StrategyCodes | None
) -> tuple[InterviewScript | None, list[ContentError]]:
    kind_error = _kind_problem(data, file, (STRATEGY_KIND,))
    if kind_error:
        return None, [kind_error]
    errors = schema_errors(data, _schema("interview-script"), file)
    if errors:
        return None, errors
    script = _script(data, file)
    if facts is None or codes is None:
        return None, []  # the framework or code list could not be loaded; that error is reported
    errors = check_script(
        script,
        stage_numbers=facts.stage_numbers,
        strategy_domain_ids=facts.strategy_domain_ids,
        codes=codes,
    )
    return (None, errors) if errors else (script, [])


def _knowledge(
    data: Any, file: str, facts: FrameworkFacts | None
) -> tuple[KnowledgeCheck | None, list[ContentError]]:
    kind_error = _kind_problem(data, file, (KNOWLEDGE_KIND,))
    if kind_error:
        return None, [kind_error]
    errors = schema_errors(data, _schema("knowledge-check"), file)
    if errors:
        return None, errors
    check = _knowledge_check(data, file)
    if facts is None:
        return None, []
    errors = check_knowledge_check(
        check, stage_numbers=facts.stage_numbers, knowledge_domain_ids=facts.knowledge_domain_ids
    )
    return (None, errors) if errors else (check, [])


@functools.cache
def _schema(name: str) -> dict[str, Any]:
    return read_yaml(resource_path("schemas", f"{name}.schema.yaml"))


def _script(data: dict[str, Any], file: str) -> InterviewScript:
    return InterviewScript(
        id=data["id"],
        series=data["series"],
        form=data["form"],
        version=data["version"],
        title=data["title"],
        description=data.get("description", ""),
        framework=data.get("framework", ""),
        materials=tuple(data.get("materials", ())),
        sections=tuple(_section(raw) for raw in data["sections"]),
        file=file,
    )


def _section(raw: dict[str, Any]) -> Section:
    rule = raw["decision"]
    return Section(
        id=raw["id"],
        title=raw["title"],
        from_stage=raw["target"]["from_stage"],
        to_stage=raw["target"]["to_stage"],
        guidance=raw.get("guidance", ""),
        tasks=tuple(_task(task) for task in raw["tasks"]),
        decision=SectionDecision(
            otherwise=rule["otherwise"],
            continue_when=_condition(rule.get("continue_when")),
            go_back_when=_condition(rule.get("go_back_when")),
            go_back_to=rule.get("go_back_to"),
        ),
    )


def _condition(raw: dict[str, Any] | None) -> Condition | None:
    if raw is None:
        return None
    return Condition(
        stage=raw["stage"],
        min_tasks=raw.get("min_tasks_at_or_above"),
        max_tasks=raw.get("max_tasks_at_or_above"),
    )


def _task(raw: dict[str, Any]) -> Task:
    just = raw["just_knew"]
    return Task(
        id=raw["id"],
        domain=raw["domain"],
        prompt=raw["prompt"],
        card=raw["card"],
        materials=tuple(raw["materials"]),
        probes=tuple(raw["probes"]),
        answer=raw["answer"],
        scoring=ScoringGuide(tuple(raw["scoring"].items())),
        just_knew=JustKnew(
            stage=just["stage"],
            confirmed_by=tuple(just["confirmed_by"]),
            probe=just["probe"],
            then=just["then"],
            basic_fact=bool(just.get("basic_fact", False)),
        ),
        after_counting=raw["after_counting"],
    )


def _knowledge_check(data: dict[str, Any], file: str) -> KnowledgeCheck:
    counting = data["counting_interview"]
    return KnowledgeCheck(
        id=data["id"],
        version=data["version"],
        title=data["title"],
        description=data.get("description", ""),
        framework=data.get("framework", ""),
        counting_title=counting["title"],
        counting_guidance=counting.get("guidance", ""),
        counting_items=tuple(CountingItem(**item) for item in counting["items"]),
        banks=tuple(
            KnowledgeBank(
                id=bank["id"],
                label=bank["label"],
                target_stage=bank["target_stage"],
                display_seconds=float(bank["display_seconds"]),
                cut_score=float(bank["cut_score"]),
                beyond_top=bank.get("beyond_top", False),
                guidance=bank.get("guidance", ""),
                items=tuple(BankItem(**item) for item in bank["items"]),
            )
            for bank in data["banks"]
        ),
        file=file,
    )
