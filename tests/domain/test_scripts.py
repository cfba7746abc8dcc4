"""Strategy interview forms: the shipped four, and a clear error for every kind of bad edit."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml

from ikan_desktop.domain.framework import load_framework
from ikan_desktop.domain.scripts import (
    FrameworkFacts,
    InterviewScript,
    check_parallel,
    default_knowledge_check_path,
    load_forms,
    load_script,
    shipped_form_paths,
    validate_files,
)
from ikan_desktop.domain.strategy_codes import default_codes_path, load_strategy_codes
from ikan_desktop.domain.validation import ContentFileError

FACTS = FrameworkFacts(
    stage_numbers=tuple(range(9)),
    strategy_domain_ids=("additive", "multiplicative", "proportional"),
    knowledge_domain_ids=(
        "number_identification",
        "number_sequence",
        "grouping_place_value",
        "basic_facts",
        "fractions",
    ),
)
BANDS = [(0, 1), (2, 4), (4, 5), (5, 6), (6, 7), (7, 8)]


@pytest.fixture(scope="module")
def forms() -> tuple[InterviewScript, ...]:
    return load_forms()


def form_data(letter: str = "a") -> dict[str, Any]:
    path = shipped_form_paths()["abcd".index(letter)]
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def write(tmp_path: Path, data: Any, name: str = "form.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def changed(tmp_path: Path, change: Callable[[dict[str, Any]], None], letter: str = "a") -> Path:
    data = form_data(letter)
    change(data)
    return write(tmp_path, data, f"form-{letter}.yaml")


def errors_of(path: Path, framework: Any = FACTS) -> list[str]:
    with pytest.raises(ContentFileError) as caught:
        load_script(path, framework=framework)
    return [str(error) for error in caught.value.errors]


# --- the shipped forms ----------------------------------------------------------------------


def test_the_four_shipped_forms_load_and_are_parallel(forms: tuple[InterviewScript, ...]) -> None:
    assert [f.form for f in forms] == ["A", "B", "C", "D"]
    assert len({f.series for f in forms}) == 1
    assert check_parallel(forms) == []
    assert {len(f.tasks) for f in forms} == {40}


def test_shipped_forms_pass_against_the_shipped_framework_and_a_plain_one() -> None:
    assert len(load_forms(framework=load_framework())) == 4
    assert len(load_forms(framework=FACTS)) == 4


def test_sections_run_from_counting_a_set_to_proportional_reasoning(
    forms: tuple[InterviewScript, ...],
) -> None:
    for form in forms:
        assert [(s.from_stage, s.to_stage) for s in form.sections] == BANDS
        assert form.sections[0].domains == ("additive",)
        for section in form.sections[1:]:
            assert set(section.domains) == {"additive", "multiplicative", "proportional"}
            assert all(2 <= len(section.tasks_in(d)) <= 3 for d in section.domains)


def test_each_section_rule_continues_at_the_top_of_its_band_and_goes_back_one_section(
    forms: tuple[InterviewScript, ...],
) -> None:
    sections = forms[0].sections
    for index, section in enumerate(sections):
        rule = section.decision
        if index < len(sections) - 1:
            assert rule.continue_when is not None
            assert rule.continue_when.stage == section.to_stage
            assert rule.continue_when.min_tasks == 2
        if index > 0:
            assert rule.go_back_to == sections[index - 1].id
            assert rule.go_back_when is not None and rule.go_back_when.max_tasks == 0
        assert rule.otherwise == "stop"


def test_every_task_is_ready_to_give_and_to_score(forms: tuple[InterviewScript, ...]) -> None:
    codes = load_strategy_codes()
    for task in (task for form in forms for task in form.tasks):
        assert task.prompt.strip() and task.answer.strip() and task.after_counting.strip()
        assert 2 <= len(task.probes) <= 3
        assert len(task.scoring.entries) <= 9  # the live screen's number keys
        assert all(code in codes for code in task.scoring.codes)
        assert "no_strategy_guessed" in task.scoring
        assert set(task.just_knew.confirmed_by) <= set(task.scoring.codes)
        assert "teach" in task.after_counting.lower()


def test_the_four_forms_differ_in_numbers_and_contexts(forms: tuple[InterviewScript, ...]) -> None:
    for slot in zip(*(form.tasks for form in forms), strict=True):
        prompts = [task.prompt for task in slot]
        cards = [task.card for task in slot if task.card is not None]
        assert len(set(prompts)) == 4, prompts
        assert len(set(cards)) == len(cards), cards


VULGAR = {"½": "1/2", "⅓": "1/3", "⅔": "2/3", "¼": "1/4", "¾": "3/4", "⅖": "2/5", "⅗": "3/5"}
VULGAR |= {"⅜": "3/8", "⅝": "5/8", "⅚": "5/6", "one quarter": "1/4", "one third": "1/3"}
VULGAR |= {"half": "1/2"}


def card_value(card: str) -> Fraction | None:
    """What a bare-number card works out to, for the cards the arithmetic check understands."""
    text = card.replace("$", "")
    for unit in (" km", " kg", " litres", " m", "c"):
        text = text.removesuffix(unit)
    for symbol, fraction in VULGAR.items():
        text = text.replace(symbol, fraction)
    number = r"(\d+(?:\.\d+)?(?:/\d+)?)"
    if m := re.fullmatch(rf"{number} ([+−×÷]) {number}", text):
        a, op, b = Fraction(m[1]), m[2], Fraction(m[3])
        return {"+": a + b, "−": a - b, "×": a * b, "÷": a / b}[op]
    if m := re.fullmatch(rf"{number} \+ \? = {number}", text):
        return Fraction(m[2]) - Fraction(m[1])
    if m := re.fullmatch(rf"{number}% of {number}", text):
        return Fraction(m[1]) / 100 * Fraction(m[2])
    if m := re.fullmatch(rf"{number} of {number}", text):
        return Fraction(m[1]) * Fraction(m[2])
    if m := re.fullmatch(rf"{number} shared by {number}", text):
        return Fraction(int(m[1]) // int(m[2]))
    if m := re.fullmatch(r"(\d+) [a-z]+, (\d+) [a-z ]+each", text):
        return Fraction(int(m[1]) * int(m[2]))
    if m := re.fullmatch(r"(\d+) [a-z]+, [a-z]+ of (\d+)", text):
        return Fraction(int(m[1]), int(m[2]))
    if m := re.fullmatch(r"(\d+) (and|take away) (\d+)", text):
        return int(m[1]) + (int(m[3]) if m[2] == "and" else -int(m[3]))
    if m := re.fullmatch(rf"{number} [a-z]+ → {number}\n{number} [a-z]+ → \?", text):
        return Fraction(Decimal(m[2])) / int(m[1]) * int(m[3])
    if m := re.fullmatch(r"(\d+) ([a-z]+) : (\d+) [a-z]+\n(\d+) \2 : \? [a-z]+", text):
        return Fraction(int(m[4]) * int(m[3]), int(m[1]))
    return None


def answer_value(answer: str) -> Fraction:
    text = answer.replace("$", "").replace(",", "")
    if m := re.match(r"(\d+) (\d+)/(\d+)", text):  # a mixed number such as 1 5/12
        return int(m[1]) + Fraction(int(m[2]), int(m[3]))
    for symbol, fraction in VULGAR.items():
        text = text.replace(symbol, " " + fraction)
    if m := re.match(r"(\d+) (\d+)/(\d+)", text):
        return int(m[1]) + Fraction(int(m[2]), int(m[3]))
    m = re.match(r"\d+(?:\.\d+)?", text)
    assert m, answer
    return Fraction(Decimal(m[0]))


def test_bare_number_answers_are_right(forms: tuple[InterviewScript, ...]) -> None:
    checked = 0
    for task in (task for form in forms for task in form.tasks):
        value = card_value(task.card or "")
        if value is not None:
            assert answer_value(task.answer) == value, (task.id, task.card, task.answer)
            checked += 1
    assert checked >= 130
    for form in forms:  # the dot cards
        dots = form.sections[0].tasks[1]
        assert dots.card is not None and str(dots.card.count("●")) == dots.answer


def test_wording_is_nz_english_with_macrons_on_te_reo_words() -> None:
    text = "\n".join(path.read_text(encoding="utf-8") for path in shipped_form_paths())
    for american in ("color", "favorite", "center", "math ", "candy", "cookie", "mom "):
        assert american not in text.lower()
    assert not re.search(r"\bpercent\b", text)  # NZ English writes "per cent"
    for bare in ("kumara", "hangi", "pukeko", "whanau", "Tane", "pohutukawa"):
        assert not re.search(rf"\b{bare}\b", text), bare
    assert "kūmara" in text and "hāngī" in text and "pūkeko" in text


def test_validate_files_finds_nothing_wrong_with_the_shipped_content() -> None:
    paths = [*shipped_form_paths(), default_knowledge_check_path(), default_codes_path()]
    assert validate_files(paths) == []


# --- errors in one file ---------------------------------------------------------------------


def test_broken_yaml_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("id: x\nsections:\n  - id: [unclosed\n", encoding="utf-8")
    found = errors_of(path)
    assert len(found) == 1 and "line" in found[0] and "not valid YAML" in found[0]


def test_an_unknown_strategy_code_is_named_with_a_suggestion(tmp_path: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        data["sections"][1]["tasks"][0]["scoring"]["counts_on_bak"] = 4

    found = errors_of(changed(tmp_path, change))
    assert found == [
        f"{tmp_path / 'form-a.yaml'}: sections[1].tasks[0].scoring.counts_on_bak: "
        "'counts_on_bak' is not a known strategy code; did you mean 'counts_on_back'?"
    ]


def test_a_missing_field_is_named_with_its_path(tmp_path: Path) -> None:
    found = errors_of(changed(tmp_path, lambda d: d["sections"][2]["tasks"][0].pop("prompt")))
    assert any("sections[2].tasks[0]: 'prompt' is missing" in e for e in found)


def test_a_wrong_type_says_what_was_expected(tmp_path: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        data["sections"][3]["tasks"][1]["just_knew"]["stage"] = "five"
        data["sections"][3]["tasks"][2]["probes"] = "How did you work that out?"

    found = errors_of(changed(tmp_path, change))
    assert any(
        "sections[3].tasks[1].just_knew.stage: expected a whole number, found 'five'" in e
        for e in found
    )
    assert any("sections[3].tasks[2].probes: expected a list" in e for e in found)


def test_every_problem_in_a_file_is_reported_at_once(tmp_path: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        data["sections"][1]["tasks"][0]["scoring"]["made_ten"] = 5
        data["sections"][2]["tasks"][0]["domain"] = "additon"
        data["sections"][3]["decision"]["go_back_to"] = "early-part-hole"

    found = errors_of(changed(tmp_path, change))
    assert len(found) == 3
    assert "did you mean 'make_ten'" in found[0]
    assert "sections[2].tasks[0].domain" in found[1] and "did you mean 'additive'" in found[1]
    assert "sections[3].decision.go_back_to" in found[2]


def test_a_rule_pointing_at_a_missing_or_later_section_is_refused(tmp_path: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        data["sections"][2]["decision"]["go_back_to"] = "counting-in-space"
        data["sections"][3]["decision"]["go_back_to"] = "advanced-proportional"

    found = errors_of(changed(tmp_path, change))
    assert any(
        "sections[2].decision.go_back_to: 'counting-in-space' is not a known earlier section" in e
        for e in found
    )
    assert any("sections[3].decision.go_back_to" in e and "earlier one" in e for e in found)


def test_a_rule_must_be_complete_and_reachable(tmp_path: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        data["sections"][1]["decision"].pop("go_back_to")
        data["sections"][2]["decision"]["continue_when"]["min_tasks_at_or_above"] = 12
        data["sections"][3]["decision"]["continue_when"]["max_tasks_at_or_above"] = 1
        data["sections"][5]["decision"]["continue_when"] = {"stage": 8, "min_tasks_at_or_above": 2}

    found = errors_of(changed(tmp_path, change))
    assert any("sections[1].decision.go_back_to" in e and "give both" in e for e in found)
    assert any("min_tasks_at_or_above" in e and "never be reached" in e for e in found)
    assert any("sections[3].decision.continue_when" in e and "exactly one" in e for e in found)
    assert any("sections[5].decision.continue_when" in e and "last section" in e for e in found)


def test_stages_must_exist_in_the_framework(tmp_path: Path) -> None:
    small = FrameworkFacts(tuple(range(7)), FACTS.strategy_domain_ids, FACTS.knowledge_domain_ids)
    found = errors_of(changed(tmp_path, lambda d: None), framework=small)
    assert any(
        "sections[5].target.to_stage: there is no stage 8 in the framework (its stages are 0–6)"
        in e
        for e in found
    )


def test_scoring_guide_rules_for_just_knew_and_no_stage_codes(tmp_path: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        task = data["sections"][1]["tasks"][0]
        task["scoring"]["just_knew"] = 5
        task["scoring"]["no_strategy_guessed"] = 1
        task["just_knew"]["confirmed_by"] = ["make_ten"]

    found = errors_of(changed(tmp_path, change))
    assert any("scoring.just_knew" in e and "just_knew block" in e for e in found)
    assert any("scoring.no_strategy_guessed" in e and "write null" in e for e in found)
    assert any(
        "just_knew.confirmed_by[0]" in e and "not in this task's scoring" in e for e in found
    )


def test_task_ids_must_be_unique(tmp_path: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        data["sections"][2]["tasks"][1]["id"] = data["sections"][2]["tasks"][0]["id"]

    found = errors_of(changed(tmp_path, change))
    assert any("sections[2].tasks[1].id" in e and "already used" in e for e in found)


def test_a_knowledge_check_is_not_a_strategy_form() -> None:
    with pytest.raises(ContentFileError, match="expected 'strategy', found 'knowledge'"):
        load_script(default_knowledge_check_path(), framework=FACTS)


# --- parallel forms -------------------------------------------------------------------------


def test_a_form_with_a_task_missing_is_not_parallel(tmp_path: Path) -> None:
    paths = [changed(tmp_path, lambda d: None, "a"), changed(tmp_path, lambda d: None, "b")]
    paths.append(changed(tmp_path, lambda d: d["sections"][2]["tasks"].pop(1), "c"))
    with pytest.raises(ContentFileError) as caught:
        load_forms(paths, framework=FACTS)
    found = [str(e) for e in caught.value.errors]
    assert found == [
        f"{paths[2]}: sections[2].tasks: 2 additive task(s), but form A ({paths[0]}) has 3 "
        "in this section"
    ]


def test_forms_that_drift_apart_are_named_field_by_field(tmp_path: Path) -> None:
    def drift(data: dict[str, Any]) -> None:
        data["sections"][1]["target"]["to_stage"] = 5
        data["sections"][3]["tasks"][0]["scoring"]["counts_on_back"] = 3
        data["sections"][4]["decision"]["continue_when"]["stage"] = 6
        data["form"] = "A"

    paths = [changed(tmp_path, lambda d: None, "a"), changed(tmp_path, drift, "b")]
    found = [str(e) for e in validate_files(paths, framework=FACTS)]
    assert any("form: 'A' is already used" in e for e in found)
    assert any("sections[1].target: the band 2–5 differs" in e for e in found)
    assert any(
        "sections[3].tasks[0].scoring: the scoring guide differs from a4-add-1" in e for e in found
    )
    assert any("sections[4].decision: the decision rule differs" in e for e in found)
    assert all(e.startswith(str(paths[1])) for e in found)


def test_forms_with_sections_in_another_order_are_not_parallel(tmp_path: Path) -> None:
    def swap(data: dict[str, Any]) -> None:
        first, second = data["sections"][4], data["sections"][5]
        first["id"], second["id"] = second["id"], first["id"]
        second["decision"]["go_back_to"] = "advanced-additive"
        first["decision"]["go_back_to"] = "advanced-additive"

    paths = [changed(tmp_path, lambda d: None, "a"), changed(tmp_path, swap, "d")]
    found = [str(e) for e in validate_files(paths, framework=FACTS)]
    assert len(found) == 1 and "sections: the section ids" in found[0]
