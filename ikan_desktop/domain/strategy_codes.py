"""The shared list of strategy codes: what a teacher can see a child do, one key each.

The stage a code shows depends on the task (skip counting is stage 4 on an equal-groups task),
so it lives in each task's scoring guide, not here. This list gives every code its key hint,
its button label, a sentence for families, and its family (counting, part-whole, known fact, or
none for codes that never show a stage).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ikan_desktop.domain.content import resource_path
from ikan_desktop.domain.content_errors import ContentError, ContentFileError

__all__ = [
    "COUNTING",
    "FAMILIES",
    "JUST_KNEW",
    "KNOWN_FACT",
    "NO_STAGE",
    "PART_WHOLE",
    "StrategyCode",
    "StrategyCodes",
    "default_codes_path",
    "load_strategy_codes",
    "strategy_codes_from_data",
]

COUNTING, PART_WHOLE, KNOWN_FACT, NO_STAGE = "counting", "part_whole", "known_fact", "none"
FAMILIES = (COUNTING, PART_WHOLE, KNOWN_FACT, NO_STAGE)
JUST_KNEW = "just_knew"
"""The code scripts treat specially: it shows a stage only when the follow-up confirms it."""

REQUIRED_CODES = (JUST_KNEW,)


@dataclass(frozen=True, slots=True)
class StrategyCode:
    """One observable strategy: its id, suggested key, button label and family."""

    id: str
    key_hint: str
    label: str
    what_this_shows: str
    family: str

    @property
    def shows_a_stage(self) -> bool:
        """Whether a scoring guide may give this code a stage ("none" codes never do)."""
        return self.family != NO_STAGE


@dataclass(frozen=True, slots=True)
class StrategyCodes:
    """The whole list, in file order, looked up by id."""

    version: str
    codes: tuple[StrategyCode, ...]
    file: str = ""

    def __iter__(self) -> Iterator[StrategyCode]:
        return iter(self.codes)

    def __len__(self) -> int:
        return len(self.codes)

    def __contains__(self, code_id: object) -> bool:
        return any(code.id == code_id for code in self.codes)

    @property
    def ids(self) -> tuple[str, ...]:
        """Every code id, in file order."""
        return tuple(code.id for code in self.codes)

    def get(self, code_id: str) -> StrategyCode:
        """The code with this id; KeyError naming the known ids otherwise."""
        for code in self.codes:
            if code.id == code_id:
                return code
        raise KeyError(f"no strategy code {code_id!r}; expected one of {', '.join(self.ids)}")

    def in_family(self, family: str) -> tuple[StrategyCode, ...]:
        """The codes of one family (counting, part_whole, known_fact, none)."""
        return tuple(code for code in self.codes if code.family == family)


def default_codes_path() -> Path:
    """Where the shipped strategy-code list is."""
    return resource_path("strategy-codes.yaml")


def load_strategy_codes(path: Path | str | None = None) -> StrategyCodes:
    """Read and check a strategy-code list (default: the shipped one); ContentFileError if bad."""
    path = Path(path) if path is not None else default_codes_path()
    if path == default_codes_path():
        return _shipped_codes()
    return _load(path)


@functools.cache
def _shipped_codes() -> StrategyCodes:
    return _load(default_codes_path())


def _load(path: Path) -> StrategyCodes:
    from ikan_desktop.domain.validation import read_yaml  # YAML loads when content does

    data = read_yaml(path)
    codes, errors = strategy_codes_from_data(data, str(path))
    if codes is None:
        raise ContentFileError(errors)
    return codes


def strategy_codes_from_data(
    data: Any, file: str
) -> tuple[StrategyCodes | None, list[ContentError]]:
    """Check parsed YAML against the schema and the cross-checks; the list, or every problem."""
    from ikan_desktop.domain.validation import schema_errors

    errors = schema_errors(data, _schema(), file)
    if errors:
        return None, errors
    errors = _problems(data, file)
    if errors:
        return None, errors
    codes = tuple(StrategyCode(**raw) for raw in data["codes"])
    return StrategyCodes(version=data["version"], codes=codes, file=file), []


def _problems(data: dict[str, Any], file: str) -> list[ContentError]:
    found: list[ContentError] = []
    first: dict[tuple[str, str], int] = {}
    for index, raw in enumerate(data["codes"]):
        for field, noun in (("id", "id"), ("key_hint", "key hint")):
            value = raw[field]
            if (field, value) in first:
                message = (
                    f"the {noun} {value!r} is already used by codes[{first[(field, value)]}]; "
                    f"each code needs its own {noun}"
                )
                found.append(ContentError(file, f"codes[{index}].{field}", message))
            first.setdefault((field, value), index)
    ids = {raw["id"] for raw in data["codes"]}
    for required in REQUIRED_CODES:
        if required not in ids:
            message = f"the code {required!r} is missing; every interview script relies on it"
            found.append(ContentError(file, "codes", message))
    if JUST_KNEW in ids:
        family = next(raw["family"] for raw in data["codes"] if raw["id"] == JUST_KNEW)
        if family != KNOWN_FACT:
            index = next(i for i, raw in enumerate(data["codes"]) if raw["id"] == JUST_KNEW)
            message = f"'just_knew' must be in the {KNOWN_FACT!r} family, not {family!r}"
            found.append(ContentError(file, f"codes[{index}].family", message))
    return found


@functools.cache
def _schema() -> dict[str, Any]:
    from ikan_desktop.domain.validation import read_yaml

    return read_yaml(resource_path("schemas", "strategy-codes.schema.yaml"))
