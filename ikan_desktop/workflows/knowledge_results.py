"""A knowledge check's results: stages per knowledge domain, worked out from its saved marks.

Reads only the database, so it also works for a check that was cut short; and where to start the
next check from a student's last confirmed strategy stage.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ikan_desktop.domain.framework import load_framework
from ikan_desktop.domain.framework_records import Framework
from ikan_desktop.domain.judgement import counting_interview_stages
from ikan_desktop.domain.knowledge import (
    BankEvidence,
    BankResult,
    ItemResult,
    KnowledgeStage,
    knowledge_stage,
)
from ikan_desktop.domain.script_records import KnowledgeBank, KnowledgeCheck
from ikan_desktop.domain.tags import KNOWLEDGE, Tag
from ikan_desktop.store import judgements as judgement_store
from ikan_desktop.store import tags as tag_store
from ikan_desktop.store.database import Store

COUNTING = "counting"
RIGHT, WRONG = "right", "wrong"


@dataclass(frozen=True, slots=True)
class DomainResult:
    """A suggested knowledge stage for one domain, with its reason in plain words."""

    domain_id: str
    name: str
    stage: KnowledgeStage
    reason: str

    @property
    def label(self) -> str:
        return self.stage.label


def knowledge_results(
    store: Store,
    session_id: str,
    check: KnowledgeCheck,
    framework: Framework | None = None,
) -> list[DomainResult]:
    """Knowledge stages per domain for a saved check (counting interview + bank cut scores)."""
    framework = framework or load_framework()
    marks = _latest_marks(tag_store.tags_for_session(store, session_id))
    counting = {c.id: marks[c.id] == RIGHT for c in check.counting_items if c.id in marks}
    banks = [
        BankResult(
            bank_id=bank.id,
            target_stage=bank.target_stage,
            cut_score=bank.cut_score,
            # Judged on every item the bank defines: an unmarked one counts as not right.
            items=tuple(
                ItemResult(item.id, item.domain, marks.get(item.id) == RIGHT, item.id in marks)
                for item in bank.items
            ),
            beyond_top=bank.beyond_top,
        )
        for bank in check.banks
        if any(item.id in marks for item in bank.items)
    ]
    stages = knowledge_stage(
        banks, framework, counting_stages=counting_interview_stages(check, counting)
    )
    names = {bank.id: bank_name(bank) for bank in check.banks}
    return [
        DomainResult(d, framework.knowledge_domain(d).name, s, _reason(s, names))
        for d, s in stages.items()
    ]


@dataclass(frozen=True, slots=True)
class StartPoint:
    """Where to begin: with the counting interview or not, the first bank, and why."""

    counting: bool
    bank_id: str
    reason: str


def suggested_start(store: Store, student_id: str, check: KnowledgeCheck) -> StartPoint:
    """Begin at the bank leading into the child's last confirmed strategy stage (its lowest
    domain); children at the counting stages, or not yet interviewed, start with counting."""
    rounds = judgement_store.confirmed_rounds(store, student_id, kind="strategy")
    stage = min((s.stage for s in rounds[-1].stages), default=None) if rounds else None
    first = check.banks[0]
    if stage is None:
        reason = "No confirmed strategy stage yet, so the check starts with counting."
        return StartPoint(True, first.id, reason)
    if stage < first.target_stage:
        reason = f"The last confirmed strategy stage is {stage}, a counting stage."
        return StartPoint(True, first.id, reason)
    bank = next((b for b in check.banks if b.target_stage >= stage), check.banks[-1])
    reason = f"The last confirmed strategy stage is {stage}: start with {bank_name(bank)}."
    return StartPoint(False, bank.id, reason)


def bank_name(bank: KnowledgeBank) -> str:
    """The bank's short name as teachers say it: "AC→EA" from its label, else the label."""
    found = re.search(r"\(([^()]+)\)\s*$", bank.label)
    return f"the {found.group(1)} bank" if found else bank.label


def _reason(stage: KnowledgeStage, names: Mapping[str, str]) -> str:
    parts = []
    if stage.secure_banks:
        top = stage.secure_banks[-1]
        parts.append(f"Secure up to {names.get(top.bank_id, top.bank_id)} ({_score(top)}).")
    if stage.from_counting_interview:
        parts.append("The stage comes from the counting interview.")
    elif not stage.evidence:
        parts.append("No items in this domain were marked.")
    elif not stage.secure_banks:
        parts.append("Not secure in any bank given, so no stage is shown yet.")
    if stage.first_gap is not None:
        gap = stage.first_gap
        parts.append(
            f"Not yet secure in {names.get(gap.bank_id, gap.bank_id)} "
            f"({_score(gap)}; needs {gap.cut_score:.0%})."
        )
    return " ".join(parts)


def _score(evidence: BankEvidence) -> str:
    unmarked = len(evidence.unmarked_items)
    return f"{evidence.right} of {evidence.asked} right" + (
        f", {unmarked} not marked" if unmarked else ""
    )


def _latest_marks(tags: Iterable[Tag]) -> dict[str, str]:
    """Item id → its newest live mark."""
    return {t.task_id: t.code for t in tags if t.kind == KNOWLEDGE and t.task_id}
