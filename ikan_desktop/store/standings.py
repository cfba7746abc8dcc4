"""Confirmed stages for many students at once: the class overview and the student list.

Two shapes of read. `recent_standing` walks one child's interviews newest first and stops as
soon as every domain has its latest stage, so the student list costs the same however many
years of history the school keeps. `confirmed_history` reads every confirmed stage of a class
(or a school) in one query, for the overview and the class report.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, datetime

from ikan_desktop.domain.class_view import RecentStanding, StageOn
from ikan_desktop.store.database import Store

_RECENT = (
    "SELECT s.id, s.kind, s.state, s.started_at, j.domain, j.confirmed_stage, j.qualifier "
    "FROM sessions s LEFT JOIN judgements j "
    "ON j.session_id = s.id AND j.confirmed_stage IS NOT NULL "
    "WHERE s.student_id = ? ORDER BY s.student_id DESC, s.started_at DESC"
)


@dataclass(frozen=True, slots=True)
class ConfirmedRow:
    """One confirmed stage of one student, with the date of its interview."""

    student_id: str
    domain: str
    stage: StageOn


def recent_standing(
    store: Store, student_id: str, strategy: Collection[str], knowledge: Collection[str]
) -> RecentStanding:
    """The latest confirmed stage per domain, the last interview, and whether it needs confirming."""
    found_strategy: dict[str, StageOn] = {}
    found_knowledge: dict[str, StageOn] = {}
    last: date | None = None
    newest_finished: str | None = None
    newest_finished_confirmed = False
    wanted = len(strategy) + len(knowledge)
    cursor = store.db.execute(_RECENT, [student_id])
    for session_id, _kind, state, started, domain, stage, qualifier in cursor:
        if state == "recording":
            continue
        on = local_date(started)
        if last is None:
            last = on
        if state == "finished" and newest_finished is None:
            newest_finished = session_id
        if session_id == newest_finished and stage is not None:
            newest_finished_confirmed = True
        if stage is None or state != "finished":
            continue
        target = found_strategy if domain in strategy else found_knowledge
        if (domain in strategy or domain in knowledge) and domain not in target:
            target[domain] = StageOn(int(stage), qualifier or None, on, session_id)
        if len(found_strategy) + len(found_knowledge) == wanted:
            break  # older rounds cannot change what the list shows
    cursor.close()
    return RecentStanding(
        strategy=found_strategy,
        knowledge=found_knowledge,
        last_interview=last,
        to_confirm=newest_finished is not None and not newest_finished_confirmed,
    )


_ROUNDS = (
    "SELECT s.id, s.started_at, j.domain, j.confirmed_stage, j.qualifier "
    "FROM sessions s JOIN judgements j ON j.session_id = s.id "
    "WHERE s.student_id = ? AND s.kind = ? AND s.state = 'finished' "
    "AND j.confirmed_stage IS NOT NULL "
    "ORDER BY s.student_id DESC, s.kind DESC, s.started_at DESC"
)


def recent_rounds(
    store: Store, student_id: str, kind: str, domains: Collection[str], depth: int = 2
) -> list[tuple[str, StageOn]]:
    """A child's latest `depth` confirmed stages per domain, newest first, read newest-first
    and no further than needed (so years of older history cost nothing)."""
    found: list[tuple[str, StageOn]] = []
    counts = dict.fromkeys(domains, 0)
    seen: set[tuple[str, str]] = set()
    wanted = depth * len(counts)
    cursor = store.db.execute(_ROUNDS, [student_id, kind])
    for session_id, started, domain, stage, qualifier in cursor:
        if domain not in counts or counts[domain] >= depth or (session_id, domain) in seen:
            continue
        seen.add((session_id, domain))
        counts[domain] += 1
        found.append(
            (domain, StageOn(int(stage), qualifier or None, local_date(started), session_id))
        )
        wanted -= 1
        if not wanted:
            break
    cursor.close()
    return found


def confirmed_history(store: Store, student_ids: Iterable[str] | None = None) -> list[ConfirmedRow]:
    """Every confirmed stage of these students (everyone when None), oldest first."""
    sql = (
        "SELECT s.student_id, s.id, s.started_at, j.domain, j.confirmed_stage, j.qualifier "
        "FROM sessions s JOIN judgements j ON j.session_id = s.id "
        "WHERE s.state = 'finished' AND j.confirmed_stage IS NOT NULL"
    )
    params: list[str] = []
    if student_ids is not None:
        params = list(student_ids)
        if not params:
            return []
        sql += " AND s.student_id IN (SELECT value FROM json_each(?))"
        params = [json.dumps(params)]
    sql += " ORDER BY s.started_at, s.id, j.rowid"
    latest: dict[tuple[str, str], ConfirmedRow] = {}
    dates: dict[str, date] = {}
    for student_id, session_id, started, domain, stage, qualifier in store.db.execute(sql, params):
        on = dates.get(started) or dates.setdefault(started, local_date(started))
        latest[(session_id, domain)] = ConfirmedRow(
            student_id, domain, StageOn(int(stage), qualifier or None, on, session_id)
        )
    return list(latest.values())


def local_date(stamp: str) -> date:
    """The teacher's calendar day of a stored UTC time (a morning interview in NZ is the
    previous day in UTC)."""
    moment = datetime.fromisoformat(stamp)
    return (moment.astimezone() if moment.tzinfo else moment).date()
