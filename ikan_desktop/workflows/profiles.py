"""Progression profiles: gather a student's confirmed rounds into a page a parent can read.

This is where the framework's words meet the database: confirmed stages per round, the
expectation for the child's time at school, the strategies the teacher tagged, the framework's
next steps (or the teacher's own), and the teacher's comment. The renderer gets plain records.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ikan_desktop.domain.framework import Framework, load_framework
from ikan_desktop.domain.strategy_codes import StrategyCodes, load_strategy_codes
from ikan_desktop.reports.profile import (
    RenderStopped,
    profile_file_name,
    render_profile,
    render_profiles,
)
from ikan_desktop.reports.profile_data import (
    NoConfirmedJudgement,
    ProfileData,
)
from ikan_desktop.store import students as student_store
from ikan_desktop.store.database import Store, atomic_write_bytes
from ikan_desktop.workflows.profile_content import build_profile
from ikan_desktop.workflows.roster import UnknownClass, find_class

__all__ = [
    "ClassProfiles",
    "NoConfirmedJudgement",
    "ProfileSources",
    "UnknownClass",
    "UnknownStudent",
    "class_profiles",
    "combined_pdf",
    "load_profile_sources",
    "profile_file_name",
    "profile_for_student",
    "render_class_profiles",
    "save_class_profiles",
    "save_student_profile",
]


Progress = Callable[[int, int, str], None]


class UnknownStudent(LookupError):
    """No student has this id (a message for teachers)."""

    def __init__(self, student_id: str) -> None:
        self.message = (
            f"There is no student with the id {student_id!r}. "
            "The `students` command lists every student with their id."
        )
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
    return build_profile(store, student, sources or load_profile_sources(), today or date.today())


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
    find_class(store, class_name)
    sources = sources or load_profile_sources()
    today = today or date.today()
    students = [s for s in student_store.iter_students(store) if s.details.class_name == class_name]
    made: list[ProfileData] = []
    skipped: list[tuple[str, str]] = []
    for student in students:
        if cancel is not None and cancel.is_set():
            return ClassProfiles(cancelled=True)
        try:
            made.append(build_profile(store, student, sources, today))
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
    pdf = combined_pdf(batch, class_name, page_size=page_size, progress=progress, cancel=cancel)
    if pdf is None:
        return None, ClassProfiles(cancelled=True)
    if progress is not None:
        progress(len(batch.profiles), len(batch.profiles), "")
    return pdf, batch


def combined_pdf(
    batch: ClassProfiles,
    class_name: str,
    *,
    page_size: str = "A4",
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> bytes | None:
    """Every profile of the batch in one PDF, a page each; None when cancelled meanwhile."""
    try:
        return render_profiles(
            batch.profiles,
            page_size=page_size,
            title=f"Maths progress profiles: {class_name}",
            progress=progress,
            should_stop=cancel.is_set if cancel is not None else None,
        )
    except RenderStopped:
        return None


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
