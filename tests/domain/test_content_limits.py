"""Content files that are valid YAML but must still be refused: limits a facilitator can hit."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from ikan_desktop.cli import main
from ikan_desktop.domain.scripts import default_knowledge_check_path, shipped_form_paths


def check(path: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    assert main(["validate-script", str(path)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    *problems, summary = err.strip().splitlines()
    assert re.fullmatch(r"\d+ problems? found\.", summary)
    assert problems and all(line.startswith(f"{path}: ") for line in problems)
    return problems


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf", "1.0e+400"])
@pytest.mark.parametrize("field", ["display_seconds", "cut_score"])
def test_numbers_that_are_not_finite_are_refused(
    field: str, value: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = default_knowledge_check_path().read_text(encoding="utf-8")
    changed = re.sub(rf"(\n\s+{field}: )[0-9.]+", rf"\g<1>{value}", text, count=1)
    assert changed != text
    path = tmp_path / "knowledge.yaml"
    path.write_text(changed, encoding="utf-8")
    (problem,) = check(path, capsys)
    assert f"banks[0].{field}: expected a finite number" in problem


def test_a_key_given_twice_is_refused_with_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = shipped_form_paths()[0].read_text(encoding="utf-8")
    path = tmp_path / "form.yaml"
    path.write_text(text.replace("\nkind: strategy\n", "\nkind: strategy\nkind: knowledge\n"))
    (problem,) = check(path, capsys)
    assert "line " in problem and "the key 'kind' is given twice" in problem


def test_a_huge_value_is_not_echoed_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = shipped_form_paths()[0].read_text(encoding="utf-8")
    path = tmp_path / "form.yaml"
    path.write_text(text.replace("\nkind: strategy\n", "\nkind: " + "z" * 200_000 + "\n"))
    problems = check(path, capsys)
    assert all(len(line) < len(str(path)) + 400 for line in problems)


def test_a_file_too_big_to_be_a_script_is_refused_unread(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "form.yaml"
    path.write_text("kind: strategy\nnote: '" + "y" * (5 * 1024 * 1024) + "'\n")
    (problem,) = check(path, capsys)
    assert "larger than 4 MB" in problem


def test_an_alias_bomb_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for number in range(1, 9):
        before, name = chr(96 + number), chr(97 + number)
        lines.append(f"{name}: &{name} [{', '.join(f'*{before}' for _ in range(9))}]")
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join([*lines, "kind: strategy"]) + "\n")
    (problem,) = check(path, capsys)
    assert "aliases" in problem
