"""What every benchmark returns, and small helpers shared by them."""

from __future__ import annotations

import statistics
from dataclasses import dataclass


@dataclass(frozen=True)
class Result:
    """One measured figure against its target."""

    name: str
    figure: float
    unit: str
    target: float | None = None
    detail: str = ""

    @property
    def meets_target(self) -> bool | None:
        return None if self.target is None else self.figure <= self.target


def median(values: list[float]) -> float:
    return statistics.median(values)


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]
