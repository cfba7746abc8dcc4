"""Where each child in a class stands: per-domain stages over rounds, change, and knowledge gaps.

Plain records and rules the class overview, the student list and the class report share. The
workflow reads the rounds from the database and the band from the expectation rules; everything
here is pure.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from ikan_desktop.domain.framework_records import StageValue


@dataclass(frozen=True, slots=True)
class StageOn:
    """A stage a teacher confirmed in one domain, on the date of its interview."""

    stage: int
    qualifier: str | None
    on: date
    session_id: str = ""

    @property
    def value(self) -> StageValue:
        """The stage as the expectation rules compare it ("early 5")."""
        return StageValue(self.stage, self.qualifier or None)

    @property
    def text(self) -> str:
        """ "early 5", "4": the stage as a teacher writes it."""
        return str(self.value)


@dataclass(frozen=True, slots=True)
class DomainHistory:
    """One child's confirmed stages in one domain, oldest first."""

    domain_id: str
    rounds: tuple[StageOn, ...]

    @property
    def current(self) -> StageOn | None:
        return self.rounds[-1] if self.rounds else None

    @property
    def previous(self) -> StageOn | None:
        return self.rounds[-2] if len(self.rounds) > 1 else None

    @property
    def change(self) -> int | None:
        """Stages gained since the previous round (negative when lower); None with one round."""
        if self.current is None or self.previous is None:
            return None
        return self.current.stage - self.previous.stage


@dataclass(frozen=True, slots=True)
class RecentStanding:
    """What the student list shows beside a name, read from the child's latest interviews."""

    strategy: Mapping[str, StageOn] = field(default_factory=dict, hash=False)
    knowledge: Mapping[str, StageOn] = field(default_factory=dict, hash=False)
    last_interview: date | None = None
    to_confirm: bool = False

    @property
    def interviewed(self) -> bool:
        return self.last_interview is not None


def change_text(change: int | None) -> str:
    """ "↑2", "↓1" or "" (no change, or no earlier round): the change since the previous round."""
    if not change:
        return ""
    if change > 0:
        return f"↑{change}"
    return f"↓{-change}"


# The knowledge each strategy domain stands on (number identification is left out: it is
# secure long before it could hold a strategy back). A domain not listed uses all knowledge.
KNOWLEDGE_UNDER = {
    "additive": frozenset({"number_sequence", "grouping_place_value", "basic_facts"}),
    "multiplicative": frozenset({"grouping_place_value", "basic_facts"}),
    "proportional": frozenset({"basic_facts", "fractions"}),
}


def knowledge_holding_back(
    strategy_domain: str, strategy_stage: int, knowledge: Mapping[str, int]
) -> tuple[str, ...]:
    """Knowledge domains below the strategy stage: the framework says strategy grows on
    knowledge, so a child whose knowledge is behind their thinking finds the next stage hard."""
    return tuple(
        domain
        for domain, stage in knowledge.items()
        if stage < strategy_stage
        and (strategy_domain not in KNOWLEDGE_UNDER or domain in KNOWLEDGE_UNDER[strategy_domain])
    )


def histories(
    rounds: Sequence[tuple[str, StageOn]], domain_ids: Sequence[str]
) -> dict[str, DomainHistory]:
    """Per domain, the confirmed stages in date order, from (domain, stage) pairs in any order."""
    by_domain: dict[str, list[StageOn]] = {d: [] for d in domain_ids}
    for domain, stage in rounds:
        if domain in by_domain:
            by_domain[domain].append(stage)
    return {
        d: DomainHistory(d, tuple(sorted(found, key=lambda s: (s.on, s.session_id))))
        for d, found in by_domain.items()
    }
