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
    task = form.task("a5-mul-2")  # 16 × 25: not a basic fact
    assert task is not None and not task.just_knew.basic_fact
    assert task_stage(task, ["just_knew"]) is None
    assert task_stage(task, ["just_knew", "repeated_addition"]) == 5
    assert task_stage(task, ["just_knew", "doubling_halving"]) == 7
    evidence = task_evidence(
        form, [tag("a5-mul-2", "just_knew", 100), tag("a6-mul-1", "just_knew", 900)]
    )
    assert [e.just_knew for e in evidence] == ["not confirmed", "not confirmed"]
    assert [e.stage for e in evidence] == [None, None]


def test_just_knew_on_a_basic_fact_shows_the_stage_the_guide_gives_known_facts(
    form: InterviewScript,
) -> None:
    fact = form.task("a4-mul-1")  # 6 × 8: a basic fact
    assert fact is not None and fact.just_knew.basic_fact
    assert task_stage(fact, ["just_knew"]) == fact.just_knew.stage == 6
    evidence = task_evidence(form, [tag("a4-mul-1", "just_knew", 4_200)])
    assert evidence[0].just_knew == "a known fact" and evidence[0].stage == 6
    assert evidence[0].just_knew_t_ms == 4_200


def test_a_wrong_answer_turns_a_strategy_into_a_try(form: InterviewScript) -> None:
    observations = [
        tag("a4-mul-1", "derived_fact", 1_000),
        tag("a4-mul-1", "incorrect", 1_500),
        tag("a4-mul-2", "reversibility", 2_000),
        tag("a4-mul-2", "incorrect", 2_500),
        tag("a3-mul-1", "skip_counts", 3_000),
        tag("a3-mul-2", "skip_counts", 4_000),
        tag("a3-mul-2", "correct", 4_100),
    ]
    evidence = {e.task_id: e for e in task_evidence(form, observations)}
    assert (evidence["a4-mul-1"].stage, evidence["a4-mul-1"].tried) == (None, 6)
    assert evidence["a4-mul-1"].answer == "incorrect"
    assert (evidence["a3-mul-2"].stage, evidence["a3-mul-2"].answer) == (4, "correct")
    multiplicative = suggest_domain_stage(form, observations, "multiplicative")
    assert multiplicative.stage == 4
    assert "Tried but answered wrongly, so not counted: stage 6 on 6 × 8" in (multiplicative.reason)
    # the section rule does not continue on wrong answers either
    stages = task_stages(form, observations, "advanced-additive")
    assert section_decision(form.section("advanced-additive"), stages).action != "continue"


def test_the_last_mark_on_a_task_decides(form: InterviewScript) -> None:
    corrected = [
        tag("a3-add-1", "make_ten", 1),
        tag("a3-add-1", "incorrect", 2),
        tag("a3-add-1", "correct", 3),
    ]
    assert task_evidence(form, corrected)[0].stage == 5


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
    assert not additive.needs_more_evidence  # stage 4 rests on three tasks
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
    assert additive.note == (
        "Stage 5 was glimpsed once (7 + 6: Counted on / back, Made a ten): worth probing next time."
    )
    assert "glimpsed" not in additive.reason


def test_counting_on_twice_and_making_ten_once_suggests_the_lower_stage(
    form: InterviewScript,
) -> None:
    observations = [
        tag("a3-add-1", "counts_on_back", 10_000),
        tag("a3-add-2", "counts_on_back", 40_000),
        tag("a3-add-3", "make_ten", 70_000),
    ]
    additive = suggest_domain_stage(form, observations, "additive")
    assert (additive.stage, additive.needs_more_evidence, additive.seen_once) == (4, False, 5)


def test_tasks_four_stages_apart_are_flagged_as_contradictory(form: InterviewScript) -> None:
    observations = [
        tag("a2-add-2", "counts_all_materials", 1),
        tag("a4-add-1", "place_value_split", 2),
        tag("a4-add-3", "reversibility", 3),
    ]
    additive = suggest_domain_stage(form, observations, "additive")
    assert additive.contradictory and not additive.secure
    assert "Contradictory evidence: 7 and 4 shows stage 2 but 299 + 156 shows stage 6" in (
        additive.reason
    )


def test_early_or_at_follows_the_share_of_tasks_that_could_show_the_stage(
    form: InterviewScript,
) -> None:
    early = [
        tag("a4-add-1", "place_value_split", 1),
        tag("a4-add-2", "make_ten", 2),
        tag("a4-add-3", "reversibility", 3),
        tag("a5-add-1", "counts_on_back", 4),
        tag("a3-add-1", "make_ten", 5),  # its guide stops at 5: not counted in the share
    ]
    found = suggest_domain_stage(form, early, "additive")
    assert (found.stage, found.qualifier) == (6, "early")
    assert "Suggested “early” stage 6: 2 of the 4 tasks that could show stage 6 did" in found.reason
    at = suggest_domain_stage(form, early[:3], "additive")
    assert (at.stage, at.qualifier) == (6, "at")  # 2 of 3 is two-thirds
    counting = suggest_domain_stage(form, [tag("a2-add-2", "counts_on_back")], "additive")
    assert counting.qualifier is None  # stages 0–4 take no qualifier


def test_a_domain_failed_throughout_takes_the_counting_stage_shown_elsewhere(
    form: InterviewScript,
) -> None:
    observations = [
        tag("a2-add-2", "counts_all_imaging", 1),
        tag("a2-add-3", "counts_all_imaging", 2),
        tag("a2-mul-1", "skip_counts", 3),
        tag("a2-mul-1", "incorrect", 4),
        tag("a2-mul-2", "no_strategy_guessed", 5),
    ]
    found = suggest_domain_stages(form, observations)
    multiplicative = found["multiplicative"]
    assert multiplicative.stage == 3 and multiplicative.needs_more_evidence
    assert multiplicative.from_other_domain == "additive"
    assert multiplicative.reason.startswith("Stage 3, carried from additive")
    assert found["proportional"].stage is None  # never tagged: nothing to carry


def test_two_tasks_at_the_top_stage_need_no_more_evidence(form: InterviewScript) -> None:
    observations = [tag("a3-add-1", "make_ten", 1), tag("a3-add-3", "place_value_split", 2)]
    additive = suggest_domain_stage(form, observations, "additive")
    assert (additive.stage, additive.needs_more_evidence, additive.seen_once) == (5, False, None)


def test_one_task_alone_is_suggested_but_flagged(form: InterviewScript) -> None:
    suggestion = suggest_domain_stage(form, [tag("a4-pro-1", "uses_times_fact", 5)], "proportional")
    assert (suggestion.stage, suggestion.needs_more_evidence) == (6, True)
    assert "Stage 6 rests on one task" in suggestion.reason


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


def test_continuing_into_a_section_already_given_becomes_stop(form: InterviewScript) -> None:
    section = form.section("counting-all-or-on")
    stages = dict.fromkeys((t.id for t in section.tasks), 4)
    fresh = section_decision(section, stages, next_section_id="early-part-whole")
    assert fresh.action == "continue"
    again = section_decision(
        section,
        stages,
        sections_done=["counting-all-or-on", "early-part-whole"],
        next_section_id="early-part-whole",
    )
    assert again.action == "stop"
    assert "the next section 'early-part-whole' has already been given" in again.reason


def test_untagged_tasks_are_mentioned_in_the_reason(form: InterviewScript) -> None:
    decision = section_decision(form.section("advanced-additive"), {"a4-add-1": 6})
    assert decision.action == "stop"
    assert "7 tasks showed no stage" in decision.reason


def test_the_last_section_stops(form: InterviewScript) -> None:
    section = form.sections[-1]
    decision = section_decision(section, dict.fromkeys((t.id for t in section.tasks), 8))
    assert decision.action == "stop" and "last section" in decision.reason


# --- global stage ---------------------------------------------------------------------------


def suggestion(domain: str, stage: int | None, thin: bool = False) -> StageSuggestion:
    return StageSuggestion(domain, stage, thin, "")


def test_global_stage_is_the_lowest_secure_domain() -> None:
    found = suggest_global_stage(
        [suggestion("additive", 4), suggestion("multiplicative", 6), suggestion("proportional", 6)]
    )
    assert found.stage == 4 and not found.needs_more_evidence
    assert found.reason.startswith(
        "Stage 4: the lowest of the secure domains (additive 4, multiplicative 6, proportional 6)."
    )


def test_a_thin_lower_domain_does_not_set_the_global_stage_but_is_named() -> None:
    found = suggest_global_stage(
        [suggestion("additive", 3, thin=True), suggestion("multiplicative", 6)]
    )
    assert found.stage == 6 and found.needs_more_evidence
    assert "Additive is lower but not secure yet" in found.reason


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
    assert found.stage == 5 and not found.needs_more_evidence  # mult is secure at 5
    none_secure = suggest_global_stage([suggestion("additive", 5, thin=True)])
    assert none_secure.stage == 5 and none_secure.needs_more_evidence


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
