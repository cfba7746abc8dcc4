"""The shared strategy-code list: the shipped file, and clear errors for a bad edit."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from ikan_desktop.domain.strategy_codes import (
    FAMILIES,
    JUST_KNEW,
    NO_STAGE,
    default_codes_path,
    load_strategy_codes,
)
from ikan_desktop.domain.validation import ContentFileError

REQUIRED = (
    "counts_all_materials",
    "counts_all_imaging",
    "counts_on_back",
    "skip_counts",
    "make_ten",
    "doubles",
    "fives",
    "place_value_split",
    "rounding_compensation",
    "reversibility",
    "derived_fact",
    "doubling_halving",
    "equivalent_fractions_ratios",
    "just_knew",
    "no_strategy_guessed",
    "other",
)


def shipped() -> dict[str, Any]:
    return yaml.safe_load(default_codes_path().read_text(encoding="utf-8"))


def write(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "codes.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def errors_of(path: Path) -> list[str]:
    with pytest.raises(ContentFileError) as caught:
        load_strategy_codes(path)
    return [str(error) for error in caught.value.errors]


def test_shipped_list_has_every_code_the_interviews_need() -> None:
    codes = load_strategy_codes()
    assert set(REQUIRED) <= set(codes.ids)
    assert all(code.family in FAMILIES for code in codes)
    assert len({code.key_hint for code in codes}) == len(codes)
    assert codes.get(JUST_KNEW).family == "known_fact"


def test_codes_without_a_stage_are_guessed_and_other() -> None:
    codes = load_strategy_codes()
    assert {code.id for code in codes.in_family(NO_STAGE)} == {"no_strategy_guessed", "other"}
    assert not codes.get("other").shows_a_stage
    assert codes.get("make_ten").shows_a_stage


def test_every_code_has_a_short_label_and_a_sentence_for_families() -> None:
    for code in load_strategy_codes():
        assert 0 < len(code.label) <= 40
        assert code.what_this_shows.endswith(".")
        assert len(code.key_hint) == 1


def test_unknown_code_lookup_names_the_known_ones() -> None:
    with pytest.raises(KeyError, match="counts_on_back"):
        load_strategy_codes().get("counted_on")


def test_a_repeated_id_and_key_hint_are_both_named(tmp_path: Path) -> None:
    data = shipped()
    data["codes"][1]["id"] = data["codes"][0]["id"]
    data["codes"][2]["key_hint"] = data["codes"][0]["key_hint"]
    found = errors_of(write(tmp_path, data))
    assert any("codes[1].id" in e and "already used by codes[0]" in e for e in found)
    assert any("codes[2].key_hint" in e and "key hint" in e for e in found)


def test_a_missing_just_knew_is_reported(tmp_path: Path) -> None:
    data = shipped()
    data["codes"] = [c for c in data["codes"] if c["id"] != JUST_KNEW]
    assert any("'just_knew' is missing" in e for e in errors_of(write(tmp_path, data)))


def test_an_unknown_family_names_the_field_and_the_choices(tmp_path: Path) -> None:
    data = shipped()
    data["codes"][0]["family"] = "guessing"
    found = errors_of(write(tmp_path, data))
    assert any("codes[0].family" in e and "expected one of" in e for e in found)


def test_a_label_too_long_for_a_button_is_refused(tmp_path: Path) -> None:
    data = shipped()
    data["codes"][0]["label"] = "Counted every single counter from one, slowly and carefully"
    assert any("codes[0].label" in e for e in errors_of(write(tmp_path, data)))
