"""Hundreds of damaged copies of a shipped form: each gives clear errors, never a traceback.

The copies are made deterministically (random.Random with a fixed seed): fields dropped, values
changed to another type, lines cut or removed, text spliced. `validate_files` backs the
`validate-script` command, so whatever a teacher's editor leaves behind, it must answer with
`ContentError`s that name the file and say something, or with nothing if the copy still works.
"""

from __future__ import annotations

import copy
import random
from pathlib import Path
from typing import Any

import pytest
import yaml

from ikan_desktop.domain.scripts import FrameworkFacts, shipped_form_paths, validate_files
from ikan_desktop.domain.validation import ContentError

FACTS = FrameworkFacts(
    tuple(range(9)),
    ("additive", "multiplicative", "proportional"),
    (
        "number_identification",
        "number_sequence",
        "grouping_place_value",
        "basic_facts",
        "fractions",
    ),
)
SOURCE = shipped_form_paths()[0]
Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml when present: same YAML, faster
PER_KIND = 65  # four kinds: 260 mutated copies in all


def shipped_text() -> str:
    return SOURCE.read_text(encoding="utf-8")


def dump(data: Any) -> str:
    return yaml.dump(data, Dumper=Dumper, allow_unicode=True, sort_keys=False)


def places(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path into the parsed file that leads to a value."""
    found = [path] if path else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += places(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += places(value, (*path, index))
    return found


def parent_of(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path[:-1]:
        data = data[part]
    return data


def other_type(value: Any, rng: random.Random) -> Any:
    choices: list[Any] = [None, True, 7, -3, 2.5, "", "seven", [], ["a", 1], {}, {"x": 1}]
    return rng.choice([c for c in choices if type(c) is not type(value)])


def drop_field(data: Any, rng: random.Random) -> str:
    path = rng.choice([p for p in places(data) if isinstance(parent_of(data, p), dict)])
    del parent_of(data, path)[path[-1]]
    return dump(data)


def change_type(data: Any, rng: random.Random) -> str:
    for _ in range(rng.randint(1, 3)):
        path = rng.choice(places(data))
        parent_of(data, path)[path[-1]] = other_type(parent_of(data, path)[path[-1]], rng)
    return dump(data)


def cut_lines(text: str, rng: random.Random) -> str:
    lines = text.splitlines(keepends=True)
    how = rng.randrange(4)
    if how == 0:  # the file ends early, as after a failed save
        return "".join(lines[: rng.randrange(len(lines))])
    if how == 1:  # a few lines vanish
        for _ in range(rng.randint(1, 5)):
            del lines[rng.randrange(len(lines))]
        return "".join(lines)
    if how == 2:  # a line is cut in the middle
        index = rng.randrange(len(lines))
        lines[index] = lines[index][: rng.randrange(max(len(lines[index]), 1))] + "\n"
        return "".join(lines)
    index = rng.randrange(len(lines))  # a line moves, keeping its indentation
    lines.insert(rng.randrange(len(lines)), lines.pop(index))
    return "".join(lines)


def splice_text(text: str, rng: random.Random) -> str:
    junk = rng.choice(
        [
            ": :",
            "- [",
            "{",
            "\t",
            "!!python/object:os.system",
            "&a",
            "*nope",
            "'",
            '"',
            "\x00",
            "key: value: other",
            "    - stray item",
            "---\n",
            "%YAML 9.9\n",
            "? complex\n",
        ]
    )
    at = rng.randrange(len(text))
    return text[:at] + junk + text[at:]


def assert_clean(path: Path, label: str) -> None:
    try:
        found = validate_files([path], framework=FACTS)
    except BaseException as error:  # pragma: no cover - the failure message is the point
        pytest.fail(f"{label}: validate_files raised {type(error).__name__}: {error}")
    assert isinstance(found, list), label
    for error in found:
        assert isinstance(error, ContentError), (label, error)
        assert error.file == str(path), (label, error)
        assert error.message.strip(), (label, error)
        assert "please report this" not in error.message, (label, error)


@pytest.mark.parametrize("kind", ["drop_field", "change_type", "cut_lines", "splice_text"])
def test_mutated_copies_give_errors_never_a_traceback(kind: str, tmp_path: Path) -> None:
    text = shipped_text()
    data = yaml.safe_load(text)
    rng = random.Random(f"strategy-form-a/{kind}")
    for number in range(PER_KIND):
        if kind == "drop_field":
            mutated = drop_field(copy.deepcopy(data), rng)
        elif kind == "change_type":
            mutated = change_type(copy.deepcopy(data), rng)
        elif kind == "cut_lines":
            mutated = cut_lines(text, rng)
        else:
            mutated = splice_text(text, rng)
        path = tmp_path / f"{kind}-{number:03d}.yaml"
        path.write_text(mutated, encoding="utf-8", errors="surrogateescape")
        assert_clean(path, f"{kind} #{number}")


def test_dropping_a_required_field_is_always_caught(tmp_path: Path) -> None:
    """Every task field the app relies on is required: dropping any of them is an error."""
    data = yaml.safe_load(shipped_text())
    task_fields = list(data["sections"][2]["tasks"][0])
    for field in task_fields:
        mutated = copy.deepcopy(data)
        del mutated["sections"][2]["tasks"][0][field]
        path = tmp_path / f"without-{field}.yaml"
        path.write_text(yaml.safe_dump(mutated, allow_unicode=True), encoding="utf-8")
        found = validate_files([path], framework=FACTS)
        assert [e.where for e in found] == ["sections[2].tasks[0]"], field
        assert f"'{field}' is missing" in found[0].message


def test_bytes_that_are_not_text_are_refused_plainly(tmp_path: Path) -> None:
    path = tmp_path / "binary.yaml"
    path.write_bytes(bytes(range(256)))
    found = validate_files([path], framework=FACTS)
    assert [e.message for e in found] == ["the file is not UTF-8 text; save it as UTF-8"]
