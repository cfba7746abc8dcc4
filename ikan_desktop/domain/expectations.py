"""Where a child's stage sits against the expectation for their time at school.

The rule, in the teacher's words (it is the same for every mapping; only the table is data):

1. **The expected stage** on a date is the one in the latest row of the table the child has
   reached.
   - "After N years at school" rows are reached on the Nth anniversary of the school start date.
     Without a start date the time at school is estimated from the Year: the mapping's first
     year level (NZ Year 1) counts as the first year, plus the part of the current school year
     gone by.
   - "By the end of Year N" rows apply to every Year above N, and to Year N itself from the
     mapping's `end_of_year_from` day (1 October in NZ: Term 4 assessments are judged against
     the end-of-year expectation). Without a Year the year level is worked out from the start
     date, counting school years from the first year level.
   - Before the first row there is no expectation yet (a child in their first year at school).
2. **The band** compares the child with that row. Each row is about a year of learning, so:
   - **above**: the child meets the expectation of the next row up (a year or more ahead), or,
     past the last row, is beyond its expectation;
   - **at**: meets the current expectation but not the next one;
   - **below**: meets only the row before (about a year behind);
   - **well below**: does not meet the row before either (more than a year behind).
   Before the first row, a child who already meets it is above and everyone else is at.
3. **Qualifiers**: early 5 meets an "early 5" expectation but not a "5" one; a stage with no
   qualifier, or "at", is the whole stage (5 meets "early 5" and "5"); the combined value 2-3
   counts as stage 2, so it meets "2-3" but not "3". Rows with equal expectations count as one
   step, so a table that repeats a value never makes a child look a year ahead.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from ikan_desktop.domain.framework_records import (
    NZ_MAPPING,
    ExpectationMapping,
    ExpectationMilestone,
    Framework,
    SchoolYear,
    StageValue,
)
from ikan_desktop.domain.students import StudentDetails

__all__ = [
    "NZ_MAPPING",
    "ExpectationBand",
    "ExpectationComparison",
    "ExpectedStage",
    "SchoolPosition",
    "compare_with_expectation",
    "expectation_band",
    "expected_stage",
    "school_position",
]


class ExpectationBand(StrEnum):
    """How a child's stage compares with the expectation for their time at school."""

    ABOVE = "above"
    AT = "at"
    BELOW = "below"
    WELL_BELOW = "well_below"

    @property
    def order(self) -> int:
        """Well below 0, below 1, at 2, above 3: for sorting and comparing bands."""
        return _ORDER.index(self)

    @property
    def label(self) -> str:
        """The band as a teacher reads it in a table: "Well below"."""
        return self.value.replace("_", " ").capitalize()

    @property
    def parent_label(self) -> str:
        """The band in words for a parent conference."""
        return _PARENT_LABELS[self]


_ORDER = (
    ExpectationBand.WELL_BELOW,
    ExpectationBand.BELOW,
    ExpectationBand.AT,
    ExpectationBand.ABOVE,
)
_PARENT_LABELS = {
    ExpectationBand.ABOVE: "Ahead of what we expect at this point",
    ExpectationBand.AT: "Where we expect at this point",
    ExpectationBand.BELOW: "A little behind where we expect; we are giving extra help",
    ExpectationBand.WELL_BELOW: "Behind where we expect; we are giving targeted extra support",
}


@dataclass(frozen=True, slots=True)
class SchoolPosition:
    """Where a child is in their schooling on a date, as an expectation table needs it."""

    on: date
    years_at_school: float
    year_level: int
    years_from_start_date: bool
    year_level_given: bool


@dataclass(frozen=True, slots=True)
class ExpectedStage:
    """The expectation that applies to a child on a date, and the table row it comes from."""

    mapping_id: str
    milestone: ExpectationMilestone
    value: StageValue
    position: SchoolPosition

    @property
    def label(self) -> str:
        """The row, e.g. "After 2 years at school"."""
        return self.milestone.label


@dataclass(frozen=True, slots=True)
class ExpectationComparison:
    """A band with the evidence behind it: the child's value, the expectation and the gap in rows."""

    band: ExpectationBand
    value: StageValue
    expected: ExpectedStage | None
    steps: int
    explanation: str


def school_position(
    school_year: SchoolYear, year_level: int | None, school_start_date: date | None, on: date
) -> SchoolPosition | None:
    """Time at school and year level on a date, estimating whichever is unknown; None if both are."""
    if year_level is None and school_start_date is None:
        return None
    first = school_year.first_year_level
    if school_start_date is not None:
        years = max(0.0, (on - school_start_date).days / 365.25)
    else:
        assert year_level is not None
        years = max(0.0, year_level - first + _part_of_school_year(on, school_year))
    if year_level is None:
        assert school_start_date is not None
        elapsed = _school_year_of(on, school_year) - _school_year_of(school_start_date, school_year)
        level = first + max(0, elapsed)
    else:
        level = year_level
    return SchoolPosition(
        on=on,
        years_at_school=years,
        year_level=level,
        years_from_start_date=school_start_date is not None,
        year_level_given=year_level is not None,
    )


def expected_stage(
    framework: Framework,
    details: StudentDetails | None = None,
    *,
    year_level: int | None = None,
    school_start_date: date | None = None,
    on: date,
    mapping_id: str = NZ_MAPPING,
    domain_id: str | None = None,
) -> ExpectedStage | None:
    """The stage expected of a child on `on` (see the module docstring for the rule).

    Pass the student's details, or the year level and/or school start date directly (these win
    over `details`). None when neither is known, before the first row of the table, or when the
    mapping does not cover `domain_id`.
    """
    if details is not None:
        year_level = year_level if year_level is not None else details.year_level
        if school_start_date is None:
            school_start_date = details.school_start_date
    mapping = framework.expectations(mapping_id)
    if domain_id is not None and domain_id not in mapping.applies_to:
        return None
    position = school_position(mapping.school_year, year_level, school_start_date, on)
    if position is None:
        return None
    index = _current_row(mapping, position, school_start_date)
    if index is None:
        return None
    row = mapping.milestones[index]
    return ExpectedStage(mapping.id, row, row.expected_for(domain_id), position)


def compare_with_expectation(
    framework: Framework,
    stage: int | str | StageValue,
    qualifier: str | None,
    year_level: int | None,
    school_start_date: date | None,
    on: date,
    mapping_id: str = NZ_MAPPING,
    domain_id: str | None = None,
) -> ExpectationComparison | None:
    """The band for a stage on a date, with the expectation and an explanation to show."""
    value = _stage_value(framework, stage, qualifier)
    if value is None:
        return None
    mapping = framework.expectations(mapping_id)
    if domain_id is not None and domain_id not in mapping.applies_to:
        return None
    position = school_position(mapping.school_year, year_level, school_start_date, on)
    if position is None:
        return None
    expected = expected_stage(
        framework,
        year_level=year_level,
        school_start_date=school_start_date,
        on=on,
        mapping_id=mapping_id,
        domain_id=domain_id,
    )
    ladder = sorted({row.expected_for(domain_id).rank for row in mapping.milestones})
    current = ladder.index(expected.value.rank) if expected else -1
    reached = sum(1 for rank in ladder if rank <= value.rank) - 1
    if value.rank > ladder[-1]:
        reached = len(ladder)
    steps = reached - current
    band = _band_for_steps(steps)
    if expected is None:
        first = mapping.milestones[0]
        explanation = (
            f"No expectation applies yet (the first is {first.label[0].lower()}{first.label[1:]}: "
            f"stage {first.expected_for(domain_id)}). Stage {value} is {band.label.lower()}."
        )
    else:
        explanation = (
            f"Expected {expected.label[0].lower()}{expected.label[1:]}: stage {expected.value}. "
            f"Stage {value} is {band.label.lower()} expectation."
        )
    return ExpectationComparison(band, value, expected, steps, explanation)


def expectation_band(
    framework: Framework,
    stage: int | str | StageValue,
    qualifier: str | None,
    year_level: int | None,
    school_start_date: date | None,
    on: date,
    mapping_id: str = NZ_MAPPING,
    domain_id: str | None = None,
) -> ExpectationBand | None:
    """Above, at, below or well below expectation (rule in the module docstring).

    `stage` is 0..8 with `qualifier` "early"/"at"/None, or text such as "early 5", "2-3" or
    "not assessed". None when neither year level nor start date is known, or the stage was not
    assessed. ValueError for a stage or qualifier the framework does not have.
    """
    comparison = compare_with_expectation(
        framework, stage, qualifier, year_level, school_start_date, on, mapping_id, domain_id
    )
    return comparison.band if comparison else None


def _band_for_steps(steps: int) -> ExpectationBand:
    if steps >= 1:
        return ExpectationBand.ABOVE
    if steps == 0:
        return ExpectationBand.AT
    return ExpectationBand.BELOW if steps == -1 else ExpectationBand.WELL_BELOW


def _stage_value(
    framework: Framework, stage: int | str | StageValue, qualifier: str | None
) -> StageValue | None:
    if isinstance(stage, StageValue):
        value: StageValue | None = stage
    elif isinstance(stage, str):
        value = StageValue.parse(stage)
    elif isinstance(stage, int) and not isinstance(stage, bool):
        value = StageValue(stage)
    else:
        raise ValueError(f"{stage!r} is not a stage")
    if value is not None and qualifier is not None:
        if value.qualifier is not None or value.upper is not None:
            raise ValueError(f"stage {value} already says how far through the stage it is")
        value = StageValue(value.stage, qualifier.strip().lower())
    if value is not None and (problem := framework.stage_value_problem(value)):
        raise ValueError(problem)
    return value


def _current_row(
    mapping: ExpectationMapping, position: SchoolPosition, school_start_date: date | None
) -> int | None:
    current = None
    for index, row in enumerate(mapping.milestones):
        if row.after_years_at_school is not None:
            if school_start_date is not None:
                done = position.on >= _anniversary(school_start_date, row.after_years_at_school)
            else:
                done = position.years_at_school >= row.after_years_at_school
        else:
            assert row.end_of_year_level is not None
            done = position.year_level > row.end_of_year_level or (
                position.year_level == row.end_of_year_level
                and _end_of_year_has_begun(position.on, mapping.school_year)
            )
        if done:
            current = index
    return current


def _anniversary(start: date, years: float) -> date:
    whole = int(years)
    try:
        base = start.replace(year=start.year + whole)
    except ValueError:  # 29 February in a year that has none
        base = start.replace(year=start.year + whole, day=28)
    return base + timedelta(days=round((years - whole) * 365.25))


def _school_year_start(on: date, school_year: SchoolYear) -> date:
    month, day = school_year.new_school_year_from
    start = date(on.year, month, day)
    return start if on >= start else date(on.year - 1, month, day)


def _school_year_of(on: date, school_year: SchoolYear) -> int:
    return _school_year_start(on, school_year).year


def _part_of_school_year(on: date, school_year: SchoolYear) -> float:
    start = _school_year_start(on, school_year)
    return min(1.0, (on - start).days / 365.25)


def _end_of_year_has_begun(on: date, school_year: SchoolYear) -> bool:
    start = _school_year_start(on, school_year)
    month, day = school_year.end_of_year_from
    from_day = date(start.year, month, day)
    if from_day < start:
        from_day = date(start.year + 1, month, day)
    return on >= from_day
