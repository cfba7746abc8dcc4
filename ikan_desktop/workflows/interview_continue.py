"""Carry on an interrupted interview where it stopped, or discard one that holds nothing.

Continuing keeps it one interview: the same session, the same form, from the task of the last
observation (or the section the last decision led to). Its recording goes on in the same WAV
file, appended after the audio saved before the interruption, so review plays one continuous
time line; the join is logged as a "resumed" audio event at the old audio's end, exactly like a
pause the teacher pressed. Why not a second file or a second session: review, exports and the
profile all read one recording and one set of tags per interview, and an interruption is, for
the child and the teacher, a long pause.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass

from ikan_desktop.store import sessions as session_store
from ikan_desktop.store import tags as tag_store
from ikan_desktop.store.database import Store
from ikan_desktop.workflows.clock import InterviewClock
from ikan_desktop.workflows.interview import DecideSection, LiveInterview
from ikan_desktop.workflows.interview_plan import PlannedSection
from ikan_desktop.workflows.interview_writer import InterviewWriter


@dataclass(frozen=True)
class ContinuePoint:
    """Where an interrupted interview picks up again, and where its clock goes on from."""

    session_id: str
    section_id: str | None
    task_id: str | None
    sections_done: tuple[str, ...]
    audio_ms: int  # the end of the saved audio: the continued recording starts here
    last_ms: int  # the latest moment anything was stamped (clock-only interviews go on from it)


def continue_point(store: Store, session_id: str) -> ContinuePoint:
    """Read where the interview stopped: its last observation or its last section decision."""
    session = session_store.get_session(store, session_id)
    tags = tag_store.tags_for_session(store, session_id, include_deleted=True)
    decisions = tag_store.decisions_for_session(store, session_id)
    # The latest observation; two in the same millisecond are told apart by the order they
    # were saved in (the list's own order).
    _, last_tag = max(
        enumerate(tags),
        key=lambda pair: (pair[1].wall_time, pair[1].t_ms, pair[0]),
        default=(0, None),
    )
    section_id = last_tag.section_id if last_tag else None
    task_id = last_tag.task_id if last_tag else None
    if decisions and (last_tag is None or decisions[-1].t_ms >= last_tag.t_ms):
        section_id, task_id = decisions[-1].target_section_id or decisions[-1].section_id, None
    times = [t.t_ms for t in tags] + [d.t_ms for d in decisions]
    return ContinuePoint(
        session_id=session_id,
        section_id=section_id,
        task_id=task_id,
        sections_done=tuple(d.section_id for d in decisions),
        audio_ms=session.audio_ms or 0,
        last_ms=max(times, default=0),
    )


def continue_interview(
    store: Store,
    point: ContinuePoint,
    *,
    sections: Sequence[PlannedSection],
    clock: InterviewClock,
    decide_section: DecideSection,
    writer: InterviewWriter | None = None,
) -> LiveInterview:
    """The interview in progress again, standing on the task where it stopped."""
    ids = [s.id for s in sections]
    start = ids.index(point.section_id) if point.section_id in ids else 0
    session_store.reopen(store, point.session_id)
    interview = LiveInterview(
        store,
        session_id=point.session_id,
        sections=sections,
        clock=clock,
        decide_section=decide_section,
        start_index=start,
        writer=writer,
    )
    tasks = [t.id for t in interview.section.tasks]
    interview.task_index = tasks.index(point.task_id) if point.task_id in tasks else 0
    interview.sections_done.extend(point.sections_done)
    session_store.record_audio_event(
        store, point.session_id, kind="resumed", t_ms=clock.position_ms(), detail="continued"
    )
    return interview


def discard_empty_interview(store: Store, session_id: str) -> bool:
    """Remove an interrupted interview with no observation and no sound (started by accident).

    False, and nothing removed, when it holds anything at all.
    """
    session = session_store.get_session(store, session_id)
    if session.in_progress or (session.audio_frames or 0) > 0:
        return False
    path = session_store.audio_path_of(store, session)
    if not session_store.discard_empty(store, session_id):
        return False
    if path is not None:
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)
    return True
