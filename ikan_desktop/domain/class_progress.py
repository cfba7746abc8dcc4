"""A class's progress over time: rounds by school term, each round's spread of stages and
bands, and each child's movement between rounds. Pure records and rules."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, slots=True, order=True)
class Round:
    """An assessment round: a school term of a year (interviews in a term belong together)."""

    year: int
    term: int

    @property
    def label(self) -> str:
        return f"{self.year} T{self.term}"


def round_of(on: date) -> Round:
    """The term a date falls in (NZ terms: Feb–Apr, May–Jul, Aug–Sep, Oct–Jan)."""
    if on.month == 1:
        return Round(on.year - 1, 4)
    term = 1 if on.month <= 4 else 2 if on.month <= 7 else 3 if on.month <= 9 else 4
    return Round(on.year, term)


@dataclass(frozen=True, slots=True)
class RoundSpread:
    """One domain in one round: how many children at each stage and in each band."""

    round: Round
    stages: Mapping[int, int] = field(hash=False)
    bands: Mapping[str, int] = field(hash=False)

    @property
    def children(self) -> int:
        return sum(self.stages.values())

    @property
    def median_stage(self) -> float | None:
        values = sorted(s for s, n in self.stages.items() for _ in range(n))
        if not values:
            return None
        middle = len(values) // 2
        if len(values) % 2:
            return float(values[middle])
        return (values[middle - 1] + values[middle]) / 2


@dataclass(frozen=True, slots=True)
class ChildMovement:
    """One child in one domain: their stage in each round (None when not assessed then)."""

    student_id: str
    name: str
    stages: tuple[int | None, ...]

    @property
    def gained(self) -> int | None:
        """Stages gained from the first round they were assessed in to the last."""
        known = [s for s in self.stages if s is not None]
        return known[-1] - known[0] if len(known) > 1 else None


def spread(round_: Round, stages: Sequence[int], bands: Sequence[str | None]) -> RoundSpread:
    """Count a round's stages and bands (a child without a band is not counted in bands)."""
    return RoundSpread(round_, dict(Counter(stages)), dict(Counter(b for b in bands if b)))
