"""The content of the four forms: truly parallel, one stage per strategy, original numbers."""

from __future__ import annotations

import re
import unicodedata
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml

from ikan_desktop.domain.framework import load_framework
from ikan_desktop.domain.scripts import (
    InterviewScript,
    Task,
    load_forms,
    shipped_form_paths,
    validate_files,
)
from ikan_desktop.domain.strategy_codes import load_strategy_codes


@pytest.fixture(scope="module")
def forms() -> tuple[InterviewScript, ...]:
    return load_forms()


def fractions_on(card: str) -> list[Fraction]:
    """The vulgar fractions (⅖) and slashed ones (3/8) written on a card."""
    found = []
    for char in card:
        parts = unicodedata.decomposition(char).split()
        if parts[:1] == ["<fraction>"]:
            digits = "".join(chr(int(p, 16)) for p in parts[1:])
            top, bottom = digits.split("⁄")
            found.append(Fraction(int(top), int(bottom)))
    found += [Fraction(int(a), int(b)) for a, b in re.findall(r"(\d+)/(\d+)", card)]
    return found


def related(a: Fraction, b: Fraction) -> bool:
    return a.denominator % b.denominator == 0 or b.denominator % a.denominator == 0


def tasks_at(forms: tuple[InterviewScript, ...], index: int, domain: str, n: int) -> list[Task]:
    return [form.sections[index].tasks_in(domain)[n] for form in forms]


def test_every_forms_top_fraction_task_has_unrelated_denominators_and_stage_8(
    forms: tuple[InterviewScript, ...],
) -> None:
    for task in tasks_at(forms, 5, "additive", 0):
        first, second = fractions_on(task.card or "")
        assert not related(first, second), f"{task.id}: {task.card} has related denominators"
        assert task.scoring.stage_for("equivalent_fractions_ratios") == 8
        assert task.scoring.stage_for("counts_on_back") == 4


def test_every_form_multiplies_by_25_in_section_5(forms: tuple[InterviewScript, ...]) -> None:
    for task in tasks_at(forms, 4, "multiplicative", 1):
        assert re.search(r"× 25(?!\d)", task.card or ""), f"{task.id}: {task.card}"


def test_a_times_fact_shows_stage_5_on_the_small_sharing_and_fraction_tasks(
    forms: tuple[InterviewScript, ...],
) -> None:
    for form in forms:
        for section in form.sections[1:3]:
            stages = {
                task.scoring.stage_for("uses_times_fact")
                for task in section.tasks
                if "uses_times_fact" in task.scoring
            }
            assert stages == {5}, f"{form.form} {section.id}: {stages}"


def test_two_digit_times_one_digit_by_place_value_is_stage_6_as_in_the_framework(
    forms: tuple[InterviewScript, ...],
) -> None:
    framework = load_framework()
    stage_6 = framework.stage(6).descriptors["multiplicative"].teacher
    assert "4 × 23 as 80 + 12" in stage_6
    for task in tasks_at(forms, 4, "multiplicative", 0):  # 4 × $49, 6 × 29, 5 × $39, 3 × 98
        assert re.fullmatch(r"\d × \$?\d\d", task.card or ""), task.card
        assert task.scoring.stage_for("place_value_split") == 6
        assert task.scoring.stage_for("rounding_compensation") == 7


def test_section_5_addition_and_subtraction_can_show_stage_6_and_stage_7(
    forms: tuple[InterviewScript, ...],
) -> None:
    for form in forms:
        tasks = form.sections[4].tasks_in("additive")
        assert len(tasks) == 3
        for task in tasks:
            stages = {stage for _, stage in task.scoring.entries}
            assert {4, 6, 7} <= stages, f"{task.id}: {task.scoring.entries}"


def test_the_missing_strategies_are_codes_and_are_used(forms: tuple[InterviewScript, ...]) -> None:
    codes = load_strategy_codes()
    used = {code for form in forms for task in form.tasks for code in task.scoring.codes}
    for code in ("equal_adjustment", "trebling_thirding", "common_factors", "whole_units"):
        assert code in codes and code in used
        assert codes.get(code).family == "part_whole"


def test_a_fraction_comparison_below_section_6_and_an_integer_task_at_the_top(
    forms: tuple[InterviewScript, ...],
) -> None:
    for form in forms:
        lower = [t for s in form.sections[:5] for t in s.tasks if " or " in (t.card or "")]
        assert any(len(fractions_on(t.card or "")) == 2 for t in lower), form.form
        top = form.sections[-1].tasks_in("additive")
        assert any("−" in (t.card or "") and "→" in (t.card or "") for t in top), form.form


def test_section_2_hides_the_counters_on_every_task_but_the_one_in_the_hands(
    forms: tuple[InterviewScript, ...],
) -> None:
    for form in forms:
        for task in form.sections[1].tasks:
            in_hands = "hands" in task.prompt
            assert in_hands or "cover" in task.prompt, f"{task.id}: counters left in view"
            assert in_hands or "two cover cards" in task.materials, task.id


def numbers(card: str | None) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", card or ""))


def test_no_form_reuses_the_numbers_of_old_published_forms(
    forms: tuple[InterviewScript, ...],
) -> None:
    old_joins = {(8, 5), (9, 6), (6, 2), (3, 4)}
    for form in forms:
        for task in form.sections[1].tasks_in("additive") + form.sections[2].tasks_in("additive"):
            pair = numbers(task.card)[:2]
            assert pair not in old_joins and pair[::-1] not in old_joins, f"{task.id}: {pair}"
        fetch = form.sections[0].tasks[0]
        assert numbers(fetch.answer)[0] not in (7, 10), f"{fetch.id}: {fetch.answer}"
        text = Path(form.file).read_text(encoding="utf-8")
        assert "no wording or numbers are taken from the Crown-copyright GloSS" in text


def test_validate_script_rejects_a_strategy_that_shows_two_stages(tmp_path: Path) -> None:
    """The old content: a times fact at 6 on a small fraction task, 5 on the sharing task."""
    paths = []
    for path in shipped_form_paths():
        data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
        section = data["sections"][1]
        task = next(t for t in section["tasks"] if t["id"].endswith("2-pro-2"))
        task["scoring"]["uses_times_fact"] = 6
        copy = tmp_path / path.name
        copy.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        paths.append(copy)
    found = [str(e) for e in validate_files(paths)]
    assert len(found) == 4, found  # once per form
    assert "'uses_times_fact' shows stage 6 on a2-pro-2, but stage 5 on a2-mul-2" in found[0]
    assert "sections[1].tasks[6].scoring.uses_times_fact" in found[0]
    assert "the same strategy must show the same stage" in found[0]
