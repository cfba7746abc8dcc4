"""One key map for the whole interview: a key means the same thing on every task and every form."""

from __future__ import annotations

from ikan_desktop.domain.scripts import load_forms
from ikan_desktop.domain.strategy_codes import StrategyCode, StrategyCodes, load_strategy_codes
from ikan_desktop.workflows.interview_keys import (
    COMMON_KEYS,
    DECISION_KEYS,
    action_for,
    strategy_keys,
)
from ikan_desktop.workflows.interview_plan import plan_sections


def test_every_strategy_keeps_its_key_on_every_task_of_every_form() -> None:
    codes = load_strategy_codes()
    seen: dict[str, str] = {}
    meaning: dict[str, str] = {}
    for script in load_forms(codes=codes):
        for section in plan_sections(script, codes):
            for task in section.tasks:
                assert task.choices, task.id
                for choice in task.choices:
                    assert seen.setdefault(choice.code, choice.key) == choice.key
                    assert meaning.setdefault(choice.key, choice.code) == choice.code
    assert seen["make_ten"] == "T" and seen["doubles"] == "D"  # the codes' own key hints


def test_every_code_in_the_data_has_a_key_of_its_own_that_no_shared_key_uses() -> None:
    codes = load_strategy_codes()
    keys = strategy_keys(codes)
    assert set(keys) == set(codes.ids)
    others = [k for code, k in keys.items() if code != "just_knew"]
    assert len(set(others)) == len(others)
    shared = {k.key for k in COMMON_KEYS} | {k.key for k in DECISION_KEYS}
    assert not shared & set(others)


def test_a_clashing_or_new_code_gets_a_free_key_and_the_others_keep_theirs() -> None:
    codes = load_strategy_codes()
    extra = (
        StrategyCode("counted_by_tens", "t", "Counted by tens", "Counts in tens.", "counting"),
        StrategyCode("noted_it", "n", "Noted", "Noted.", "none"),
    )
    more = StrategyCodes(codes.version, codes.codes + extra)
    before, after = strategy_keys(codes), strategy_keys(more)
    assert all(after[code] == key for code, key in before.items())
    new = {after["counted_by_tens"], after["noted_it"]}
    assert len(new) == 2 and not new & set(before.values())
    assert not new & {"N", "1", "2", "3"}


def test_section_end_decisions_are_on_keys_that_never_tag() -> None:
    code_keys = frozenset(strategy_keys(load_strategy_codes()).values())
    for decision in DECISION_KEYS:
        assert not (action_for(decision.key, code_keys=code_keys) or "").startswith("score:")
        assert decision.key not in code_keys
    for key in code_keys - {"J"}:
        assert action_for(key, code_keys=code_keys) == f"score:{key}"
        assert action_for(key, deciding=True, code_keys=code_keys) is None
