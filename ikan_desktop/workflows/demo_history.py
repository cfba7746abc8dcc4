"""Three past interview rounds for each demo student, so progress and profiles have a story.

The demo class (see `roster.seed_demo_class`) gets, per student, three finished strategy
interviews spread over the last year with a confirmed stage per domain, the strategies the
teacher tagged, one knowledge check, and for some children a teacher comment or reworded next
steps. The stages are chosen so the class shows every band: some children ahead of the
expectation for their time at school, some at it, some below. No audio: demo rounds are
clock-only interviews.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from ikan_desktop.domain.students import Student
from ikan_desktop.domain.tags import STRATEGY
from ikan_desktop.store import judgements as judgement_store
from ikan_desktop.store import students as student_store
from ikan_desktop.store import tags as tag_store
from ikan_desktop.store.database import Store, new_id
from ikan_desktop.store.settings import get_setting, set_setting
from ikan_desktop.workflows.roster import DEMO_CLASS, DEMO_TEACHER

SEEDED = "demo_history_seeded"
DOMAINS = ("additive", "multiplicative", "proportional")
KNOWLEDGE = (
    "number_identification",
    "number_sequence",
    "grouping_place_value",
    "basic_facts",
    "fractions",
)
FORMS = ("A", "B", "C")

# Per student: three rounds of (additive, multiplicative, proportional) stages, "e5" meaning
# early 5; then the knowledge stages (same order as KNOWLEDGE; None = not checked).
_HISTORY: dict[str, tuple[tuple[tuple[str, str, str], ...], tuple[int | None, ...]]] = {
    "Aroha Ngata": ((("1", "1", "1"), ("2", "2", "1"), ("4", "3", "2")), (4, 4, 3, 3, 2)),
    "Liam O'Connor": ((("0", "0", "0"), ("1", "1", "0"), ("2", "1", "1")), (2, 2, 1, 1, None)),
    "Mereana Tūhoe-Walker": (
        (("3", "3", "2"), ("4", "3", "3"), ("e5", "4", "3")),
        (5, 5, 4, 3, 3),
    ),
    "Sione Taufa": ((("4", "3", "3"), ("4", "4", "3"), ("4", "4", "3")), (5, 4, 4, 3, 3)),
    "Priya Raman": ((("5", "4", "4"), ("e6", "5", "5"), ("6", "e6", "5")), (6, 6, 6, 6, 5)),
    "Jack Thompson": ((("5", "5", "4"), ("5", "5", "5"), ("6", "e6", "5")), (6, 6, 5, 5, 5)),
    "Ana Lemalu": ((("5", "5", "5"), ("6", "5", "5"), ("6", "6", "5")), (6, 6, 6, 5, 4)),
    "Hūhana Kereama": ((("6", "6", "5"), ("7", "6", "6"), ("7", "7", "e7")), (7, 7, 7, 6, 6)),
}

# The strategy a teacher would most likely tag at each stage, per domain.
_CODES: dict[str, dict[int, tuple[str, ...]]] = {
    "additive": {
        0: ("counting_errors",),
        1: ("counts_one_to_one",),
        2: ("counts_all_materials",),
        3: ("counts_all_imaging",),
        4: ("counts_on_back",),
        5: ("make_ten", "doubles"),
        6: ("place_value_split", "rounding_compensation"),
        7: ("reversibility", "place_value_split"),
        8: ("rounding_compensation",),
    },
    "multiplicative": {
        0: ("counting_errors",),
        1: ("counts_one_to_one",),
        2: ("counts_all_materials",),
        3: ("counts_all_imaging",),
        4: ("skip_counts",),
        5: ("repeated_addition",),
        6: ("derived_fact", "uses_times_fact"),
        7: ("doubling_halving",),
        8: ("doubling_halving",),
    },
    "proportional": {
        0: ("counting_errors",),
        1: ("counts_one_to_one",),
        2: ("counts_all_materials",),
        3: ("counts_all_imaging",),
        4: ("skip_counts",),
        5: ("uses_times_fact",),
        6: ("uses_times_fact",),
        7: ("equivalent_fractions_ratios",),
        8: ("fdp_conversion", "unit_rate"),
    },
}

_COMMENTS = {
    "Mereana Tūhoe-Walker": (
        "Mere explains her thinking clearly and has started to make tens to add. "
        "Ka pai tō mahi, Mere!"
    ),
    "Sione Taufa": (
        "Sione works hard and counts on confidently. This term we are practising the pairs "
        "that make ten together, a few minutes every day."
    ),
    "Hūhana Kereama": "Hana loves a challenge and helps others see different ways to solve a problem.",
}
_OWN_NEXT_STEPS = {
    ("Sione Taufa", "additive"): (
        "Play “make ten” with a pack of cards: turn one over and say the number that goes with it to make ten.",
        "When adding at the shops, ask: can you get to ten first?",
    ),
}


def seed_demo_history(store: Store, *, today: date) -> int:
    """Add the demo students' past rounds once; returns how many interviews were added."""
    if get_setting(store, SEEDED) == "yes":
        return 0
    students = {
        s.name: s
        for s in student_store.iter_students(store, include_archived=True)
        if s.details.class_name == DEMO_CLASS
    }
    added = 0
    with store.db.atomic():
        for name, (rounds, knowledge) in _HISTORY.items():
            student = students.get(name)
            if student is None:
                continue
            dates = _round_dates(student, today)
            session_id = ""
            for number, (stages, on) in enumerate(zip(rounds, dates, strict=True)):
                session_id = _finished_session(store, student, "strategy", on, FORMS[number])
                for domain, text in zip(DOMAINS, stages, strict=True):
                    stage, qualifier = _stage(text)
                    judgement_store.confirm_stage(
                        store,
                        session_id=session_id,
                        domain=domain,
                        stage=stage,
                        qualifier=qualifier,
                        suggested_stage=stage,
                        confirmed_by=DEMO_TEACHER,
                        confirmed_at=_stamp(on, 15),
                    )
                    _tag_strategies(store, session_id, domain, stage)
                added += 1
            _add_notes(store, name, session_id)
            knowledge_id = _finished_session(store, student, "knowledge", dates[-1], "")
            for domain, stage in zip(KNOWLEDGE, knowledge, strict=True):
                if stage is not None:
                    judgement_store.confirm_stage(
                        store,
                        session_id=knowledge_id,
                        domain=domain,
                        stage=stage,
                        confirmed_by=DEMO_TEACHER,
                        confirmed_at=_stamp(dates[-1], 15),
                    )
            added += 1
        set_setting(store, SEEDED, "yes")
    return added


def _round_dates(student: Student, today: date) -> tuple[date, date, date]:
    """Three dates in the past year, never before the child started school."""
    start = student.details.school_start_date or today - timedelta(days=400)
    last = today - timedelta(days=35)
    first = max(start + timedelta(days=30), today - timedelta(days=330))
    middle = max(start + timedelta(days=120), today - timedelta(days=180))
    middle = min(max(middle, first + timedelta(days=30)), last - timedelta(days=30))
    return first, middle, last


def _finished_session(store: Store, student: Student, kind: str, on: date, form: str) -> str:
    # A past interview needs its past date, which a live session start (now) cannot give.
    session_id = new_id()
    store.db["sessions"].insert(
        {
            "id": session_id,
            "student_id": student.id,
            "kind": kind,
            "script_id": f"demo-{kind}",
            "script_version": "demo",
            "form": form,
            "assessor": DEMO_TEACHER,
            "started_at": _stamp(on, 10 if kind == "strategy" else 11),
            "ended_at": _stamp(on, 10 if kind == "strategy" else 11, minutes=14),
            "state": "finished",
        }
    )
    return session_id


def _tag_strategies(store: Store, session_id: str, domain: str, stage: int) -> None:
    for index, code in enumerate(_CODES[domain][stage]):
        tag_store.record_tag(
            store,
            session_id=session_id,
            t_ms=(DOMAINS.index(domain) * 240 + index * 35 + 20) * 1000,
            kind=STRATEGY,
            code=code,
            stage=stage,
            has_audio=False,
        )


def _add_notes(store: Store, name: str, session_id: str) -> None:
    if name in _COMMENTS:
        judgement_store.set_teacher_comment(
            store, session_id, _COMMENTS[name], written_by=DEMO_TEACHER
        )
    for (student_name, domain), steps in _OWN_NEXT_STEPS.items():
        if student_name == name:
            judgement_store.set_next_steps(
                store, session_id, domain, steps, written_by=DEMO_TEACHER
            )


def _stage(text: str) -> tuple[int, str | None]:
    return (int(text[1:]), "early") if text.startswith("e") else (int(text), None)


def _stamp(on: date, hour: int, *, minutes: int = 0) -> str:
    local = datetime.combine(on, time(hour, minutes)).astimezone()
    return local.astimezone(UTC).isoformat(timespec="milliseconds")
