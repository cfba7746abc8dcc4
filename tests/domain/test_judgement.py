"""Judgement on concrete interviews: task stages, section decisions, domain and global stages."""

from __future__ import annotations

import pytest

from ikan_desktop.domain.judgement import (
    Observation,
    StageSuggestion,
    counting_interview_stages,
    section_decision,
    suggest_domain_stage,
    suggest_domain_stages,
    suggest_global_stage,
    task_evidence,
    task_stage,
    task_stages,
)
from ikan_desktop.domain.scripts import InterviewScript, load_knowledge_check, load_script
from ikan_desktop.domain.scripts import shipped_form_paths as form_paths
from ikan_desktop.domain.strategy_codes import load_strategy_codes


@pytest.fixture(scope="module")
def form() -> InterviewScript:
    return load_script(form_paths()[0])


def tag(task_id: str, code: str, t_ms: int = 0, *, deleted: bool = False) -> Observation:
    domain = {"add": "additive", "mul": "multiplicative", "pro": "proportional"}[task_id[3:6]]
    return Observation(task_id, domain, code, t_ms, deleted)


# --- one task -------------------------------------------------------------------------------


def test_a_task_shows_the_highest_stage_of_its_codes(form: InterviewScript) -> None:
    task = form.task("a2-add-2")  # 7 and 4, hidden under cards
    assert task is not None
    assert task_stage(task, ["counts_all_imaging"]) == 3
    assert task_stage(task, ["counts_all_imaging", "counts_on_back"]) == 4
    assert task_stage(task, ["counts_on_back", "make_ten"]) == 5


def test_codes_without_a_stage_or_outside_the_guide_show_nothing(form: InterviewScript) -> None:
    task = form.task("a2-add-2")
    assert task is not None
    assert task_stage(task, []) is None
    assert task_stage(task, ["no_strategy_guessed", "other"]) is None
    assert task_stage(task, ["doubling_halving"]) is None  # not on this task's guide


def test_just_knew_counts_only_when_the_explanation_confirms_it(form: InterviewScript) -> None:
    task = form.task("a4-mul-1")  # 6 × 8, just-knew stage 6 confirmed by a derived fact
    assert task is not None
    assert task_stage(task, ["just_knew"]) is None
    assert task_stage(task, ["just_knew", "repeated_addition"]) == 5
    assert task_stage(task, ["just_knew", "derived_fact"]) == 6
    evidence = task_evidence(
        form, [tag("a4-mul-1", "just_knew", 100), tag("a4-mul-2", "just_knew", 900)]
    )
    assert [e.just_knew for e in evidence] == ["not confirmed", "not confirmed"]


# --- a domain -------------------------------------------------------------------------------


def test_counting_on_twice_and_making_ten_once_suggests_4_with_5_seen_once(
    form: InterviewScript,
) -> None:
    observations = [
        tag("a2-add-2", "counts_on_back", 61_000),
        tag("a2-add-3", "counts_on_back", 95_500),
        tag("a3-add-1", "counts_on_back", 140_000),
        tag("a3-add-1", "make_ten", 151_200),
        tag("a3-add-2", "counts_all_imaging", 190_000),
    ]
    additive = suggest_domain_stage(form, observations, "additive", codes=load_strategy_codes())
    assert additive.stage == 4
    assert additive.needs_more_evidence
    assert additive.seen_once == 5 and additive.highest_seen == 5
    assert additive.supporting_tasks == ("a2-add-2", "a2-add-3", "a3-add-1")
    assert [e.task_id for e in additive.evidence] == [
        "a2-add-2",
        "a2-add-3",
        "a3-add-1",
        "a3-add-2",
    ]
    assert additive.evidence[2].codes == ("counts_on_back", "make_ten")
    assert additive.evidence[2].first_t_ms == 140_000
    assert "Stage 4 is shown by 3 tasks" in additive.reason
    # Reasons name tasks as the teacher sees them (the card), never by id.
    assert "Stage 5 was seen once (8 + 5: Counted on / back, Made a ten)" in additive.reason
    assert "a2-add-2" not in additive.reason and "a3-add-1" not in additive.reason


def test_counting_on_twice_and_making_ten_once_suggests_the_lower_stage(
    form: InterviewScript,
) -> None:
    observations = [
        tag("a3-add-1", "counts_on_back", 10_000),
        tag("a3-add-2", "counts_on_back", 40_000),
        tag("a3-add-3", "make_ten", 70_000),
    ]
    additive = suggest_domain_stage(form, observations, "additive")
    assert (additive.stage, additive.needs_more_evidence, additive.seen_once) == (4, True, 5)


def test_two_tasks_at_the_top_stage_need_no_more_evidence(form: InterviewScript) -> None:
    observations = [tag("a3-add-1", "make_ten", 1), tag("a3-add-3", "place_value_split", 2)]
    additive = suggest_domain_stage(form, observations, "additive")
    assert (additive.stage, additive.needs_more_evidence, additive.seen_once) == (5, False, None)


def test_one_task_alone_is_suggested_but_flagged(form: InterviewScript) -> None:
    suggestion = suggest_domain_stage(form, [tag("a4-pro-1", "uses_times_fact", 5)], "proportional")
    assert (suggestion.stage, suggestion.needs_more_evidence) == (6, True)
    assert "Only one task shows a stage" in suggestion.reason


def test_no_evidence_means_no_stage(form: InterviewScript) -> None:
    untagged = suggest_domain_stage(form, [], "multiplicative")
    guessed = suggest_domain_stage(form, [tag("a2-mul-1", "no_strategy_guessed")], "multiplicative")
    assert untagged.stage is None and untagged.needs_more_evidence
    assert guessed.stage is None and len(guessed.evidence) == 1
    assert "showed a stage" in guessed.reason


def test_undone_tags_are_ignored(form: InterviewScript) -> None:
    observations = [
        tag("a3-add-1", "make_ten", 1),
        tag("a3-add-3", "place_value_split", 2, deleted=True),
        tag("a3-add-3", "counts_on_back", 3),
    ]
    additive = suggest_domain_stage(form, observations, "additive")
    assert additive.stage == 4 and additive.seen_once == 5
    assert all("place_value_split" not in e.codes for e in additive.evidence)


def test_every_domain_of_the_form_gets_a_suggestion(form: InterviewScript) -> None:
    observations = [tag("a2-mul-1", "skip_counts"), tag("a2-mul-2", "skip_counts")]
    suggestions = suggest_domain_stages(form, observations)
    assert list(suggestions) == ["additive", "multiplicative", "proportional"]
    assert suggestions["multiplicative"].stage == 4
    assert suggestions["additive"].stage is None


# --- section decisions ----------------------------------------------------------------------


def test_two_tasks_counted_on_in_section_2_means_continue(form: InterviewScript) -> None:
    observations = [tag("a2-add-2", "counts_on_back"), tag("a2-add-3", "counts_on_back")]
    stages = task_stages(form, observations, "counting-all-or-on")
    assert list(stages) == [t.id for t in form.section("counting-all-or-on").tasks]
    decision = section_decision(form.section("counting-all-or-on"), stages)
    assert decision.action == "continue"
    assert decision.reason.startswith("Continue: 2 of 7 tasks showed stage 4 or above")


def test_counting_all_throughout_means_stop(form: InterviewScript) -> None:
    section = form.section("counting-all-or-on")
    stages = {task.id: 3 for task in section.tasks}
    stages["a2-add-3"] = 4
    decision = section_decision(section, stages)
    assert decision.action == "stop" and decision.close_call
    assert "one more task at stage 4 would mean going on" in decision.reason
    assert "If in doubt" in decision.reason


def test_nothing_reached_goes_back_unless_that_section_was_given(form: InterviewScript) -> None:
    section = form.section("early-part-whole")
    stages = dict.fromkeys((t.id for t in section.tasks), 3)
    back = section_decision(section, stages)
    assert (back.action, back.target_section_id) == ("go_back", "counting-all-or-on")
    done = section_decision(section, stages, sections_done={"counting-all-or-on"})
    assert done.action == "stop" and "already been given" in done.reason


def test_untagged_tasks_are_mentioned_in_the_reason(form: InterviewScript) -> None:
    decision = section_decision(form.section("advanced-additive"), {"a4-add-1": 6})
    assert decision.action == "stop"
    assert "6 tasks showed no stage" in decision.reason


def test_the_last_section_stops(form: InterviewScript) -> None:
    section = form.sections[-1]
    decision = section_decision(section, dict.fromkeys((t.id for t in section.tasks), 8))
    assert decision.action == "stop" and "last section" in decision.reason


# --- global stage ---------------------------------------------------------------------------


def suggestion(domain: str, stage: int | None, thin: bool = False) -> StageSuggestion:
    return StageSuggestion(domain, stage, thin, "")


def test_global_stage_is_where_most_domains_are() -> None:
    found = suggest_global_stage(
        [suggestion("additive", 6), suggestion("multiplicative", 5), suggestion("proportional", 4)]
    )
    assert found.stage == 5 and not found.needs_more_evidence
    assert found.reason == (
        "Stage 5: the highest stage reached in most domains "
        "(2 of 3: additive 6, multiplicative 5, proportional 4)."
    )


def test_global_stage_with_two_or_one_domain_is_cautious() -> None:
    two = suggest_global_stage(
        {"a": suggestion("additive", 6), "m": suggestion("multiplicative", 4)}
    )
    assert two.stage == 4 and two.needs_more_evidence is False
    one = suggest_global_stage([suggestion("additive", 3), suggestion("proportional", None)])
    assert one.stage == 3 and one.needs_more_evidence
    assert "No stage yet for proportional" in one.reason
    assert suggest_global_stage([suggestion("additive", None)]).stage is None


def test_global_stage_carries_thin_evidence_forward() -> None:
    found = suggest_global_stage([suggestion("additive", 5, thin=True), suggestion("mult", 5)])
    assert found.stage == 5 and found.needs_more_evidence


# --- counting interview ---------------------------------------------------------------------


def test_counting_interview_stage_is_the_unbroken_run_of_right_answers() -> None:
    check = load_knowledge_check()
    answers = {item.id: item.stage <= 3 for item in check.counting_items}
    answers["cnt-read-12"] = False  # a numeral slip at stage 2 ends that run early
    assert counting_interview_stages(check, answers) == {
        "number_sequence": 3,
        "number_identification": 1,
    }
    first_wrong = {"cnt-fwd-from-1": False, "cnt-read-6": False}
    assert counting_interview_stages(check, first_wrong) == {
        "number_sequence": 0,
        "number_identification": 0,
    }
