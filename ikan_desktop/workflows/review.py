"""Reviewing a finished interview: tags against the audio, suggested stages, and confirming.

`load_review` gathers everything the review screen shows in one frozen record. Tag edits live
in `review_edits.py`. Confirming writes the teacher's stage beside the app's suggestion (which
is kept, with its evidence): suggest, never decide. The global stage is stored as a judgement
with the domain "global".
"""

from __future__ import annotations

import functools
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ikan_desktop.domain.framework import load_framework
from ikan_desktop.domain.judgement import GlobalStageSuggestion, StageSuggestion
from ikan_desktop.domain.response_time import response_times
from ikan_desktop.domain.script_records import InterviewScript
from ikan_desktop.domain.scripts import load_forms
from ikan_desktop.domain.stamps import parse_date, seconds_between, whole_number
from ikan_desktop.domain.strategy_codes import StrategyCodes, load_strategy_codes
from ikan_desktop.domain.students import Student
from ikan_desktop.domain.tags import Tag
from ikan_desktop.store import judgements as judgement_store
from ikan_desktop.store import sessions as session_store
from ikan_desktop.store import students as student_store
from ikan_desktop.store import tags as tag_store
from ikan_desktop.store.database import Store
from ikan_desktop.store.judgements import ConfirmedStage
from ikan_desktop.store.sessions import AudioEventRow, SessionRow
from ikan_desktop.store.tags import DecisionRow
from ikan_desktop.store.task_times import task_showings
from ikan_desktop.workflows.interview import RESPONSE_CODES
from ikan_desktop.workflows.interview_rules import InterviewRules
from ikan_desktop.workflows.retention import deletion_note
from ikan_desktop.workflows.review_edits import ReviewError, original_times

GLOBAL = "global"


@dataclass(frozen=True)
class SessionReview:
    """One interview as the review screen sees it: who, which form, the audio, tags, suggestions."""

    session: SessionRow
    student: Student
    script: InterviewScript | None
    codes: StrategyCodes
    tags: tuple[Tag, ...]  # live and deleted, in clock order
    original_t_ms: dict[str, int]  # tag id → first time, for tags moved in review
    decisions: tuple[DecisionRow, ...]
    audio_events: tuple[AudioEventRow, ...]
    audio_path: Path | None  # None when there is no recording (or its file is missing)
    suggestions: tuple[StageSuggestion, ...]
    overall: GlobalStageSuggestion | None
    confirmed: tuple[ConfirmedStage, ...]
    audio_note: str = ""  # e.g. "Recording deleted on 7 December 2026 (retention)."
    showings: tuple[tuple[str, int], ...] = ()  # (task id, t_ms) each time a task was shown

    @property
    def response_ms(self) -> dict[str, int]:
        """Per task, milliseconds from its first showing to the first strategy tagged on it."""
        return response_times(self.showings, self.live_tags)

    @property
    def live_tags(self) -> tuple[Tag, ...]:
        """The tags that count (not deleted)."""
        return tuple(tag for tag in self.tags if not tag.deleted)

    def confirmed_for(self, domain: str) -> ConfirmedStage | None:
        """The teacher's confirmed stage for a domain (or GLOBAL), if any."""
        return next((c for c in self.confirmed if c.domain == domain), None)

    def suggestion_for(self, domain: str) -> StageSuggestion | None:
        """The app's suggestion for one domain, if the form covers it."""
        return next((s for s in self.suggestions if s.domain == domain), None)

    @property
    def length_ms(self) -> int:
        """How long the interview ran: its recording, else its wall-clock time, else its tags."""
        session = self.session
        seconds = seconds_between(session.started_at, session.ended_at)
        wall = round(seconds * 1000) if seconds is not None and seconds > 0 else 0
        if session.audio_ms:
            return session.audio_ms
        return max([wall, *(t.t_ms for t in self.tags)])

    def describe(self, tag: Tag) -> str:
        """A tag in words: task, strategy label, stage; e.g. 'a3-add-1: Counts on (stage 4)'."""
        return describe_tag(tag, self.codes, self.script)


def load_review(store: Store, session_id: str) -> SessionReview:
    """Everything needed to review one interview; ReviewError when there is no such interview."""
    try:
        session = session_store.get_session(store, session_id)
    except KeyError:
        raise ReviewError(f"There is no interview with the id {session_id}.") from None
    codes = load_strategy_codes()
    script = script_for(session)
    tags = tag_store.tags_for_session(store, session_id, include_deleted=True)
    suggestions: tuple[StageSuggestion, ...] = ()
    overall = None
    if script is not None:
        summary = InterviewRules(script, codes).summarise(tags)
        suggestions, overall = summary.domains, summary.overall
    audio = session_store.audio_path_of(store, session)
    return SessionReview(
        session=session,
        student=student_store.get_student(store, session.student_id),
        script=script,
        codes=codes,
        tags=tuple(tags),
        original_t_ms=original_times(store, session_id),
        decisions=tuple(tag_store.decisions_for_session(store, session_id)),
        audio_events=tuple(session_store.audio_events(store, session_id)),
        audio_path=audio if audio is not None and audio.is_file() else None,
        suggestions=suggestions,
        overall=overall,
        confirmed=tuple(judgement_store.confirmed_stages(store, session_id)),
        audio_note=deletion_note(store, session_id),
        showings=tuple(task_showings(store, session_id)),
    )


def script_for(session: SessionRow) -> InterviewScript | None:
    """The shipped form a session used (by script id, else by form letter); None if unknown."""
    if session.kind != "strategy":
        return None
    forms = _shipped_forms()
    by_id = next((f for f in forms if f.id == session.script_id), None)
    return by_id or next((f for f in forms if f.form == session.form), None)


@functools.cache
def _shipped_forms() -> tuple[InterviewScript, ...]:
    # The shipped forms never change while the app runs; loading and checking them takes a while.
    return load_forms()


def describe_tag(tag: Tag, codes: StrategyCodes, script: InterviewScript | None = None) -> str:
    """A tag in readable words for labels and lists: task title, strategy label, stage, note."""
    if tag.code in codes:
        label = codes.get(tag.code).label
    else:
        label = RESPONSE_CODES.get(tag.code) or tag.code.replace("_", " ").capitalize()
    text = label if tag.stage is None else f"{label} (stage {tag.stage})"
    if tag.task_id:
        title = script.task_title(tag.task_id) if script is not None else tag.task_id
        text = f"{title}: {text}"
    return f"{text} — {tag.note}" if tag.note else text


def confirm_domain_stage(
    store: Store,
    review: SessionReview,
    domain: str,
    stage: int,
    *,
    qualifier: str | None = None,
    confirmed_by: str = "",
) -> ConfirmedStage:
    """Record the teacher's stage for one domain, with the suggestion and evidence kept beside it."""
    _check_stage(stage, qualifier)
    suggestion = review.suggestion_for(domain)
    if review.script is not None and domain not in review.script.domains:
        raise ReviewError(f"This interview does not cover the {domain} domain.")
    return judgement_store.confirm_stage(
        store,
        session_id=review.session.id,
        domain=domain,
        stage=stage,
        qualifier=qualifier,
        confirmed_by=confirmed_by,
        suggested_stage=suggestion.stage if suggestion else None,
        evidence=[_evidence_json(e) for e in suggestion.evidence] if suggestion else None,
    )


def confirm_global_stage(
    store: Store,
    review: SessionReview,
    stage: int,
    *,
    qualifier: str | None = None,
    confirmed_by: str = "",
) -> ConfirmedStage:
    """Record the teacher's global stage, with the suggested one and its reason kept beside it."""
    _check_stage(stage, qualifier)
    overall = review.overall
    return judgement_store.confirm_stage(
        store,
        session_id=review.session.id,
        domain=GLOBAL,
        stage=stage,
        qualifier=qualifier,
        confirmed_by=confirmed_by,
        suggested_stage=overall.stage if overall else None,
        evidence=[{"reason": overall.reason, "domains": overall.domain_stages}]
        if overall
        else None,
    )


def withdraw_stage(store: Store, session_id: str, domain: str) -> None:
    """Take back a confirmed stage; the suggestion stays."""
    judgement_store.withdraw_confirmation(store, session_id=session_id, domain=domain)


def suggestion_record(store: Store, session_id: str, domain: str) -> dict[str, Any] | None:
    """The stored judgement row for a domain (suggestion and confirmation side by side), or None."""
    row = store.db.execute(
        "SELECT suggested_stage, evidence, confirmed_stage, qualifier, confirmed_by, "
        "confirmed_at FROM judgements WHERE session_id = ? AND domain = ? "
        "ORDER BY rowid DESC LIMIT 1",
        [session_id, domain],
    ).fetchone()
    if row is None:
        return None
    keys = ("suggested_stage", "evidence", "confirmed_stage", "qualifier", "by", "at")
    return dict(zip(keys, row, strict=True))


def session_rows(store: Store, *, student_id: str | None = None) -> list[dict[str, Any]]:
    """Every interview (or one student's) as plain data for `sessions --json`, newest first."""
    where, params = ("WHERE s.student_id = ?", [student_id]) if student_id else ("", [])
    rows = store.db.execute(
        "SELECT s.id, s.student_id, st.name, s.started_at, s.ended_at, s.form, s.kind, "
        "s.script_id, s.state, s.audio_path, s.audio_rate, s.audio_frames, "
        "(SELECT COUNT(*) FROM judgements j WHERE j.session_id = s.id "
        " AND j.confirmed_stage IS NOT NULL), "
        "(SELECT COUNT(*) FROM tags t WHERE t.session_id = s.id AND t.deleted = 0), "
        "s.audio_deleted_at, s.audio_deleted_reason "
        f"FROM sessions s JOIN students st ON st.id = s.student_id {where} "
        "ORDER BY s.started_at DESC, s.rowid",
        params,
    ).fetchall()
    return [_session_json(store, row) for row in rows]


def _session_json(store: Store, row: tuple[Any, ...]) -> dict[str, Any]:
    (sid, student_id, name, started, ended, form, kind, script_id, state, audio, rate, frames) = (
        row[:12]
    )
    frames, rate = whole_number(frames), whole_number(rate)
    audio_ms = frames * 1000 // rate if frames is not None and rate else None
    has_audio = isinstance(audio, str) and bool(audio) and (store.folder / audio).is_file()
    day = store.read_value(f"an interview of {name} ({sid})", "date", started, parse_date)
    return {
        "id": sid,
        "student_id": student_id,
        "student": name,
        "date": day.isoformat() if day else None,
        "started_at": started,
        "ended_at": ended,
        "form": form,
        "kind": kind,
        "script_id": script_id,
        "state": state,
        "duration_s": round(audio_ms / 1000, 1) if audio_ms is not None else _wall_seconds(row),
        "has_audio": has_audio,
        "tags": row[13],
        "confirmed": row[12] > 0,
        "audio_deleted": {"on": row[14], "reason": row[15]} if row[14] else None,
    }


def _wall_seconds(row: tuple[Any, ...]) -> float | None:
    seconds = seconds_between(row[3], row[4])
    return round(seconds, 1) if seconds is not None else None


def _check_stage(stage: int, qualifier: str | None) -> None:
    framework = load_framework()
    if isinstance(stage, bool) or not isinstance(stage, int):
        raise ReviewError(f"{stage!r} is not a stage.")
    if stage not in framework.stage_numbers:
        raise ReviewError(f"There is no stage {stage} (stages are 0–{framework.top_stage}).")
    allowed = framework.qualifiers_for(stage)
    if qualifier is not None and qualifier not in allowed:
        if allowed:
            choices = " or ".join(repr(q) for q in allowed)
            raise ReviewError(f"Stage {stage} can be {choices}, not {qualifier!r}.")
        raise ReviewError(f"Stage {stage} has no early/at qualifier; leave it blank.")


def _evidence_json(evidence: Any) -> dict[str, Any]:
    data = asdict(evidence)
    data["codes"] = list(data["codes"])
    return data
