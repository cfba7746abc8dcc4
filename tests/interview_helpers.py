"""Shared set-up for interview tests: a real store, a real student, the shipped form A."""

from __future__ import annotations

from pathlib import Path

from ikan_desktop.domain.scripts import load_script
from ikan_desktop.domain.strategy_codes import load_strategy_codes
from ikan_desktop.domain.students import StudentDetails
from ikan_desktop.store import Store, open_store
from ikan_desktop.store import students as student_store
from ikan_desktop.workflows.clock import InterviewClock, MonotonicClock
from ikan_desktop.workflows.interview import LiveInterview
from ikan_desktop.workflows.interview_plan import plan_sections
from ikan_desktop.workflows.interview_rules import InterviewRules

FORM_A = Path(__file__).resolve().parents[1] / "interview_scripts" / "strategy-form-a.yaml"


def form_a_rules() -> InterviewRules:
    return InterviewRules(load_script(FORM_A), load_strategy_codes())


def start_interview(
    folder: Path, *, clock: InterviewClock | None = None, start: str | None = None
) -> tuple[Store, LiveInterview, InterviewRules]:
    store = open_store(folder)
    student = student_store.add_student(
        store, StudentDetails(name="Aroha Ngata", recording_consent=False)
    )
    rules = form_a_rules()
    interview = LiveInterview.start(
        store,
        student_id=student.id,
        script_id=rules.script.id,
        script_version=rules.script.version,
        form=rules.script.form,
        sections=plan_sections(rules.script, rules.codes),
        clock=clock or MonotonicClock(),
        decide_section=rules.decide_section,
        start_section_id=start,
    )
    return store, interview, rules


def live_window(interview: LiveInterview, rules: InterviewRules, *, level_signal=None):
    """The real live screen for an interview started with `start_interview`."""
    from ikan_desktop.ui.interview.live_window import LiveWindow

    return LiveWindow(
        interview,
        student_name="Aroha Ngata",
        form_title=rules.script.title,
        stage_text=lambda n: f"stage {n}",
        describe_tag=lambda tag: tag.code,
        no_audio_reason="" if level_signal is not None else "No recording consent",
        level_signal=level_signal,
    )
