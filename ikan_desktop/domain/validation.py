"""Loading content files (YAML) with errors a teacher or facilitator can act on.

Every error names the file, the path to the field (for example `sections[2].tasks[0].prompt`)
and what was expected there. Nothing here raises on bad input except `ContentFileError`, which
carries the whole list.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from ikan_desktop.domain.content_errors import ContentError, ContentFileError, cut

# libyaml's loader is about eight times faster where it is built in; same safe subset of YAML.
_BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_FILE_BYTES = 4 * 1024 * 1024  # the shipped forms are about 50 kB each
MAX_VALUES = 200_000  # values after aliases are expanded: a "billion laughs" file stops here


class _Loader(_BASE_LOADER):  # type: ignore[misc, valid-type]
    """The safe loader, refusing a key given twice in one mapping (the second would win silently)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            try:
                duplicate = key in seen
                seen.add(key)
            except TypeError:
                continue  # an unhashable key: the base loader explains it
            if duplicate:
                raise yaml.constructor.ConstructorError(
                    None, None, f"the key {_cut(repr(key), 60)} is given twice", key_node.start_mark
                )
        return super().construct_mapping(node, deep=deep)


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _Loader.construct_mapping)


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
    """Parse a YAML file, turning every way it can fail into a `ContentFileError`.

    Only a regular file of a sensible size is read (a pipe would wait for ever), and what it
    holds must stay small once aliases are expanded and hold only finite numbers.
    """
    name = str(path)
    try:
        text = _read_text(Path(path))
    except FileNotFoundError:
        raise ContentFileError([ContentError(name, "", "the file does not exist")]) from None
    except UnicodeDecodeError:
        raise ContentFileError(
            [ContentError(name, "", "the file is not UTF-8 text; save it as UTF-8")]
        ) from None
    except OSError as error:
        raise ContentFileError(
            [ContentError(name, "", f"the file cannot be read ({error.strerror or error})")]
        ) from None
    try:
        data = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise ContentFileError(
            [ContentError(name, where, f"this is not valid YAML ({problem})")]
        ) from None
    except RecursionError:
        raise ContentFileError([ContentError(name, "", "the file is nested too deeply")]) from None
    problem = _value_problem(data)
    if problem:
        raise ContentFileError([ContentError(name, *problem)])
    return data


def _read_text(path: Path) -> str:
    if path.exists() and not path.is_file():
        raise OSError(0, "it is not an ordinary file (a folder, a pipe or a device)")
    with open(path, "rb") as handle:  # a regular file: opening cannot block
        data = handle.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise OSError(0, f"it is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    return data.decode("utf-8")


def _value_problem(data: Any) -> tuple[str, str] | None:
    """(field, message) for a number that is not finite or a document too big once expanded."""
    stack: list[tuple[Any, tuple[Any, ...]]] = [(data, ())]
    count = 0
    while stack:
        value, where = stack.pop()
        count += 1
        if count > MAX_VALUES:
            return "", (
                f"the file holds more than {MAX_VALUES:,} values once its aliases (&, *) are "
                "expanded; write the values out instead"
            )
        if isinstance(value, float) and not math.isfinite(value):
            return field_path(where), f"expected a finite number, found {value}"
        if isinstance(value, dict):
            stack.extend((item, (*where, str(key))) for key, item in value.items())
        elif isinstance(value, list):
            stack.extend((item, (*where, index)) for index, item in enumerate(value))
    return None


_cut = cut


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
