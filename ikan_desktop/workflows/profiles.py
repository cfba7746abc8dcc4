"""Progression profiles: gather a student's confirmed rounds into a page a parent can read.

This is where the framework's words meet the database: confirmed stages per round, the
expectation for the child's time at school, the strategies the teacher tagged, the framework's
next steps (or the teacher's own), and the teacher's comment. The renderer gets plain records.
"""

from __future__ import annotations

import sqlite3
import threading
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlite_utils import Database

from ikan_desktop.domain.evidence import ANSWER_MARKS, INCORRECT
from ikan_desktop.domain.expectations import compare_with_expectation, expected_stage
from ikan_desktop.domain.framework import Framework, StageValue, load_framework
from ikan_desktop.domain.strategy_codes import NO_STAGE, StrategyCodes, load_strategy_codes
from ikan_desktop.domain.students import Student
from ikan_desktop.domain.tags import STRATEGY
from ikan_desktop.reports.profile import (
    RenderStopped,
    profile_file_name,
    render_profile,
    render_profiles,
)
from ikan_desktop.reports.profile_data import (
    DomainNow,
    KnowledgeNow,
    NextStep,
    NoConfirmedJudgement,
    ProfileData,
    RoundStages,
    StageKeyEntry,
)
from ikan_desktop.store import judgements as judgement_store
from ikan_desktop.store import settings
from ikan_desktop.store import students as student_store
from ikan_desktop.store import tags as tag_store
from ikan_desktop.store.database import Store, atomic_write_bytes
from ikan_desktop.store.judgements import ConfirmedRound

__all__ = [
    "ClassProfiles",
    "NoConfirmedJudgement",
    "ProfileSources",
    "UnknownClass",
    "UnknownStudent",
    "class_profiles",
    "load_profile_sources",
    "profile_file_name",
    "profile_for_student",
    "reading_connection",
    "render_class_profiles",
    "save_class_profiles",
    "save_student_profile",
]

MOST_STRENGTHS = 4
# Codes that describe something still being learned, not a strength to tell a family about.
NOT_A_STRENGTH = frozenset({"counting_errors"})

Progress = Callable[[int, int, str], None]


class UnknownStudent(LookupError):
    """No student has this id (a message for teachers)."""

    def __init__(self, student_id: str) -> None:
        self.message = (
            f"There is no student with the id {student_id!r}. "
            "The `students` command lists every student with their id."
        )
        super().__init__(self.message)


class UnknownClass(LookupError):
    """No class has this name (a message for teachers)."""

    def __init__(self, name: str, known: Sequence[str]) -> None:
        listed = ", ".join(repr(k) for k in known) or "none yet"
        self.message = f"There is no class called {name!r}. Classes: {listed}."
        super().__init__(self.message)


@dataclass(frozen=True, slots=True)
class ProfileSources:
    """The content a profile is written from: the framework and the strategy codes."""

    framework: Framework
    codes: StrategyCodes


@dataclass(frozen=True, slots=True)
class ClassProfiles:
    """The outcome of a whole-class run: what was made, who was skipped and why, or cancelled."""

    written: tuple[Path, ...] = ()
    profiles: tuple[ProfileData, ...] = ()
    skipped: tuple[tuple[str, str], ...] = ()
    cancelled: bool = False


def load_profile_sources() -> ProfileSources:
    """Load the shipped framework and strategy codes (once per batch, not once per student)."""
    return ProfileSources(load_framework(), load_strategy_codes())


@contextmanager
def reading_connection(store: Store) -> Iterator[Store]:
    """A second, read-only connection to the same database, for a worker thread.

    The write-ahead log lets it read a consistent snapshot while the app keeps writing on its
    own connection, so a class batch never shares a connection across threads.
    """
    uri = f"{store.path.resolve().as_uri()}?mode=ro"
    connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
    try:
        yield Store(db=Database(connection), path=store.path)
    finally:
        connection.close()


def profile_for_student(
    store: Store,
    student_id: str,
    *,
    sources: ProfileSources | None = None,
    today: date | None = None,
) -> ProfileData:
    """Everything on one student's profile; NoConfirmedJudgement when no stage is confirmed."""
    try:
        student = student_store.get_student(store, student_id)
    except KeyError as error:
        raise UnknownStudent(student_id) from error
    return _profile(store, student, sources or load_profile_sources(), today or date.today())


def save_student_profile(
    store: Store,
    student_id: str,
    target: Path,
    *,
    page_size: str = "A4",
    sources: ProfileSources | None = None,
    today: date | None = None,
    replace: bool = True,
) -> Path:
    """Render one profile and write it whole; `replace=False`: FileExistsError, never replaced."""
    data = profile_for_student(store, student_id, sources=sources, today=today)
    atomic_write_bytes(Path(target), render_profile(data, page_size=page_size), replace=replace)
    return Path(target)


def class_profiles(
    store: Store,
    class_name: str,
    *,
    sources: ProfileSources | None = None,
    today: date | None = None,
    cancel: threading.Event | None = None,
) -> ClassProfiles:
    """Profile data for every student in a class who has a confirmed stage, by name.

    Reading is quick; progress is reported while the pages are rendered.
    """
    known = [klass.name for klass in student_store.list_classes(store)]
    if class_name not in known:
        raise UnknownClass(class_name, known)
    sources = sources or load_profile_sources()
    today = today or date.today()
    students = [s for s in student_store.iter_students(store) if s.details.class_name == class_name]
    made: list[ProfileData] = []
    skipped: list[tuple[str, str]] = []
    for student in students:
        if cancel is not None and cancel.is_set():
            return ClassProfiles(cancelled=True)
        try:
            made.append(_profile(store, student, sources, today))
        except NoConfirmedJudgement as error:
            skipped.append((student.name, error.message))
    return ClassProfiles(profiles=tuple(made), skipped=tuple(skipped))


def render_class_profiles(
    store: Store,
    class_name: str,
    *,
    page_size: str = "A4",
    sources: ProfileSources | None = None,
    today: date | None = None,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> tuple[bytes | None, ClassProfiles]:
    """One PDF with a page per student (for printing the class); None when cancelled or empty."""
    batch = class_profiles(store, class_name, sources=sources, today=today, cancel=cancel)
    if batch.cancelled or not batch.profiles:
        return None, batch
    try:
        pdf = render_profiles(
            batch.profiles,
            page_size=page_size,
            title=f"Maths progress profiles: {class_name}",
            progress=progress,
            should_stop=cancel.is_set if cancel is not None else None,
        )
    except RenderStopped:
        return None, ClassProfiles(cancelled=True)
    if progress is not None:
        progress(len(batch.profiles), len(batch.profiles), "")
    return pdf, batch


def save_class_profiles(
    store: Store,
    class_name: str,
    folder: Path,
    *,
    page_size: str = "A4",
    sources: ProfileSources | None = None,
    today: date | None = None,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    replace: bool = False,
) -> ClassProfiles:
    """One PDF per student in `folder`. Every page is rendered before the first file is
    written, so cancelling leaves no files at all, and each file is written whole. A file
    already in the folder is never replaced (the new one gets a numbered name) unless
    `replace` is true."""
    batch = class_profiles(store, class_name, sources=sources, today=today, cancel=cancel)
    if batch.cancelled:
        return batch
    total = len(batch.profiles)
    rendered: list[tuple[ProfileData, bytes]] = []
    for done, data in enumerate(batch.profiles):
        if cancel is not None and cancel.is_set():
            return ClassProfiles(cancelled=True)
        if progress is not None:
            progress(done, total, data.student_name)
        rendered.append((data, render_profile(data, page_size=page_size)))
    written: list[Path] = []
    used: set[str] = set() if replace else _names_in(Path(folder))
    for data, pdf in rendered:
        target = Path(folder) / profile_file_name(data, taken=used)
        atomic_write_bytes(target, pdf, replace=replace)
        written.append(target)
    if progress is not None:
        progress(total, total, "")
    return ClassProfiles(tuple(written), batch.profiles, batch.skipped)


def _names_in(folder: Path) -> set[str]:
    return {path.name.lower() for path in folder.iterdir()} if folder.is_dir() else set()


def _profile(store: Store, student: Student, sources: ProfileSources, today: date) -> ProfileData:
    framework = sources.framework
    domain_ids = framework.strategy_domain_ids
    rounds = [
        r
        for r in judgement_store.confirmed_rounds(store, student.id, kind="strategy")
        if any(r.stage_for(d) for d in domain_ids)
    ]
    if not rounds:
        raise NoConfirmedJudgement(student.name)
    latest = rounds[-1]
    assessed_on = _local_date(latest.started_at)
    klass = next((k for k in student_store.list_classes(store) if k.id == student.class_id), None)
    notes = judgement_store.profile_notes(store, latest.session_id)
    domains = _domains_now(framework, student, rounds)
    return ProfileData(
        student_name=student.name,
        preferred_name=student.details.preferred_name,
        class_name=student.details.class_name,
        teacher=(klass.teacher if klass else "") or settings.teacher_name(store),
        school=(klass.school if klass else "") or settings.school_name(store),
        assessed_on=assessed_on,
        printed_on=today,
        form=latest.form,
        domains=domains,
        rounds=tuple(_round_stages(framework, student, r) for r in rounds),
        stage_key=tuple(
            StageKeyEntry(s.number, s.parent_name, s.name, s.abbreviation) for s in framework.stages
        ),
        knowledge=_knowledge(store, framework, student),
        strengths=_strengths(store, sources.codes, latest),
        next_steps=tuple(
            _next_step(framework, d, notes.next_steps.get(d.domain_id)) for d in domains
        ),
        teacher_comment=notes.comment,
        framework_name=f"{framework.name} {framework.version}",
    )


def _domains_now(
    framework: Framework, student: Student, rounds: Sequence[ConfirmedRound]
) -> tuple[DomainNow, ...]:
    found = []
    for domain in framework.strategy_domains:
        judged = [(r, s) for r in rounds if (s := r.stage_for(domain.id)) is not None]
        if not judged:
            continue
        last_round, confirmed = judged[-1]
        on = _local_date(last_round.started_at)
        value = _stage_value(framework, confirmed.stage, confirmed.qualifier)
        stage = framework.stage(confirmed.stage)
        comparison = compare_with_expectation(
            framework,
            value,
            None,
            student.details.year_level,
            student.details.school_start_date,
            on,
            domain_id=domain.id,
        )
        band = comparison.band.value if comparison else None
        found.append(
            DomainNow(
                domain_id=domain.id,
                name=domain.parent_name,
                stage=confirmed.stage,
                stage_name=stage.parent_name,
                early=value.qualifier == "early",
                description=stage.parent_descriptor(domain.id),
                expected=_expected_rungs(framework, student, on, domain.id),
                band=band,
            )
        )
    return tuple(found)


def _round_stages(framework: Framework, student: Student, one: ConfirmedRound) -> RoundStages:
    on = _local_date(one.started_at)
    stages = tuple(
        (d, s.stage if (s := one.stage_for(d)) else None) for d in framework.strategy_domain_ids
    )
    first = framework.strategy_domain_ids[0] if framework.strategy_domain_ids else None
    return RoundStages(on, stages, _expected_rungs(framework, student, on, first))


def _expected_rungs(
    framework: Framework, student: Student, on: date, domain_id: str | None
) -> tuple[int, int] | None:
    expected = expected_stage(framework, student.details, on=on, domain_id=domain_id)
    if expected is None:
        return None
    value = expected.value
    return value.stage, value.upper if value.upper is not None else value.stage


def _knowledge(store: Store, framework: Framework, student: Student) -> tuple[KnowledgeNow, ...]:
    latest: dict[str, int] = {}
    for one in judgement_store.confirmed_rounds(store, student.id, kind=None):
        for confirmed in one.stages:
            if confirmed.domain in framework.knowledge_domain_ids:
                latest[confirmed.domain] = confirmed.stage
    if not latest:
        return ()
    return tuple(
        KnowledgeNow(d.id, d.parent_name, latest.get(d.id)) for d in framework.knowledge_domains
    )


def _strengths(store: Store, codes: StrategyCodes, latest: ConfirmedRound) -> tuple[str, ...]:
    every = sorted(tag_store.tags_for_session(store, latest.session_id), key=lambda t: t.t_ms)
    marks = {t.task_id: t.code for t in every if t.code in ANSWER_MARKS}  # the last one counts
    tags = [  # a strategy that led to a wrong answer was tried, not shown: no strength yet
        t
        for t in every
        if t.kind == STRATEGY and t.code in codes and t.code not in NOT_A_STRENGTH
        if marks.get(t.task_id) != INCORRECT
    ]
    counts = Counter(t.code for t in tags)
    highest: dict[str, int] = {}
    for tag in tags:
        highest[tag.code] = max(
            highest.get(tag.code, -1), tag.stage if tag.stage is not None else -1
        )
    ordered = sorted(counts, key=lambda code: (-highest[code], -counts[code], code))
    sentences = [
        codes.get(code).what_this_shows.strip()
        for code in ordered
        if codes.get(code).family != NO_STAGE
    ]
    return tuple(sentences[:MOST_STRENGTHS])


def _next_step(framework: Framework, domain: DomainNow, edited: Sequence[str] | None) -> NextStep:
    steps = framework.next_steps(domain.domain_id, domain.stage)
    next_name = framework.stage(steps.to_stage).parent_name if steps else ""
    ideas = tuple(edited) if edited else (steps.parent if steps else ())
    return NextStep(domain.domain_id, domain.name, next_name, ideas, bool(edited))


def _stage_value(framework: Framework, stage: int, qualifier: str | None) -> StageValue:
    value = StageValue(stage, (qualifier or "").strip().lower() or None)
    if framework.stage_value_problem(value):
        return StageValue(stage)  # a qualifier this stage cannot have: show the plain stage
    return value


def _local_date(stamp: str) -> date:
    # Stored in UTC; a morning interview in New Zealand is the previous day in UTC.
    moment = datetime.fromisoformat(stamp)
    return (moment.astimezone() if moment.tzinfo else moment).date()
