"""Loading content files (YAML) with errors a teacher or facilitator can act on.

Every error names the file, the path to the field (for example `sections[2].tasks[0].prompt`)
and what was expected there. Nothing here raises on bad input except `ContentFileError`, which
carries the whole list.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import yaml

# libyaml's loader is about eight times faster where it is built in; same safe subset of YAML.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True, slots=True)
class ContentError:
    """One problem in a content file."""

    file: str
    where: str
    message: str

    def __str__(self) -> str:
        location = f"{self.file}: {self.where}" if self.where else self.file
        return f"{location}: {self.message}"


class ContentFileError(Exception):
    """A content file (or several) that cannot be used, with every problem found."""

    def __init__(self, errors: Sequence[ContentError]) -> None:
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = list(errors)


def field_path(parts: Iterable[Any]) -> str:
    """`["sections", 2, "tasks", 0, "prompt"]` → `sections[2].tasks[0].prompt`."""
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text or "(top level)"


def read_yaml(path: Path) -> Any:
    """Parse a YAML file, turning every way it can fail into a `ContentFileError`."""
    name = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContentFileError([ContentError(name, "", "the file does not exist")]) from None
    except UnicodeDecodeError:
        raise ContentFileError(
            [ContentError(name, "", "the file is not UTF-8 text; save it as UTF-8")]
        ) from None
    except OSError as error:
        raise ContentFileError(
            [ContentError(name, "", f"the file cannot be read ({error.strerror})")]
        ) from None
    try:
        return yaml.load(text, Loader=_SAFE_LOADER)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise ContentFileError(
            [ContentError(name, where, f"this is not valid YAML ({problem})")]
        ) from None


def schema_errors(data: Any, schema: dict[str, Any], file: str) -> list[ContentError]:
    """Every place `data` breaks `schema`, as content errors sorted by position."""
    validator = jsonschema.Draft202012Validator(schema)
    found = []
    for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.path))):
        found.append(ContentError(file, field_path(error.absolute_path), _explain(error)))
    return found


def _explain(error: jsonschema.ValidationError) -> str:
    expected = {
        "type": lambda: f"expected {_a(error.validator_value)}, found {_describe(error.instance)}",
        "required": lambda: error.message.replace("is a required property", "is missing"),
        "enum": lambda: f"expected one of {', '.join(map(repr, error.validator_value))}",
        "minimum": lambda: f"expected a number of at least {error.validator_value}",
        "maximum": lambda: f"expected a number of at most {error.validator_value}",
        "minItems": lambda: f"expected at least {error.validator_value} item(s)",
        "minLength": lambda: "expected some text, found an empty value",
        "pattern": lambda: f"{error.instance!r} does not have the expected form",
        "additionalProperties": lambda: error.message.replace(
            "Additional properties are not allowed", "unknown field(s)"
        ),
    }
    explain = expected.get(str(error.validator))
    return explain() if explain else error.message


def _a(kind: Any) -> str:
    names = {
        "object": "a mapping of fields",
        "array": "a list",
        "string": "text",
        "integer": "a whole number",
        "number": "a number",
        "boolean": "true or false",
        "null": "nothing",
    }
    if isinstance(kind, list):
        return " or ".join(names.get(k, k) for k in kind)
    return names.get(kind, str(kind))


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(value) if len(repr(value)) < 40 else type(value).__name__
