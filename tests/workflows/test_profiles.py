"""Profiles built from a real database: confirmed rounds, framework words, notes and batches."""

from __future__ import annotations

import subprocess
import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from ikan_desktop.domain.students import StudentDetails
from ikan_desktop.domain.tags import FLAG, STRATEGY
from ikan_desktop.reports.profile_data import NoConfirmedJudgement
from ikan_desktop.store import judgements as judgement_store
from ikan_desktop.store import open_store
from ikan_desktop.store import students as student_store
from ikan_desktop.store import tags as tag_store
from ikan_desktop.store.database import Store, new_id, reading_connection
from ikan_desktop.workflows import profiles
from ikan_desktop.workflows.demo_history import seed_demo_history
from ikan_desktop.workflows.roster import DEMO_CLASS, seed_demo_class

TODAY = date(2026, 3, 20)


@pytest.fixture(scope="module")
def sources() -> profiles.ProfileSources:
    return profiles.load_profile_sources()


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    with open_store(data_dir) as opened:
        yield opened


@pytest.fixture
def local_time_is_new_zealand(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "Pacific/Auckland")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def a_round(
    store: Store, student_id: str, started_at: str, stages: dict[str, int | tuple[int, str]]
) -> str:
    session_id = new_id()
    store.db["sessions"].insert(
        {"id": session_id, "student_id": student_id, "kind": "strategy", "form": "C"}
        | {"script_id": "strategy-form-c", "script_version": "1", "started_at": started_at}
        | {"state": "finished", "assessor": "Whaea Mārama"}
    )
    for domain, value in stages.items():
        stage, qualifier = value if isinstance(value, tuple) else (value, None)
        judgement_store.confirm_stage(
            store, session_id=session_id, domain=domain, stage=stage, qualifier=qualifier
        )
    return session_id


def a_year_three(store: Store, name: str = "Mereana Tūhoe-Walker") -> str:
    details = StudentDetails(
        name=name,
        preferred_name="Mere",
        year_level=3,
        school_start_date=date(2023, 7, 1),
        class_name="Room 7",
    )
    student_store.class_named(store, "Room 7", teacher="Whaea Mārama", school="Harbourview")
    return student_store.add_student(store, details).id


def test_the_profile_says_where_the_child_is_against_the_expectation(
    store: Store, sources: profiles.ProfileSources, local_time_is_new_zealand: None
) -> None:
    student = a_year_three(store)
    a_round(store, student, "2025-05-01T21:00:00+00:00", {"additive": 4, "multiplicative": 3})
    latest = a_round(
        store,
        student,
        "2026-03-01T21:00:00+00:00",  # 10 am on 2 March in New Zealand
        {"additive": (5, "early"), "multiplicative": 4, "proportional": 1},
    )
    data = profiles.profile_for_student(store, student, sources=sources, today=TODAY)
    assert (data.student_name, data.called, data.teacher, data.school, data.form) == (
        "Mereana Tūhoe-Walker",
        "Mere",
        "Whaea Mārama",
        "Harbourview",
        "C",
    )
    assert data.assessed_on == date(2026, 3, 2)
    assert data.printed_on == TODAY
    now = {d.domain_id: d for d in data.domains}
    # After 2 years at school the expectation is stage 4 (Counting on and back).
    assert now["additive"].stage_name == "Breaking numbers into parts"
    assert now["additive"].early
    assert (now["additive"].band, now["additive"].expected) == ("above", (4, 4))
    assert (now["multiplicative"].stage_name, now["multiplicative"].band) == (
        "Counting on and back",
        "at",
    )
    assert now["proportional"].band == "well_below"
    assert now["proportional"].band_text == "Further behind what we expect for time at school"
    assert [r.stage_for("additive") for r in data.rounds] == [4, 5]
    assert data.rounds[0].stage_for("proportional") is None
    steps = {s.domain_id: s for s in data.next_steps}
    framework = sources.framework
    assert steps["additive"].next_stage_name == framework.stage(6).parent_name
    assert steps["additive"].ideas == framework.next_steps("additive", 5).parent  # type: ignore[union-attr]
    assert [e.abbreviation for e in data.stage_key][:5] == ["E", "1-1", "CA", "CA", "AC"]
    assert latest


def test_teachers_words_replace_the_frameworks_and_the_comment_is_printed(
    store: Store, sources: profiles.ProfileSources
) -> None:
    student = a_year_three(store)
    session = a_round(store, student, "2026-03-01T21:00:00+00:00", {"additive": 4})
    judgement_store.set_next_steps(store, session, "additive", ["Count on from the bigger number."])
    judgement_store.set_teacher_comment(store, session, "Mere has grown so much this term.")
    data = profiles.profile_for_student(store, student, sources=sources, today=TODAY)
    [step] = data.next_steps
    assert step.ideas == ("Count on from the bigger number.",)
    assert step.edited_by_teacher
    assert data.teacher_comment == "Mere has grown so much this term."


def test_what_the_child_does_well_comes_from_the_strategies_tagged(
    store: Store, sources: profiles.ProfileSources
) -> None:
    student = a_year_three(store)
    earlier = a_round(store, student, "2025-05-01T21:00:00+00:00", {"additive": 4})
    latest = a_round(store, student, "2026-03-01T21:00:00+00:00", {"additive": 5})
    for session, code, stage in (
        (earlier, "skip_counts", 4),  # an earlier round: not what the child does now
        (latest, "counts_on_back", 4),
        (latest, "counts_on_back", 4),
        (latest, "make_ten", 5),
        (latest, "counting_errors", 0),  # still being learned, not a strength
        (latest, "no_strategy_guessed", None),
    ):
        tag_store.record_tag(
            store, session_id=session, t_ms=1000, kind=STRATEGY, code=code, stage=stage
        )
    deleted = tag_store.record_tag(
        store, session_id=latest, t_ms=2000, kind=STRATEGY, code="doubles", stage=5
    )
    tag_store.set_deleted(store, deleted.id)
    tag_store.record_tag(store, session_id=latest, t_ms=3000, kind=FLAG, code="flag")
    # tried on a task answered wrongly: not something the child does well yet
    for t_ms, kind, code in (
        (4000, STRATEGY, "place_value_split"),
        (4500, "response", "incorrect"),
    ):
        tag_store.record_tag(
            store, session_id=latest, t_ms=t_ms, kind=kind, code=code, task_id="c4-add-1"
        )
    data = profiles.profile_for_student(store, student, sources=sources, today=TODAY)
    codes = sources.codes
    assert data.strengths == (
        codes.get("make_ten").what_this_shows.strip(),
        codes.get("counts_on_back").what_this_shows.strip(),
    )


def test_knowledge_comes_from_the_latest_confirmed_knowledge_check(
    store: Store, sources: profiles.ProfileSources
) -> None:
    student = a_year_three(store)
    a_round(store, student, "2026-03-01T21:00:00+00:00", {"additive": 5})
    check = new_id()
    store.db["sessions"].insert(
        {"id": check, "student_id": student, "kind": "knowledge", "script_id": "ikan"}
        | {"script_version": "1", "started_at": "2026-03-02T21:00:00+00:00", "state": "finished"}
    )
    judgement_store.confirm_stage(store, session_id=check, domain="basic_facts", stage=3)
    judgement_store.confirm_stage(store, session_id=check, domain="number_identification", stage=6)
    data = profiles.profile_for_student(store, student, sources=sources, today=TODAY)
    stages = {k.domain_id: k.stage for k in data.knowledge}
    assert stages["basic_facts"] == 3
    assert stages["fractions"] is None
    assert len(data.knowledge) == len(sources.framework.knowledge_domains)
    assert "ahead of what Mere knows quickly in number facts known by heart" in data.knowledge_gap


def test_no_confirmed_stage_is_a_clear_message_not_an_empty_page(
    store: Store, sources: profiles.ProfileSources
) -> None:
    student = a_year_three(store)
    unfinished = new_id()
    store.db["sessions"].insert(
        {"id": unfinished, "student_id": student, "kind": "strategy", "script_id": "x"}
        | {"script_version": "1", "started_at": "2026-03-01T21:00:00+00:00", "state": "paused"}
    )
    judgement_store.confirm_stage(store, session_id=unfinished, domain="additive", stage=4)
    with pytest.raises(NoConfirmedJudgement) as raised:
        profiles.profile_for_student(store, student, sources=sources, today=TODAY)
    assert raised.value.message.startswith("Mereana Tūhoe-Walker has no confirmed stage yet")
    with pytest.raises(profiles.UnknownStudent, match="no student with the id 'nobody'"):
        profiles.profile_for_student(store, "nobody", sources=sources)


def test_the_demo_class_has_a_story_to_print(
    store: Store, sources: profiles.ProfileSources
) -> None:
    seed_demo_class(store, today=TODAY)  # the class comes with its past rounds
    sessions = store.db.execute("SELECT count(*) FROM sessions").fetchone()[0]
    # three strategy rounds and one knowledge check each, and one recorded demo interview
    assert sessions == 8 * 4 + 1
    assert seed_demo_history(store, today=TODAY) == 0
    batch = profiles.class_profiles(store, DEMO_CLASS, sources=sources, today=TODAY)
    assert len(batch.profiles) == 8 and not batch.skipped
    assert all(len(p.rounds) == 3 for p in batch.profiles)
    bands = {d.band for p in batch.profiles for d in p.domains}
    assert {"above", "at", "below", "well_below"} <= bands
    assert all(p.strengths and p.knowledge for p in batch.profiles)
    assert any(p.teacher_comment for p in batch.profiles)
    assert any(s.edited_by_teacher for p in batch.profiles for s in p.next_steps)


def pages(path: Path) -> int:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return int(next(line for line in out.stdout.splitlines() if line.startswith("Pages:"))[6:])


def test_a_class_is_saved_one_file_per_child_and_children_without_stages_are_listed(
    store: Store, sources: profiles.ProfileSources, tmp_path: Path
) -> None:
    seed_demo_class(store, today=TODAY)
    seed_demo_history(store, today=TODAY)
    student_store.add_student(store, StudentDetails(name="Nikau New", class_name=DEMO_CLASS))
    seen: list[tuple[int, int]] = []
    folder = tmp_path / "profiles"
    result = profiles.save_class_profiles(
        store,
        DEMO_CLASS,
        folder,
        sources=sources,
        today=TODAY,
        progress=lambda done, total, _: seen.append((done, total)),
    )
    assert not result.cancelled
    assert len(result.written) == 8
    assert [name for name, _ in result.skipped] == ["Nikau New"]
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in result.written)
    assert all(pages(p) == 1 for p in result.written)
    assert seen[-1] == (8, 8) and [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_cancelling_a_class_leaves_no_files_at_all(
    store: Store, sources: profiles.ProfileSources, tmp_path: Path
) -> None:
    seed_demo_class(store, today=TODAY)
    seed_demo_history(store, today=TODAY)
    cancel = threading.Event()
    calls: list[int] = []

    def progress(done: int, total: int, name: str) -> None:
        calls.append(done)
        if done == 3:
            cancel.set()

    folder = tmp_path / "profiles"
    result = profiles.save_class_profiles(
        store, DEMO_CLASS, folder, sources=sources, today=TODAY, progress=progress, cancel=cancel
    )
    assert result.cancelled
    assert result.written == ()
    assert max(calls) == 3, "the batch stopped at the next child"
    assert not folder.exists() or list(folder.iterdir()) == []


def test_a_class_prints_as_one_document_with_a_page_per_child(
    store: Store, sources: profiles.ProfileSources, tmp_path: Path
) -> None:
    seed_demo_class(store, today=TODAY)
    seed_demo_history(store, today=TODAY)
    with reading_connection(store.path) as reader:
        pdf, batch = profiles.render_class_profiles(reader, DEMO_CLASS, sources=sources)
    assert pdf is not None
    path = tmp_path / "class.pdf"
    path.write_bytes(pdf)
    assert pages(path) == len(batch.profiles) == 8
    with pytest.raises(profiles.UnknownClass, match="Classes: 'Room 7 \\(demo\\)'"):
        profiles.class_profiles(store, "Room 99", sources=sources)


def test_a_class_without_a_teacher_prints_the_name_and_school_from_settings(
    store: Store, sources: profiles.ProfileSources
) -> None:
    from ikan_desktop.store.settings import SCHOOL_NAME, TEACHER_NAME, set_setting

    details = StudentDetails(name="Tama Rewi", year_level=3, class_name="Room 9")
    student = student_store.add_student(store, details).id  # the class has no teacher of its own
    a_round(store, student, "2026-03-01T21:00:00+00:00", {"additive": 4})
    set_setting(store, TEACHER_NAME, "Whaea Mere")
    set_setting(store, SCHOOL_NAME, "Harbourview School")
    data = profiles.profile_for_student(store, student, sources=sources, today=TODAY)
    assert (data.teacher, data.school) == ("Whaea Mere", "Harbourview School")
