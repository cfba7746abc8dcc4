"""The live interview as a state machine with no widgets.

Every action that matters is written to the database before the method returns: the session row
at start, each tag, each undo (a tag marked deleted, never erased), each section decision (with
the rule's suggestion beside the teacher's choice), pause and resume. Kill the process at any
moment and everything pressed so far is on disk. The only clock is the one passed in: the
recorder's sample clock, or a monotonic clock when there is no audio.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from ikan_desktop.domain.tags import FLAG, NOTE, RESPONSE, STRATEGY, Tag
from ikan_desktop.store import sessions as session_store
from ikan_desktop.store import tags as tag_store
from ikan_desktop.store.database import Store
from ikan_desktop.store.task_times import record_task_shown
from ikan_desktop.workflows import live_sessions
from ikan_desktop.workflows.clock import InterviewClock
from ikan_desktop.workflows.interview_plan import (
    CONTINUE,
    DECISIONS,
    GO_BACK,
    STOP,
    DecisionSuggestion,
    PlannedSection,
    PlannedTask,
)
from ikan_desktop.workflows.interview_writer import InterviewWriter

RESPONSE_CODES = {
    "correct": "Correct",
    "incorrect": "Incorrect",
    "asked_how": "Asked how",
}
JUST_KNEW = "just_knew"

DecideSection = Callable[[PlannedSection, list[Tag], list[str]], DecisionSuggestion]


class InterviewError(Exception):
    """An action that does not fit the interview's state (a teacher-readable reason)."""


@dataclass(frozen=True, slots=True)
class SectionEnd:
    """The end of a section: the rule's suggestion, waiting for the teacher."""

    section: PlannedSection
    suggestion: DecisionSuggestion


class LiveInterview:
    """One interview in progress. Create with `LiveInterview.start(...)`."""

    def __init__(
        self,
        store: Store,
        *,
        session_id: str,
        sections: Sequence[PlannedSection],
        clock: InterviewClock,
        decide_section: DecideSection,
        start_index: int = 0,
        writer: InterviewWriter | None = None,
    ) -> None:
        self.store = store
        self.writer = writer
        self.session_id = session_id
        self.sections = tuple(sections)
        self.clock = clock
        self.decide_section = decide_section
        self.section_index = start_index
        self.task_index = 0
        self.pending: SectionEnd | None = None
        self.finished = False
        self.paused = False
        self._undo_stack: list[str] = []
        self.sections_done: list[str] = []
        # The interview's tags as pressed, so the screen never waits for the database to answer.
        self._tags = {
            t.id: t for t in tag_store.tags_for_session(store, session_id, include_deleted=True)
        }
        live_sessions.joined(session_id)

    @classmethod
    def start(
        cls,
        store: Store,
        *,
        student_id: str,
        script_id: str,
        script_version: str,
        form: str,
        sections: Sequence[PlannedSection],
        clock: InterviewClock,
        decide_section: DecideSection,
        start_section_id: str | None = None,
        kind: str = "strategy",
        assessor: str = "",
        writer: InterviewWriter | None = None,
    ) -> LiveInterview:
        """Create the session row (committed) and stand on the first task of the start section."""
        ids = [s.id for s in sections]
        start_index = ids.index(start_section_id) if start_section_id in ids else 0
        session_id = session_store.start_session(
            store,
            student_id=student_id,
            kind=kind,
            script_id=script_id,
            script_version=script_version,
            form=form,
            assessor=assessor,
        )
        live = cls(
            store,
            session_id=session_id,
            sections=sections,
            clock=clock,
            decide_section=decide_section,
            start_index=start_index,
            writer=writer,
        )
        live.shown()
        return live

    # ----- where we are -----------------------------------------------------------------
    @property
    def section(self) -> PlannedSection:
        return self.sections[self.section_index]

    @property
    def task(self) -> PlannedTask:
        return self.section.tasks[self.task_index]

    def progress(self) -> tuple[int, int, int, int]:
        """(section number, sections, task number, tasks in section), counting from 1."""
        return (
            self.section_index + 1,
            len(self.sections),
            self.task_index + 1,
            len(self.section.tasks),
        )

    def tags(self) -> list[Tag]:
        """The session's live (not undone) tags in clock order, as pressed (saved or on the way)."""
        return sorted((t for t in self._tags.values() if not t.deleted), key=lambda t: t.t_ms)

    # ----- observations -----------------------------------------------------------------
    def tag_key(self, key: str) -> Tag | None:
        """The scoring-guide choice on number key `key` for the current task."""
        choice = self.task.choice_for_key(key)
        return None if choice is None else self.tag(choice.code)

    def tag(self, code: str) -> Tag:
        """Stamp a strategy code on the current task at the clock's position."""
        return self._record(STRATEGY, code, stage=self.task.stage_for(code))

    def respond(self, code: str) -> Tag:
        """Correct / incorrect / asked how: what happened, not a strategy."""
        if code not in RESPONSE_CODES:
            raise InterviewError(f"Unknown response {code!r}")
        return self._record(RESPONSE, code)

    def flag(self) -> Tag:
        """Mark this moment to listen to again later."""
        return self._record(FLAG, "flag")

    def note(self, text: str, *, at_ms: int | None = None) -> Tag | None:
        """A typed quick note on the current task (ignored when empty), stamped at `at_ms`.

        The screen passes the clock's time when N was pressed: the note belongs to that moment,
        not to the moment typing ended.
        """
        text = text.strip()
        return self._record(NOTE, "note", note=text, t_ms=at_ms) if text else None

    def undo(self) -> Tag | None:
        """Take back the newest tag of this interview: kept in the database, marked deleted."""
        while self._undo_stack:
            tag_id = self._undo_stack.pop()
            tag = self._tags.get(tag_id)
            if tag is not None and not tag.deleted:
                self._tags[tag_id] = replace(tag, deleted=True)
                self._write(f"undo {tag_id}", lambda s, gone=tag_id: tag_store.set_deleted(s, gone))
                return tag
        return None

    def _record(
        self,
        kind: str,
        code: str,
        *,
        stage: int | None = None,
        note: str = "",
        t_ms: int | None = None,
    ) -> Tag:
        if self.finished:
            raise InterviewError("This interview has finished.")
        tag = tag_store.new_tag(
            session_id=self.session_id,
            t_ms=self.clock.position_ms() if t_ms is None else t_ms,
            kind=kind,
            code=code,
            section_id=self.section.id,
            task_id=self.task.id,
            stage=stage,
            note=note,
            has_audio=self.clock.has_audio,
        )
        self._tags[tag.id] = tag
        self._write(tag.id, lambda s: tag_store.insert_tag(s, tag))
        self._undo_stack.append(tag.id)
        return tag

    def shown(self) -> None:
        """Log that the current task is on screen now (for the child's response time)."""
        section_id, task_id, t_ms = self.section.id, self.task.id, self.clock.position_ms()
        self._write(
            f"shown {task_id}",
            lambda s: record_task_shown(
                s, session_id=self.session_id, section_id=section_id, task_id=task_id, t_ms=t_ms
            ),
        )

    def _write(self, key: str, write: Callable[[Store], object]) -> None:
        """Commit at once: on the writer thread when there is one, else before returning."""
        if self.writer is None:
            write(self.store)
        else:
            self.writer.submit(key, write)

    # ----- moving through the script ----------------------------------------------------
    def next_task(self) -> SectionEnd | None:
        """Move on; at a section's end, return the decision waiting for the teacher."""
        if self.pending or self.finished:
            return self.pending
        if self.task_index + 1 < len(self.section.tasks):
            self.task_index += 1
            self.shown()
            return None
        suggestion = self.decide_section(self.section, self.tags(), self.sections_done)
        self.pending = SectionEnd(self.section, suggestion)
        return self.pending

    def previous_task(self) -> None:
        """Step back one task (within the section, or to the end of the previous one)."""
        if self.finished:
            return
        self.pending = None
        if self.task_index > 0:
            self.task_index -= 1
            self.shown()

    def decide(self, choice: str | None = None) -> None:
        """Accept the rule's suggestion (no choice) or override it; both are logged."""
        if self.pending is None:
            raise InterviewError("There is no section decision to make now.")
        suggestion = self.pending.suggestion
        choice = choice or suggestion.action
        if choice not in DECISIONS:
            raise InterviewError(f"Unknown decision {choice!r}")
        target = self._target(choice, suggestion)
        section_id, at = self.section.id, self.clock.position_ms()
        target_id = None if target is None else self.sections[target].id
        self._write(
            f"decision {section_id}",
            lambda s: tag_store.record_decision(
                s,
                session_id=self.session_id,
                section_id=section_id,
                suggested=suggestion.action,
                chosen=choice,
                target_section_id=target_id,
                t_ms=at,
            ),
        )
        self.pending = None
        self.sections_done.append(self.section.id)
        if target is None:
            self.finish()
        else:
            self.section_index, self.task_index = target, 0
            self.shown()

    def _target(self, choice: str, suggestion: DecisionSuggestion) -> int | None:
        ids = [s.id for s in self.sections]
        if choice == STOP:
            return None
        if choice == CONTINUE:
            following = self.section_index + 1
            return following if following < len(self.sections) else None
        assert choice == GO_BACK
        if suggestion.target_section_id in ids:
            return ids.index(suggestion.target_section_id)
        return max(self.section_index - 1, 0)

    # ----- pause and finish -------------------------------------------------------------
    def pause(self) -> None:
        """Freeze the clock; the session row says 'paused' until resumed."""
        if not self.paused and not self.finished:
            self.clock.pause()
            self.paused = True
            self._write("paused", lambda s: session_store.set_state(s, self.session_id, "paused"))
            self._clamp_to_audio()

    def _clamp_to_audio(self) -> None:
        """A tag stamped a few ms ahead of audio that never came moves back to the audio's end."""
        written = getattr(self.clock, "written_ms", None)
        if written is not None and self.clock.has_audio:
            end = int(written())
            for tag in list(self._tags.values()):
                if tag.has_audio and tag.t_ms > end:
                    self._tags[tag.id] = replace(tag, t_ms=end)
            self._write("clamp", lambda s: tag_store.clamp_to_audio(s, self.session_id, end))

    def resume(self) -> None:
        if self.paused:
            self.clock.resume()
            self.paused = False
            self._write(
                "resumed", lambda s: session_store.set_state(s, self.session_id, "recording")
            )

    def finish(self) -> None:
        """Close the interview (the audio is closed by whoever owns the recorder)."""
        if not self.finished:
            self.finished = True
            self.paused = False
            self._write(
                "finished",
                lambda s: session_store.set_state(s, self.session_id, "finished", ended=True),
            )
            if self.writer is not None:
                self.writer.wait()  # the end: everything is on disk before anyone reads it
            live_sessions.left(self.session_id)
