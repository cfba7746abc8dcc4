"""Confirmed results as a CSV the school's management system (or a spreadsheet) can take in.

Two shapes. `full`: one row per student per assessment round with every confirmed stage, its
qualifier, the knowledge stages and the expectation band, dates as ISO yyyy-mm-dd (which every
spreadsheet reads the same way). `nz-sms`: the narrow shape New Zealand school systems import —
student id, date as dd/mm/yyyy, GloSS form and the stage per strategy domain ("Early 5").
Both are UTF-8 with a byte-order mark, so Excel shows macrons correctly, and CRLF line ends.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

FULL = "full"
NZ_SMS = "nz-sms"
PRESETS = (FULL, NZ_SMS)


@dataclass(frozen=True, slots=True)
class StageResult:
    """A confirmed stage: 0–8 and the qualifier ("early", "at" or none)."""

    stage: int
    qualifier: str | None = None

    @property
    def text(self) -> str:
        """ "Early 5", "5": how a teacher (and a school system) writes the stage."""
        if self.qualifier == "early":
            return f"Early {self.stage}"
        return str(self.stage)


@dataclass(frozen=True, slots=True)
class ResultRow:
    """One student in one assessment round, as it goes out to the school system."""

    external_id: str
    name: str
    preferred_name: str
    year_level: int | None
    class_name: str
    assessed_on: date
    instrument: str  # "strategy" or "knowledge"
    form: str
    stages: Mapping[str, StageResult] = field(default_factory=dict, hash=False)
    expectation: str = ""  # above / at / below / well below, or empty when it cannot be told


def full_columns(strategy: Sequence[str], knowledge: Sequence[str]) -> list[str]:
    """The full preset's header (documented in the README)."""
    columns = ["student_id", "name", "preferred_name", "year_level", "class", "date"]
    columns += ["instrument", "form"]
    for domain in strategy:
        columns += [f"{domain}_stage", f"{domain}_qualifier"]
    columns += ["global_stage", "global_qualifier"]
    columns += [f"{domain}_stage" for domain in knowledge]
    columns.append("expectation")
    return columns


NZ_SMS_LABELS = {
    "additive": "Addition/Subtraction",
    "multiplicative": "Multiplication/Division",
    "proportional": "Proportions/Ratios",
}


def results_csv(
    rows: Sequence[ResultRow],
    *,
    strategy: Sequence[str],
    knowledge: Sequence[str],
    preset: str = FULL,
) -> bytes:
    """The CSV file's bytes for the rows in the chosen preset."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    if preset == NZ_SMS:
        writer.writerow(
            ["Student ID", "Date", "GloSS Form", *(NZ_SMS_LABELS.get(d, d) for d in strategy)]
        )
        for row in rows:
            if row.instrument != "strategy":
                continue  # the GloSS import takes strategy stages only
            stages = [row.stages[d].text if d in row.stages else "" for d in strategy]
            writer.writerow([row.external_id, f"{row.assessed_on:%d/%m/%Y}", row.form, *stages])
    else:
        writer.writerow(full_columns(strategy, knowledge))
        for row in rows:
            writer.writerow(_full_row(row, strategy, knowledge))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _full_row(row: ResultRow, strategy: Sequence[str], knowledge: Sequence[str]) -> list[str]:
    cells = [
        row.external_id,
        row.name,
        row.preferred_name,
        "" if row.year_level is None else str(row.year_level),
        row.class_name,
        row.assessed_on.isoformat(),
        row.instrument,
        row.form,
    ]
    for domain in (*strategy, "global"):
        found = row.stages.get(domain)
        cells += [str(found.stage), found.qualifier or ""] if found else ["", ""]
    cells += [str(row.stages[d].stage) if d in row.stages else "" for d in knowledge]
    cells.append(row.expectation)
    return cells
