"""Knowledge stage per knowledge domain from timed bank results, with its evidence."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ikan_desktop.domain.framework import Framework, load_framework
from ikan_desktop.domain.knowledge import (
    DEFAULT_CUT_SCORE,
    BankResult,
    ItemResult,
    KnowledgeStage,
    knowledge_stage,
)

# The five banks: AC→EA, EA→AA, AA→AM, AM→AP, AP+ (target stage, beyond the top stage).
BANKS = {
    "AC-EA": (5, False),
    "EA-AA": (6, False),
    "AA-AM": (7, False),
    "AM-AP": (8, False),
    "AP+": (8, True),
}


@pytest.fixture(scope="module")
def framework() -> Framework:
    return load_framework()


def bank(bank_id: str, marks: dict[str, str], cut: float = DEFAULT_CUT_SCORE) -> BankResult:
    """A bank result from marks per domain, written like "1101" (1 right, 0 wrong)."""
    target, beyond = BANKS[bank_id]
    items = tuple(
        ItemResult(f"{bank_id}/{domain}/{n}", domain, mark == "1")
        for domain, row in marks.items()
        for n, mark in enumerate(row)
    )
    return BankResult(bank_id, target, cut, items, beyond_top=beyond)


def test_the_stage_is_the_last_bank_in_the_secure_run(framework: Framework) -> None:
    results = [
        bank("AC-EA", {"basic_facts": "11111"}),
        bank("EA-AA", {"basic_facts": "11110"}),
        bank("AA-AM", {"basic_facts": "11101"}),
        bank("AM-AP", {"basic_facts": "10100"}),
    ]
    facts = knowledge_stage(results, framework)["basic_facts"]
    assert facts.stage == 7
    assert [e.bank_id for e in facts.secure_banks] == ["AC-EA", "EA-AA", "AA-AM"]
    assert facts.first_gap is not None and facts.first_gap.bank_id == "AM-AP"
    assert facts.first_gap.missed_items == (
        "AM-AP/basic_facts/1",
        "AM-AP/basic_facts/3",
        "AM-AP/basic_facts/4",
    )
    assert facts.explanation == (
        "Secure in AC-EA (5/5), EA-AA (4/5), AA-AM (4/5). Not yet secure in AM-AP (2/5; needs 80%)."
    )


def test_a_gap_ends_the_run_even_if_a_later_bank_is_secure(framework: Framework) -> None:
    results = [
        bank("AC-EA", {"fractions": "1111"}),
        bank("EA-AA", {"fractions": "1100"}),
        bank("AA-AM", {"fractions": "1111"}),
    ]
    fractions = knowledge_stage(results, framework)["fractions"]
    assert fractions.stage == 5
    assert len(fractions.evidence) == 3  # the later bank is still shown as evidence


def test_a_bank_without_items_in_a_domain_does_not_break_its_run(framework: Framework) -> None:
    results = [
        bank("AC-EA", {"number_sequence": "111", "basic_facts": "11111"}),
        bank("EA-AA", {"basic_facts": "11111"}),
        bank("AA-AM", {"number_sequence": "111"}),
    ]
    stages = knowledge_stage(results, framework)
    assert stages["number_sequence"].stage == 7
    assert stages["basic_facts"].stage == 6


def test_the_cut_score_is_reached_not_just_approached(framework: Framework) -> None:
    four_of_five = knowledge_stage([bank("AC-EA", {"basic_facts": "11110"})], framework)
    three_of_five = knowledge_stage([bank("AC-EA", {"basic_facts": "11100"})], framework)
    assert four_of_five["basic_facts"].stage == 5
    assert three_of_five["basic_facts"].stage is None
    lenient = knowledge_stage([bank("AC-EA", {"basic_facts": "11100"})], framework, cut_score=0.6)
    assert lenient["basic_facts"].stage == 5


def test_the_counting_interview_gives_the_stage_below_the_banks(framework: Framework) -> None:
    results = [bank("AC-EA", {"number_identification": "1000", "fractions": "1111"})]
    stages = knowledge_stage(
        results, framework, counting_stages={"number_identification": 4, "fractions": 3}
    )
    assert stages["number_identification"].stage == 4
    assert stages["number_identification"].from_counting_interview
    assert "counting interview" in stages["number_identification"].explanation
    assert stages["fractions"].stage == 5 and not stages["fractions"].from_counting_interview


def test_no_secure_bank_and_no_counting_result_shows_no_stage(framework: Framework) -> None:
    stages = knowledge_stage([bank("EA-AA", {"grouping_place_value": "0000"})], framework)
    place_value = stages["grouping_place_value"]
    assert place_value.stage is None and place_value.label == "not shown"
    # Every knowledge domain gets an answer, even with no items asked.
    assert set(stages) == set(framework.knowledge_domain_ids)
    assert stages["basic_facts"].explanation == "No knowledge items in this domain were asked."


def test_the_bank_beyond_the_top_stage_shows_8_plus(framework: Framework) -> None:
    results = [bank("AM-AP", {"fractions": "11111"}), bank("AP+", {"fractions": "11111"})]
    fractions = knowledge_stage(results, framework)["fractions"]
    assert fractions.stage == 8 and fractions.beyond_top
    assert fractions.label == "8+"


def test_two_banks_for_the_same_stage_must_both_be_secure(framework: Framework) -> None:
    form_a = bank("AC-EA", {"basic_facts": "11111"})
    form_b = BankResult("AC-EA form B", 5, 0.8, (ItemResult("b1", "basic_facts", False),))
    assert knowledge_stage([form_a, form_b], framework)["basic_facts"].stage is None


def test_bad_input_is_refused_with_a_reason(framework: Framework) -> None:
    with pytest.raises(ValueError, match="not a knowledge domain"):
        knowledge_stage([bank("AC-EA", {"written_recording": "11"})], framework)
    with pytest.raises(ValueError, match="cut score"):
        knowledge_stage([bank("AC-EA", {"basic_facts": "11"}, cut=0)], framework)
    with pytest.raises(ValueError, match="framework lacks"):
        knowledge_stage([BankResult("bank 6", 9, 0.8, ())], framework)


def test_without_a_framework_only_the_domains_seen_are_answered() -> None:
    stages = knowledge_stage([bank("AC-EA", {"basic_facts": "1111"})])
    assert list(stages) == ["basic_facts"] and stages["basic_facts"].stage == 5


# --- properties --------------------------------------------------------------------------------

DOMAINS = ("number_identification", "number_sequence", "grouping_place_value", "basic_facts",
           "fractions")  # fmt: skip

items = st.lists(st.tuples(st.sampled_from(DOMAINS), st.booleans()), min_size=0, max_size=12)
bank_specs = st.lists(
    st.tuples(st.sampled_from(list(BANKS)), items, st.sampled_from([0.5, 0.6, 0.75, 0.8, 1.0])),
    min_size=0,
    max_size=6,
)
counting = st.dictionaries(st.sampled_from(DOMAINS), st.integers(min_value=0, max_value=4))


def build(specs: list[tuple[str, list[tuple[str, bool]], float]]) -> list[BankResult]:
    return [
        BankResult(
            f"{bank_id}#{b}",
            BANKS[bank_id][0],
            cut,
            tuple(ItemResult(f"{b}.{i}", domain, ok) for i, (domain, ok) in enumerate(marks)),
            beyond_top=BANKS[bank_id][1],
        )
        for b, (bank_id, marks, cut) in enumerate(specs)
    ]


def height(stage: KnowledgeStage) -> tuple[int, bool]:
    return (-1 if stage.stage is None else stage.stage, stage.beyond_top)


@given(specs=bank_specs, counting_stages=counting, flip=st.integers(min_value=0))
def test_more_right_answers_never_lower_a_knowledge_stage(
    framework: Framework,
    specs: list[tuple[str, list[tuple[str, bool]], float]],
    counting_stages: dict[str, int],
    flip: int,
) -> None:
    before = knowledge_stage(build(specs), framework, counting_stages=counting_stages)
    wrong = [
        (b, i) for b, (_, marks, _) in enumerate(specs) for i, (_, ok) in enumerate(marks) if not ok
    ]
    if wrong:
        b, i = wrong[flip % len(wrong)]
        domain, _ = specs[b][1][i]
        specs[b][1][i] = (domain, True)
    after = knowledge_stage(build(specs), framework, counting_stages=counting_stages)
    for domain in DOMAINS:
        assert height(after[domain]) >= height(before[domain])
        assert after[domain].stage is None or after[domain].stage in framework.stage_numbers
