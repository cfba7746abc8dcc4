"""The knowledge check: the counting interview, the five timed banks, and clear errors."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from ikan_desktop.domain.framework import load_framework
from ikan_desktop.domain.knowledge import BankResult, ItemResult, knowledge_stage
from ikan_desktop.domain.scripts import (
    FrameworkFacts,
    KnowledgeCheck,
    default_knowledge_check_path,
    load_knowledge_check,
    validate_files,
)
from ikan_desktop.domain.validation import ContentFileError

KNOWLEDGE_DOMAINS = (
    "number_identification",
    "number_sequence",
    "grouping_place_value",
    "basic_facts",
    "fractions",
)
FACTS = FrameworkFacts(
    tuple(range(9)), ("additive", "multiplicative", "proportional"), KNOWLEDGE_DOMAINS
)


@pytest.fixture(scope="module")
def check() -> KnowledgeCheck:
    return load_knowledge_check()


def changed(tmp_path: Path, change: Callable[[dict[str, Any]], None]) -> Path:
    data = yaml.safe_load(default_knowledge_check_path().read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "knowledge.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def errors_of(path: Path) -> list[str]:
    with pytest.raises(ContentFileError) as caught:
        load_knowledge_check(path, framework=FACTS)
    return [str(error) for error in caught.value.errors]


def test_five_banks_tied_to_the_stage_transitions(check: KnowledgeCheck) -> None:
    assert [(b.id, b.target_stage, b.beyond_top) for b in check.banks] == [
        ("ac-ea", 5, False),
        ("ea-aa", 6, False),
        ("aa-am", 7, False),
        ("am-ap", 8, False),
        ("ap-plus", 8, True),
    ]
    for bank in check.banks:
        assert 0 < bank.display_seconds <= 10
        assert 0 < bank.cut_score <= 1
        assert all(item.card.strip() and item.answer.strip() for item in bank.items)


def test_the_banks_cover_all_five_knowledge_domains(check: KnowledgeCheck) -> None:
    for bank in check.banks:
        assert set(bank.domains) == set(KNOWLEDGE_DOMAINS)
        for domain in KNOWLEDGE_DOMAINS:
            assert len([i for i in bank.items if i.domain == domain]) >= 3


def test_the_counting_interview_covers_sequences_numerals_and_before_after(
    check: KnowledgeCheck,
) -> None:
    items = check.counting_items
    assert {i.domain for i in items} == {"number_sequence", "number_identification"}
    prompts = " ".join(i.prompt.lower() for i in items)
    for phrase in ("count forwards", "count backwards", "just after", "just before"):
        assert phrase in prompts
    assert all(i.card for i in items if i.domain == "number_identification")
    stages = sorted({i.stage for i in items})
    assert stages == [0, 1, 2, 3, 4, 5]


def test_the_check_loads_against_the_shipped_framework(check: KnowledgeCheck) -> None:
    assert load_knowledge_check(framework=load_framework()).banks == check.banks


def test_bank_results_feed_the_knowledge_stage_rule(check: KnowledgeCheck) -> None:
    """A child right on every item of the first two banks is secure to stage 6 everywhere."""
    results = [
        BankResult(
            bank.id,
            bank.target_stage,
            bank.cut_score,
            tuple(ItemResult(i.id, i.domain, bank.target_stage <= 6) for i in bank.items),
            bank.beyond_top,
        )
        for bank in check.banks
    ]
    stages = knowledge_stage(results, load_framework())
    assert {domain: s.stage for domain, s in stages.items()} == dict.fromkeys(KNOWLEDGE_DOMAINS, 6)


def test_unknown_domains_stages_and_repeated_ids_are_named(tmp_path: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        data["counting_interview"]["items"][0]["domain"] = "number_sequense"
        data["counting_interview"]["items"][1]["stage"] = 12
        data["banks"][1]["items"][2]["id"] = data["banks"][0]["items"][0]["id"]
        data["banks"][2]["target_stage"] = 9

    found = errors_of(changed(tmp_path, change))
    assert any(
        "counting_interview.items[0].domain" in e and "did you mean 'number_sequence'" in e
        for e in found
    )
    assert any("counting_interview.items[1].stage: there is no stage 12" in e for e in found)
    assert any("banks[1].items[2].id" in e and "already used at banks[0]" in e for e in found)
    assert any("banks[2].target_stage: there is no stage 9" in e for e in found)


def test_banks_out_of_order_or_beyond_the_top_too_early_are_refused(tmp_path: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        data["banks"][0], data["banks"][1] = data["banks"][1], data["banks"][0]
        data["banks"][2]["beyond_top"] = True

    found = errors_of(changed(tmp_path, change))
    assert any("banks[1].target_stage" in e and "lowest target stage upwards" in e for e in found)
    assert any("banks[2].beyond_top" in e for e in found)


def test_bad_timings_and_cut_scores_say_what_is_allowed(tmp_path: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        data["banks"][0]["display_seconds"] = 0
        data["banks"][1]["cut_score"] = 80
        data["banks"][2]["items"][0].pop("card")

    found = errors_of(changed(tmp_path, change))
    assert any("banks[0].display_seconds" in e for e in found)
    assert any("banks[1].cut_score: expected a number of at most 1" in e for e in found)
    assert any("banks[2].items[0]: 'card' is missing" in e for e in found)


def test_validate_files_reports_a_broken_knowledge_check_without_raising(tmp_path: Path) -> None:
    path = changed(tmp_path, lambda d: d.pop("banks"))
    found = validate_files([path], framework=FACTS)
    assert [str(e) for e in found] == [f"{path}: (top level): 'banks' is missing"]
