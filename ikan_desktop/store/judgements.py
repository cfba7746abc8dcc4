"""Confirmed stages, and the teacher's words for a printed profile, in the database.

A judgement row holds the app's suggestion (with its evidence) and, separately, the stage the
teacher confirmed: suggest, never decide. A "round" is one finished interview with at least one
confirmed stage. Each write is its own committed statement.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from ikan_desktop.domain.stamps import parse_stamp
from ikan_desktop.store.database import Store, new_id, now_iso

COMMENT = "comment"
NEXT_STEPS = "next_steps"


@dataclass(frozen=True, slots=True)
class ConfirmedStage:
    """The stage a teacher confirmed for one domain in one interview."""

    session_id: str
    domain: str
    stage: int
    qualifier: str | None
    confirmed_by: str
    confirmed_at: str


@dataclass(frozen=True, slots=True)
class ConfirmedRound:
    """One finished interview and the stages confirmed in it, domain by domain."""

    session_id: str
    kind: str
    started_at: str
    form: str
    assessor: str
    stages: tuple[ConfirmedStage, ...]

    def stage_for(self, domain: str) -> ConfirmedStage | None:
        """The confirmed stage for `domain`, or None when it was not confirmed this round."""
        return next((s for s in self.stages if s.domain == domain), None)


@dataclass(frozen=True, slots=True)
class ProfileNotes:
    """What the teacher wrote for a round's profile: a comment, and next steps they reworded."""

    comment: str = ""
    next_steps: Mapping[str, tuple[str, ...]] = field(default_factory=dict, hash=False)


def confirm_stage(
    store: Store,
    *,
    session_id: str,
    domain: str,
    stage: int,
    qualifier: str | None = None,
    confirmed_by: str = "",
    suggested_stage: int | None = None,
    evidence: Sequence[Any] | None = None,
    confirmed_at: str | None = None,
) -> ConfirmedStage:
    """Record the teacher's stage for a domain, keeping any suggestion already stored beside it."""
    if isinstance(stage, bool) or not isinstance(stage, int) or stage < 0:
        raise ValueError(f"{stage!r} is not a stage")
    when = confirmed_at or now_iso()
    with store.db.atomic():
        row = store.db.execute(
            "SELECT id FROM judgements WHERE session_id = ? AND domain = ? "
            "ORDER BY rowid DESC LIMIT 1",
            [session_id, domain],
        ).fetchone()
        values: dict[str, Any] = {
            "confirmed_stage": stage,
            "qualifier": qualifier,
            "confirmed_by": confirmed_by,
            "confirmed_at": when,
        }
        if suggested_stage is not None:
            values["suggested_stage"] = suggested_stage
        if evidence is not None:
            values["evidence"] = json.dumps(list(evidence), ensure_ascii=False)
        if row:
            store.db["judgements"].update(row[0], values)
        else:
            store.db["judgements"].insert(
                {"id": new_id(), "session_id": session_id, "domain": domain}
                | {"suggested_stage": None, "evidence": "[]"}
                | values
            )
    return ConfirmedStage(session_id, domain, stage, qualifier, confirmed_by, when)


def withdraw_confirmation(store: Store, *, session_id: str, domain: str) -> None:
    """Take back a confirmed stage (the suggestion and its evidence stay)."""
    store.db.execute(
        "UPDATE judgements SET confirmed_stage = NULL, qualifier = NULL, confirmed_by = NULL, "
        "confirmed_at = NULL WHERE session_id = ? AND domain = ?",
        [session_id, domain],
    )


def confirmed_stages(store: Store, session_id: str) -> list[ConfirmedStage]:
    """Every confirmed stage of one interview, by domain."""
    rows = store.db.execute(
        "SELECT session_id, domain, confirmed_stage, qualifier, confirmed_by, confirmed_at "
        "FROM judgements WHERE session_id = ? AND confirmed_stage IS NOT NULL "
        "ORDER BY domain, rowid",
        [session_id],
    ).fetchall()
    return list(_latest_per_domain(rows).values())


def confirmed_rounds(
    store: Store, student_id: str, *, kind: str | None = "strategy"
) -> list[ConfirmedRound]:
    """A student's finished interviews with at least one confirmed stage, oldest first.

    `kind` is "strategy" (the default), "knowledge", or None for both.
    """
    params: list[Any] = [student_id]
    where = (
        "s.student_id = ? AND s.state IN ('finished', 'interrupted') "
        "AND j.confirmed_stage IS NOT NULL"
    )
    if kind is not None:
        where += " AND s.kind = ?"
        params.append(kind)
    rows = store.db.execute(
        "SELECT s.id, s.kind, s.started_at, s.form, s.assessor, j.session_id, j.domain, "
        "j.confirmed_stage, j.qualifier, j.confirmed_by, j.confirmed_at "
        "FROM sessions s JOIN judgements j ON j.session_id = s.id "
        f"WHERE {where} ORDER BY s.started_at, s.id, j.domain, j.rowid",
        params,
    ).fetchall()
    rounds: dict[str, tuple[tuple[Any, ...], list[tuple[Any, ...]]]] = {}
    for row in rows:
        when = store.read_value(
            f"an interview ({row[0]})", "date", row[2], parse_stamp, skipped=True
        )
        if when is None:
            continue  # a round without a readable date cannot be placed in time
        rounds.setdefault(row[0], (row[:5], []))[1].append(row[5:])
    return [
        ConfirmedRound(
            session_id=head[0],
            kind=head[1],
            started_at=head[2],
            form=head[3] or "",
            assessor=head[4] or "",
            stages=tuple(_latest_per_domain(judged).values()),
        )
        for head, judged in rounds.values()
    ]


def set_teacher_comment(store: Store, session_id: str, text: str, *, written_by: str = "") -> None:
    """Save (or clear, with empty text) the teacher's comment for a round's profile."""
    _set_note(store, session_id, COMMENT, "", text.strip(), written_by)


def set_next_steps(
    store: Store,
    session_id: str,
    domain: str,
    steps: Sequence[str] | None,
    *,
    written_by: str = "",
) -> None:
    """Save the teacher's own next steps for a domain; None or no steps goes back to the framework's."""
    lines = [line.strip().replace("\n", " ") for line in steps or () if line.strip()]
    _set_note(store, session_id, NEXT_STEPS, domain, "\n".join(lines), written_by)


def profile_notes(store: Store, session_id: str) -> ProfileNotes:
    """The comment and reworded next steps saved for a round (empty when there are none)."""
    rows = store.db.execute(
        "SELECT kind, domain, text FROM profile_notes WHERE session_id = ?", [session_id]
    ).fetchall()
    comment = ""
    steps: dict[str, tuple[str, ...]] = {}
    for kind, domain, text in rows:
        if kind == COMMENT:
            comment = text
        elif kind == NEXT_STEPS and text.strip():
            steps[domain] = tuple(line for line in text.split("\n") if line.strip())
    return ProfileNotes(comment=comment, next_steps=MappingProxyType(steps))


def _set_note(
    store: Store, session_id: str, kind: str, domain: str, text: str, written_by: str
) -> None:
    if not text:
        store.db.execute(
            "DELETE FROM profile_notes WHERE session_id = ? AND kind = ? AND domain = ?",
            [session_id, kind, domain],
        )
        return
    store.db.execute(
        "INSERT INTO profile_notes (id, session_id, kind, domain, text, written_by, written_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (session_id, kind, domain) DO UPDATE SET "
        "text = excluded.text, written_by = excluded.written_by, written_at = excluded.written_at",
        [new_id(), session_id, kind, domain, text, written_by, now_iso()],
    )


def _latest_per_domain(rows: Sequence[tuple[Any, ...]]) -> dict[str, ConfirmedStage]:
    found: dict[str, ConfirmedStage] = {}
    for session_id, domain, stage, qualifier, by, at in rows:
        found[domain] = ConfirmedStage(
            session_id, domain, int(stage), qualifier, by or "", at or ""
        )
    return found
