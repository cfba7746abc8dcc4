"""Loading the Number Framework: the shipped file, lookups, and clear errors for bad edits."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from ikan_desktop.domain.framework import (
    Framework,
    StageValue,
    default_framework_path,
    load_framework,
)
from ikan_desktop.domain.validation import ContentFileError

STRATEGY_DOMAINS = ("additive", "multiplicative", "proportional")
KNOWLEDGE_DOMAINS = (
    "number_identification",
    "number_sequence",
    "grouping_place_value",
    "basic_facts",
    "fractions",
)
ABBREVIATIONS = ("E", "1-1", "CA", "CA", "AC", "EA", "AA", "AM", "AP")


@pytest.fixture(scope="module")
def framework() -> Framework:
    return load_framework()


def shipped_data() -> dict[str, Any]:
    return yaml.safe_load(default_framework_path().read_text(encoding="utf-8"))


def write_copy(tmp_path: Path, change: Callable[[dict[str, Any]], None]) -> Path:
    """A changed copy of the shipped framework (with its mapping file) in tmp_path."""
    data = shipped_data()
    change(data)
    path = tmp_path / "framework.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    shutil.copy(default_framework_path().parent / "us-grade-levels.yaml", tmp_path)
    return path


def load_errors(path: Path) -> list[str]:
    with pytest.raises(ContentFileError) as caught:
        load_framework(path)
    return [str(error) for error in caught.value.errors]


# --- the shipped framework ------------------------------------------------------------------


def test_shipped_framework_has_stages_0_to_8_with_every_descriptor(framework: Framework) -> None:
    assert framework.id == "nz-number-framework"
    assert framework.version == "2026.1"
    assert framework.stage_numbers == tuple(range(9))
    for number in range(9):
        stage = framework.stage(number)
        assert stage.number == number
        assert stage.abbreviation == ABBREVIATIONS[number]
        for domain in STRATEGY_DOMAINS:
            assert len(stage.teacher_descriptor(domain)) > 80
            assert 20 < len(stage.parent_descriptor(domain)) < 220


def test_stage_names_are_the_framework_names(framework: Framework) -> None:
    assert framework.stage(0).name == "Emergent"
    assert framework.stage(3).name == "Counting from one by imaging"
    assert framework.stage(6).name == "Advanced additive / early multiplicative part-whole"
    assert framework.stage(8).name == "Advanced proportional part-whole"
    assert framework.stage(4).label == "Stage 4: Advanced counting"


def test_domains_have_the_agreed_ids_and_names(framework: Framework) -> None:
    assert framework.strategy_domain_ids == STRATEGY_DOMAINS
    assert framework.knowledge_domain_ids == KNOWLEDGE_DOMAINS
    assert framework.strategy_domain("additive").name == "Addition & subtraction"
    assert framework.knowledge_domain("fractions").name == "Fractions, decimals & percentages"
    assert all(d.parent_name for d in framework.strategy_domains + framework.knowledge_domains)


def test_qualifiers_early_and_at_only_for_stages_5_to_8(framework: Framework) -> None:
    assert [q.id for q in framework.qualifiers] == ["early", "at"]
    assert framework.qualifiers_for(4) == ()
    assert framework.qualifiers_for(5) == ("early", "at")
    assert framework.qualifiers_for(8) == ("early", "at")
    assert framework.combined_stages[0].id == "2-3"
    assert framework.combined_stages[0].stages == (2, 3)


def test_stage_values_are_read_and_checked(framework: Framework) -> None:
    assert framework.parse_stage_value("early 5") == StageValue(5, "early")
    assert framework.parse_stage_value("2-3") == StageValue(2, None, 3)
    assert framework.parse_stage_value(" Not  Assessed ") is None
    assert str(framework.parse_stage_value("at 7")) == "at 7"
    with pytest.raises(ValueError, match="cannot be used with stage 4"):
        framework.parse_stage_value("early 4")
    with pytest.raises(ValueError, match="no stage 9"):
        framework.parse_stage_value(9)
    with pytest.raises(ValueError, match="not a stage"):
        framework.parse_stage_value("five")


def test_knowledge_items_for_a_stage_and_domain(framework: Framework) -> None:
    items = framework.knowledge_items("basic_facts", 4)
    assert any("doubles" in item.text for item in items)
    assert all(item.stage == 4 and item.domain_id == "basic_facts" for item in items)
    with pytest.raises(KeyError):
        framework.knowledge_items("written_recording", 4)


def test_next_steps_move_to_the_next_stage(framework: Framework) -> None:
    steps = framework.next_steps("additive", 3)
    assert steps is not None
    assert (steps.from_stage, steps.to_stage) == (3, 4)
    assert any("count on" in move for move in steps.teacher)
    assert steps.parent
    assert framework.next_steps("proportional", 8) is None
    with pytest.raises(KeyError):
        framework.next_steps("geometry", 3)


def test_both_expectation_mappings_load(framework: Framework) -> None:
    assert framework.expectation_mapping_ids == ("nz-time-at-school", "us-grade-levels")
    nz = framework.expectations()
    assert nz.applies_to == STRATEGY_DOMAINS
    assert [str(row.expected) for row in nz.milestones] == [
        "2-3", "4", "early 5", "5", "early 6", "6", "early 7", "7",
    ]  # fmt: skip
    assert nz.milestones[0].label == "After 1 year at school"
    assert nz.milestones[3].label == "By the end of Year 4"
    assert "2009–2017" in nz.note
    us = framework.expectations("us-grade-levels")
    assert us.milestones[0].label == "By the end of kindergarten"
    assert us.milestones[3].label == "By the end of grade 3"
    with pytest.raises(KeyError, match="available"):
        framework.expectations("nz-refreshed-phases")


def test_a_new_mapping_is_data_alone(tmp_path: Path) -> None:
    path = write_copy(tmp_path, lambda d: d["expectation_files"].append("phases.yaml"))
    mapping = yaml.safe_load((tmp_path / "us-grade-levels.yaml").read_text(encoding="utf-8"))
    mapping["id"] = "nz-phases"
    mapping["name"] = "Refreshed curriculum phases (trial)"
    (tmp_path / "phases.yaml").write_text(yaml.safe_dump(mapping), encoding="utf-8")
    assert "nz-phases" in load_framework(path).expectation_mapping_ids


# --- clear errors for bad files ---------------------------------------------------------------


def test_a_gap_in_the_stages_names_the_file_and_stages(tmp_path: Path) -> None:
    path = write_copy(tmp_path, lambda d: d["stages"].pop(4))
    errors = load_errors(path)
    assert f"{path}: stages: stage 4 is missing" in errors[0]
    # Everything that still refers to stage 4 is reported too, in the same message.
    assert any("next_steps.additive[3].to_stage" in e for e in errors)
    assert any("knowledge[4].stage" in e for e in errors)
    assert any("expectations[0].milestones[1].expected" in e for e in errors)


def test_a_duplicated_stage_is_reported(tmp_path: Path) -> None:
    path = write_copy(tmp_path, lambda d: d["stages"][5].update(number=4))
    errors = load_errors(path)
    assert any("stage 4 is listed 2 times" in e for e in errors)
    assert any("stage 5 is missing" in e for e in errors)


def test_malformed_yaml_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "framework.yaml"
    path.write_text("id: broken\nstages: [1, 2\nname: x\n", encoding="utf-8")
    [error] = load_errors(path)
    assert str(path) in error and "line" in error and "not valid YAML" in error


def test_an_empty_or_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty.yaml"
    empty.write_text("", encoding="utf-8")
    assert "expected a mapping of fields, found nothing" in load_errors(empty)[0]
    assert "does not exist" in load_errors(tmp_path / "nowhere.yaml")[0]


def test_wrong_types_name_the_field(tmp_path: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        data["version"] = 2026.1
        data["stages"][2]["number"] = "two"

    errors = load_errors(write_copy(tmp_path, change))
    assert any("version: expected text, found 2026.1" in e for e in errors)
    assert any("stages[2].number: expected a whole number, found 'two'" in e for e in errors)


def test_missing_fields_name_the_field(tmp_path: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        del data["stages"][6]["descriptors"]["proportional"]["parent"]
        del data["stages"][1]["name"]

    errors = load_errors(write_copy(tmp_path, change))
    assert any("stages[6].descriptors.proportional: 'parent' is missing" in e for e in errors)
    assert any("stages[1]: 'name' is missing" in e for e in errors)


def test_a_missing_domain_descriptor_is_reported(tmp_path: Path) -> None:
    path = write_copy(tmp_path, lambda d: d["stages"][7]["descriptors"].pop("multiplicative"))
    [error] = load_errors(path)
    assert "stages[7].descriptors: the descriptor for 'multiplicative' is missing" in error


def test_an_unknown_domain_in_next_steps_is_reported(tmp_path: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        data["next_steps"]["addition"] = data["next_steps"].pop("additive")

    [error] = load_errors(write_copy(tmp_path, change))
    assert "next_steps.addition: 'addition' is not a strategy domain" in error
    assert "'additive'" in error


def test_next_steps_must_point_at_real_stages(tmp_path: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        data["next_steps"]["proportional"][7]["to_stage"] = 9

    [error] = load_errors(write_copy(tmp_path, change))
    assert "next_steps.proportional[7].to_stage: there is no stage 9" in error


def test_unknown_knowledge_domain_and_repeated_item_ids(tmp_path: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        data["knowledge"][3]["written_recording"] = [{"id": "wr-3", "text": "Writes 3 + 2 = 5"}]
        data["knowledge"][4]["basic_facts"][0]["id"] = "bf-3-five-plus"

    errors = load_errors(write_copy(tmp_path, change))
    assert any(
        "knowledge[3].written_recording: 'written_recording' is not a knowledge" in e
        for e in errors
    )
    assert any("'bf-3-five-plus' is used 2 times" in e for e in errors)


def test_impossible_expectations_are_reported(tmp_path: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        rows = data["expectations"][0]["milestones"]
        rows[1]["expected"] = "early 4"
        rows[5]["expected"] = "5"
        data["expectations"][0]["applies_to"].append("geometry")

    errors = load_errors(write_copy(tmp_path, change))
    assert any("milestones[1].expected: 'early' is not allowed with stage 4" in e for e in errors)
    assert any("milestones[5]: the expectation goes down from early 6 to 5" in e for e in errors)
    assert any("applies_to[3]: 'geometry' is not a strategy domain" in e for e in errors)


def test_a_broken_mapping_file_is_named(tmp_path: Path) -> None:
    path = write_copy(tmp_path, lambda d: None)
    mapping_path = tmp_path / "us-grade-levels.yaml"
    mapping = yaml.safe_load(mapping_path.read_text(encoding="utf-8"))
    mapping["milestones"][2]["expected"] = "ealry 5"
    mapping["framework"] = "au-framework"
    mapping_path.write_text(yaml.safe_dump(mapping), encoding="utf-8")
    errors = load_errors(path)
    assert any(e.startswith(f"{mapping_path}: milestones[2].expected") for e in errors)
    mapping["milestones"][2]["expected"] = "early 5"
    mapping_path.write_text(yaml.safe_dump(mapping), encoding="utf-8")
    [error] = load_errors(path)
    assert f"{mapping_path}: framework: this mapping is for framework 'au-framework'" in error


def test_a_missing_mapping_file_is_named_in_the_framework(tmp_path: Path) -> None:
    path = write_copy(tmp_path, lambda d: d["expectation_files"].append("nz-phases.yaml"))
    [error] = load_errors(path)
    assert f"{path}: expectation_files[1]" in error and "nz-phases.yaml" in error


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.update(stages={}),
        lambda d: d.update(stages=[]),
        lambda d: d["stages"].append("stage nine"),
        lambda d: d.update(next_steps=[1, 2]),
        lambda d: d["knowledge"].append({"stage": 2, "fractions": "halves"}),
        lambda d: d["expectations"][0]["milestones"].append({"expected": True}),
        lambda d: d["expectations"][0]["milestones"][0].update(end_of_year_level=1),
        lambda d: d["expectations"][0]["school_year"].update(end_of_year_from="02-30"),
        lambda d: d["expectations"].append(dict(d["expectations"][0])),
        lambda d: d["combined_stages"][0].update(id="3-4"),
        lambda d: d["qualifiers"][0].update(stages=[5, 12]),
        lambda d: d["stages"][0]["descriptors"].update({3: {"teacher": "x", "parent": "y"}}),
        lambda d: d.clear(),
    ],
)
def test_every_bad_edit_is_a_content_error_never_a_crash(
    tmp_path: Path, change: Callable[[dict[str, Any]], None]
) -> None:
    errors = load_errors(write_copy(tmp_path, change))
    assert errors and all(str(tmp_path) in e for e in errors)
