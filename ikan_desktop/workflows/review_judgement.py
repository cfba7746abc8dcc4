"""The judgement panel's content: per domain, the suggested stage, its evidence, and confirming.

A strategy interview gives one row per strategy domain its form covers plus the global stage; a
knowledge check gives one row per knowledge domain. Each row carries the app's suggestion with
the evidence behind it (which tasks, which codes, where in the recording) and the teacher's
confirmed stage, which is a separate record: suggest, never decide.
"""

from __future__ import annotations

import getpass
from collections.abc import Sequence
from dataclasses import dataclass

from ikan_desktop.domain.evidence import INCORRECT
from ikan_desktop.domain.framework import load_framework
from ikan_desktop.domain.framework_records import Framework
from ikan_desktop.domain.judgement import Evidence
from ikan_desktop.domain.response_time import seconds_text
from ikan_desktop.domain.scripts import load_knowledge_check
from ikan_desktop.domain.tags import STRATEGY, Tag, clock_text
from ikan_desktop.store import judgements as judgement_store
from ikan_desktop.store.database import Store
from ikan_desktop.store.judgements import ConfirmedStage
from ikan_desktop.workflows.knowledge_results import knowledge_results
from ikan_desktop.workflows.review import (
    GLOBAL,
    SessionReview,
    confirm_domain_stage,
    confirm_global_stage,
)
from ikan_desktop.workflows.review_edits import ReviewError

STRATEGY_ROW, GLOBAL_ROW, KNOWLEDGE_ROW = "strategy", "global", "knowledge"
NO_MARKS = "No marks were saved for this domain in this check; the stage was entered by hand."


@dataclass(frozen=True, slots=True)
class EvidenceItem:
    """One task's contribution to a suggestion, and where to hear it."""

    task_id: str
    text: str  # e.g. "a3-add-1 at 0:42 — Counts on → stage 4"
    stage: int | None
    t_ms: int
    tag_id: str | None  # the first live strategy tag on the task (None: nothing to play)
    has_audio: bool


@dataclass(frozen=True, slots=True)
class JudgementRow:
    """One domain in the panel: the suggestion, its evidence and the confirmed stage (if any)."""

    domain: str
    name: str
    kind: str  # STRATEGY_ROW, GLOBAL_ROW or KNOWLEDGE_ROW
    suggested: int | None
    needs_more_evidence: bool
    reason: str
    evidence: tuple[EvidenceItem, ...]
    confirmed: ConfirmedStage | None
    note: str = ""  # a higher stage glimpsed once: worth probing, not a warning
    contradictory: bool = False
    suggested_qualifier: str | None = None

    @property
    def starting_stage(self) -> int | None:
        """The stage the panel offers first: the confirmed one, else the suggestion."""
        return self.confirmed.stage if self.confirmed else self.suggested


def judgement_rows(store: Store, review: SessionReview) -> tuple[JudgementRow, ...]:
    """Every row the judgement panel shows for this interview, in the framework's order."""
    framework = load_framework()
    if review.session.kind == "knowledge":
        return _knowledge_rows(store, review, framework)
    timed = review.response_ms
    rows = [_strategy_row(review, framework, s.domain, timed) for s in review.suggestions]
    overall = review.overall
    rows.append(
        JudgementRow(
            domain=GLOBAL,
            name="Global stage",
            kind=GLOBAL_ROW,
            suggested=overall.stage if overall else None,
            needs_more_evidence=overall.needs_more_evidence if overall else True,
            reason=overall.reason if overall else "No strategy domain has a stage yet.",
            evidence=(),
            confirmed=review.confirmed_for(GLOBAL),
        )
    )
    return tuple(rows)


def _strategy_row(
    review: SessionReview, framework: Framework, domain: str, timed: dict[str, int]
) -> JudgementRow:
    suggestion = review.suggestion_for(domain)
    assert suggestion is not None
    return JudgementRow(
        domain=domain,
        name=framework.strategy_domain(domain).name,
        kind=STRATEGY_ROW,
        suggested=suggestion.stage,
        needs_more_evidence=suggestion.needs_more_evidence,
        reason=suggestion.reason,
        evidence=tuple(
            _evidence_item(review, e, timed.get(e.task_id)) for e in suggestion.evidence
        ),
        confirmed=review.confirmed_for(domain),
        note=suggestion.note,
        contradictory=suggestion.contradictory,
        suggested_qualifier=suggestion.qualifier,
    )


def _evidence_item(
    review: SessionReview, evidence: Evidence, response_ms: int | None = None
) -> EvidenceItem:
    tags = [
        t for t in review.live_tags if t.task_id == evidence.task_id and t.kind == STRATEGY
    ] or [t for t in review.live_tags if t.task_id == evidence.task_id]
    first: Tag | None = min(tags, key=lambda t: t.t_ms) if tags else None
    labels = [review.codes.get(c).label if c in review.codes else c for c in evidence.codes]
    if evidence.stage is not None:
        shown = f"stage {evidence.stage}"
    elif evidence.tried is not None:
        shown = f"tried stage {evidence.tried}, but the answer was wrong: not counted"
    elif evidence.answer == INCORRECT:
        shown = "answer wrong, no stage"
    else:
        shown = "no stage"
    t_ms = first.t_ms if first else evidence.first_t_ms
    words = ", ".join(labels) or "no strategy tagged"
    if response_ms is not None:
        words += f", {seconds_text(response_ms)}"  # e.g. "Just knew, 2 s"
    text = f"{evidence.task_id} at {clock_text(t_ms)} — {words} → {shown}"
    if evidence.just_knew:
        text += f" ({just_knew_words(evidence)})"
    return EvidenceItem(
        task_id=evidence.task_id,
        text=text,
        stage=evidence.stage,
        t_ms=t_ms,
        tag_id=first.id if first else None,
        has_audio=bool(first and first.has_audio and review.audio_path is not None),
    )


def just_knew_words(evidence: Evidence, response_ms: int | None = None) -> str:
    """How "just knew" counted on a task, e.g. "just knew in 1.2 s: a known fact".

    `response_ms` is the time from the task being shown to the answer, when it is known; it
    sits beside "just knew" because a fast answer is what makes it recall.
    """
    timing = f" in {response_ms / 1000:.1f} s" if response_ms is not None else ""
    return f"just knew{timing}: {evidence.just_knew}"


def _knowledge_rows(
    store: Store, review: SessionReview, framework: Framework
) -> tuple[JudgementRow, ...]:
    """A row per knowledge domain that the check's marks gave a stage, or that was confirmed."""
    check = load_knowledge_check()
    results = {
        r.domain_id: r for r in knowledge_results(store, review.session.id, check, framework)
    }
    rows = []
    for domain in framework.knowledge_domains:
        result, confirmed = results.get(domain.id), review.confirmed_for(domain.id)
        suggested = result.stage.stage if result else None
        if suggested is None and confirmed is None:
            continue
        rows.append(
            JudgementRow(
                domain=domain.id,
                name=domain.name,
                kind=KNOWLEDGE_ROW,
                suggested=suggested,
                needs_more_evidence=False,
                reason=result.reason if result and suggested is not None else NO_MARKS,
                evidence=(),
                confirmed=confirmed,
            )
        )
    return tuple(rows)


def stage_choices() -> list[tuple[int, str]]:
    """(stage, "5 · Early Additive Part-Whole") for every stage of the framework."""
    framework = load_framework()
    return [(s.number, f"{s.number} · {s.name}") for s in framework.stages]


def qualifiers_for(stage: int) -> tuple[str, ...]:
    """The qualifiers a stage may carry ("early", "at"), or none."""
    return load_framework().qualifiers_for(stage)


def teacher_name(review: SessionReview) -> str:
    """Who confirms: the interview's assessor, else the computer's user name."""
    if review.session.assessor:
        return review.session.assessor
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return ""


def confirm_row(
    store: Store,
    review: SessionReview,
    row: JudgementRow,
    stage: int,
    qualifier: str | None = None,
) -> ConfirmedStage:
    """Confirm the teacher's stage for one row; the suggestion stays stored beside it."""
    by = teacher_name(review)
    if row.kind == GLOBAL_ROW:
        return confirm_global_stage(store, review, stage, qualifier=qualifier, confirmed_by=by)
    if row.kind == STRATEGY_ROW:
        return confirm_domain_stage(
            store, review, row.domain, stage, qualifier=qualifier, confirmed_by=by
        )
    if isinstance(stage, bool) or stage not in load_framework().stage_numbers:
        raise ReviewError(f"There is no knowledge stage {stage}.")
    return judgement_store.confirm_stage(
        store,
        session_id=review.session.id,
        domain=row.domain,
        stage=stage,
        qualifier=None,
        confirmed_by=by,
        suggested_stage=row.suggested,
        evidence=[{"reason": row.reason}],
    )


def next_steps_for(
    store: Store, session_id: str, domain: str, stage: int | None
) -> tuple[tuple[str, ...], bool]:
    """The next steps shown for a domain: the teacher's saved words, else the framework's.

    Returns the lines and whether they are the teacher's own.
    """
    saved = judgement_store.profile_notes(store, session_id).next_steps.get(domain)
    if saved:
        return tuple(saved), True
    return framework_next_steps(domain, stage), False


def framework_next_steps(domain: str, stage: int | None) -> tuple[str, ...]:
    """The framework's family-facing next steps for moving on from `stage` in `domain`."""
    if stage is None:
        return ()
    framework = load_framework()
    if domain not in framework.strategy_domain_ids or stage not in framework.stage_numbers:
        return ()
    steps = framework.next_steps(domain, stage)
    return steps.parent if steps else ()


def save_next_steps(
    store: Store, review: SessionReview, domain: str, lines: Sequence[str], stage: int | None
) -> bool:
    """Keep the teacher's next steps; lines equal to the framework's go back to following it.

    Returns True when the teacher's own words were saved.
    """
    cleaned = [line.strip() for line in lines if line.strip()]
    own = cleaned and tuple(cleaned) != framework_next_steps(domain, stage)
    judgement_store.set_next_steps(
        store, review.session.id, domain, cleaned if own else None, written_by=teacher_name(review)
    )
    return bool(own)


def teacher_comment(store: Store, session_id: str) -> str:
    """The comment saved for this interview's profile ('' when there is none)."""
    return judgement_store.profile_notes(store, session_id).comment


def save_comment(store: Store, review: SessionReview, text: str) -> None:
    """Save (or clear) the teacher's comment for the profile."""
    judgement_store.set_teacher_comment(
        store, review.session.id, text, written_by=teacher_name(review)
    )
