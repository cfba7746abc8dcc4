"""Knowledge stage per knowledge domain, worked out from timed knowledge-bank results.

The rule (a suggestion with its evidence; the teacher confirms):

- Each bank targets a stage transition and is marked with the stage it leads to: AC→EA
  targets 5, EA→AA 6, AA→AM 7, AM→AP 8, and AP+ targets 8 with `beyond_top` set.
- Within a bank, each item is tagged with a knowledge domain. A domain is **secure** in a bank
  when the share of the items the bank defines for that domain that the child got right reaches
  the bank's cut score (e.g. 0.8: four out of five). An item left unmarked counts as not right
  (and is named as unmarked): two right of four is never secure because the other two were not
  marked. A bank with no items in a domain says nothing about it.
- If two banks target the same stage, the domain must be secure in each of them.
- Banks are taken from the lowest target upwards. The domain's knowledge stage is the target of
  the last bank in the unbroken run of secure banks, starting from the lowest bank with items in
  that domain; the first bank that is not secure ends the run, and banks above it (even if
  secure) are shown as evidence only.
- The counting interview (stages 0–4) gives the stage when no bank is secure, or whenever it
  is higher than the banks show. Without a counting result and no secure bank the stage is not
  shown (None): failing the first bank does not by itself prove a lower stage.

So more right answers can never lower a stage, and the stage is always one the framework has.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ikan_desktop.domain.framework_records import Framework

__all__ = [
    "DEFAULT_CUT_SCORE",
    "BankEvidence",
    "BankResult",
    "ItemResult",
    "KnowledgeStage",
    "knowledge_stage",
]

DEFAULT_CUT_SCORE = 0.8
"""All but one of five items right; a form may set its own cut per bank."""


@dataclass(frozen=True, slots=True)
class ItemResult:
    """One knowledge item answered right or wrong, tagged with its knowledge domain."""

    item_id: str
    domain_id: str
    correct: bool
    marked: bool = True  # False: the bank defines it, but the teacher gave it no mark


@dataclass(frozen=True, slots=True)
class BankResult:
    """A child's answers to one timed knowledge bank, which targets one stage."""

    bank_id: str
    target_stage: int
    cut_score: float
    items: tuple[ItemResult, ...]
    beyond_top: bool = False


@dataclass(frozen=True, slots=True)
class BankEvidence:
    """How one knowledge domain went in one bank: what was right, what was missed, secure or not."""

    bank_id: str
    target_stage: int
    beyond_top: bool
    cut_score: float
    correct_items: tuple[str, ...]
    missed_items: tuple[str, ...]
    unmarked_items: tuple[str, ...] = ()

    @property
    def asked(self) -> int:
        """How many items of this domain the bank defines (marked or not)."""
        return len(self.correct_items) + len(self.missed_items) + len(self.unmarked_items)

    @property
    def right(self) -> int:
        """How many of them the child got right."""
        return len(self.correct_items)

    @property
    def secure(self) -> bool:
        """Whether the share right reaches the bank's cut score."""
        # A whole-number comparison avoids 0.8 * 5 = 4.000000000000001 style misses.
        return self.asked > 0 and self.right * 1000 >= round(self.cut_score * 1000) * self.asked

    @property
    def stage_label(self) -> str:
        """The bank's target as a teacher writes it: "6", or "8+" for the bank beyond the top."""
        return f"{self.target_stage}+" if self.beyond_top else str(self.target_stage)


@dataclass(frozen=True, slots=True)
class KnowledgeStage:
    """A suggested knowledge stage for one domain, with the bank evidence behind it."""

    domain_id: str
    stage: int | None
    beyond_top: bool
    from_counting_interview: bool
    secure_banks: tuple[BankEvidence, ...]
    first_gap: BankEvidence | None
    evidence: tuple[BankEvidence, ...]

    @property
    def label(self) -> str:
        """ "6", "8+", or "not shown" when there is no evidence for a stage."""
        if self.stage is None:
            return "not shown"
        return f"{self.stage}+" if self.beyond_top else str(self.stage)

    @property
    def explanation(self) -> str:
        """Why this stage, in one or two plain sentences for the review screen."""
        parts = []
        if self.secure_banks:
            secure = ", ".join(f"{e.bank_id} ({e.right}/{e.asked})" for e in self.secure_banks)
            parts.append(f"Secure in {secure}.")
        if self.from_counting_interview:
            parts.append("The stage comes from the counting interview.")
        elif not self.evidence:
            parts.append("No knowledge items in this domain were asked.")
        elif not self.secure_banks:
            parts.append("No bank was secure, so no stage is shown yet.")
        if self.first_gap is not None:
            gap = self.first_gap
            unmarked = f", {len(gap.unmarked_items)} not marked" if gap.unmarked_items else ""
            parts.append(
                f"Not yet secure in {gap.bank_id} ({gap.right}/{gap.asked}{unmarked}; "
                f"needs {gap.cut_score:.0%})."
            )
        return " ".join(parts)


def knowledge_stage(
    results: Iterable[BankResult],
    framework: Framework | None = None,
    *,
    counting_stages: Mapping[str, int] | None = None,
    cut_score: float | None = None,
) -> dict[str, KnowledgeStage]:
    """Suggest a knowledge stage per knowledge domain from bank results (rule in the module doc).

    With a framework, every one of its knowledge domains gets an entry and unknown domains or
    stages raise ValueError; `cut_score` replaces every bank's own cut; `counting_stages` gives
    the counting-interview stage per domain (used when no bank is secure, or when higher).
    """
    banks = sorted(results, key=lambda bank: (bank.target_stage, bank.beyond_top))
    counting = dict(counting_stages or {})
    for bank in banks:
        _check_bank(bank, framework, cut_score)
    if framework is not None:
        for domain_id, stage in counting.items():
            if domain_id not in framework.knowledge_domain_ids:
                _fail(f"counting_stages names an unknown knowledge domain {domain_id!r}")
            if stage not in framework.stage_numbers:
                _fail(f"counting stage {stage!r} for {domain_id} is not a stage of the framework")
        domains: list[str] = list(framework.knowledge_domain_ids)
    else:
        domains = list(
            dict.fromkeys([i.domain_id for b in banks for i in b.items] + list(counting))
        )
    return {
        domain_id: _domain_stage(domain_id, banks, counting.get(domain_id), cut_score)
        for domain_id in domains
    }


def _domain_stage(
    domain_id: str, banks: list[BankResult], counting: int | None, cut_score: float | None
) -> KnowledgeStage:
    evidence = []
    for bank in banks:
        items = [item for item in bank.items if item.domain_id == domain_id]
        if items:
            evidence.append(
                BankEvidence(
                    bank_id=bank.bank_id,
                    target_stage=bank.target_stage,
                    beyond_top=bank.beyond_top,
                    cut_score=cut_score if cut_score is not None else bank.cut_score,
                    correct_items=tuple(i.item_id for i in items if i.marked and i.correct),
                    missed_items=tuple(i.item_id for i in items if i.marked and not i.correct),
                    unmarked_items=tuple(i.item_id for i in items if not i.marked),
                )
            )
    secure: list[BankEvidence] = []
    gap = None
    levels = list(dict.fromkeys((e.target_stage, e.beyond_top) for e in evidence))
    for level in levels:
        at_level = [e for e in evidence if (e.target_stage, e.beyond_top) == level]
        if not all(e.secure for e in at_level):
            gap = next(e for e in at_level if not e.secure)
            break
        secure += at_level
    if secure and (counting is None or secure[-1].target_stage >= counting):
        stage, beyond, from_counting = secure[-1].target_stage, secure[-1].beyond_top, False
    else:
        stage, beyond, from_counting = counting, False, counting is not None
    return KnowledgeStage(
        domain_id=domain_id,
        stage=stage,
        beyond_top=beyond,
        from_counting_interview=from_counting,
        secure_banks=tuple(secure),
        first_gap=gap,
        evidence=tuple(evidence),
    )


def _check_bank(bank: BankResult, framework: Framework | None, cut_score: float | None) -> None:
    cut = cut_score if cut_score is not None else bank.cut_score
    if not 0 < cut <= 1:
        _fail(f"bank {bank.bank_id}: the cut score must be more than 0 and at most 1, not {cut!r}")
    if framework is None:
        return
    if bank.target_stage not in framework.stage_numbers:
        _fail(f"bank {bank.bank_id} targets stage {bank.target_stage}, which the framework lacks")
    for item in bank.items:
        if item.domain_id not in framework.knowledge_domain_ids:
            _fail(
                f"bank {bank.bank_id}, item {item.item_id}: {item.domain_id!r} is not a knowledge "
                f"domain (expected one of {', '.join(framework.knowledge_domain_ids)})"
            )


def _fail(message: str) -> None:
    raise ValueError(message)
