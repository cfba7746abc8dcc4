"""Expected stage and expectation bands, against the NZ table and the US grade mapping."""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from ikan_desktop.domain.expectations import (
    ExpectationBand,
    compare_with_expectation,
    expectation_band,
    expected_stage,
)
from ikan_desktop.domain.framework import Framework, default_framework_path, load_framework
from ikan_desktop.domain.students import StudentDetails

ABOVE, AT, BELOW, WELL_BELOW = (
    ExpectationBand.ABOVE,
    ExpectationBand.AT,
    ExpectationBand.BELOW,
    ExpectationBand.WELL_BELOW,
)
END_OF_2026 = date(2026, 11, 23)  # a Term 4 assessment
US = "us-grade-levels"


@pytest.fixture(scope="module")
def framework() -> Framework:
    return load_framework()


def band(framework: Framework, stage: int | str, qualifier: str | None = None, **child) -> object:
    return expectation_band(
        framework,
        stage,
        qualifier,
        child.get("year_level"),
        child.get("start"),
        child.get("on", END_OF_2026),
        child.get("mapping", "nz-time-at-school"),
    )


# --- expected stage ---------------------------------------------------------------------------


def test_after_nearly_three_years_the_expectation_is_advanced_counting(
    framework: Framework,
) -> None:
    expected = expected_stage(framework, school_start_date=date(2024, 2, 5), on=END_OF_2026)
    assert expected is not None
    assert str(expected.value) == "4"
    assert expected.label == "After 2 years at school"
    assert expected.position.years_at_school == pytest.approx(2.8, abs=0.01)
    assert expected.position.year_level == 3  # worked out from the start date


def test_the_after_n_years_row_starts_on_the_anniversary(framework: Framework) -> None:
    start = date(2024, 2, 5)
    day_before = expected_stage(framework, school_start_date=start, on=date(2026, 2, 4))
    anniversary = expected_stage(framework, school_start_date=start, on=date(2026, 2, 5))
    assert day_before is not None and str(day_before.value) == "2-3"
    assert anniversary is not None and str(anniversary.value) == "4"


def test_end_of_year_expectation_applies_from_term_4(framework: Framework) -> None:
    march = expected_stage(framework, year_level=6, on=date(2026, 3, 10))
    november = expected_stage(framework, year_level=6, on=END_OF_2026)
    assert march is not None and str(march.value) == "early 6"
    assert march.label == "By the end of Year 5"
    assert november is not None and str(november.value) == "6"
    assert november.label == "By the end of Year 6"


def test_without_a_start_date_time_at_school_comes_from_the_year(framework: Framework) -> None:
    year3 = expected_stage(framework, year_level=3, on=END_OF_2026)
    year4_march = expected_stage(framework, year_level=4, on=date(2026, 3, 1))
    assert year3 is not None and str(year3.value) == "4"
    assert year4_march is not None and str(year4_march.value) == "early 5"


def test_student_details_can_be_passed_whole(framework: Framework) -> None:
    child = StudentDetails(name="Mere", year_level=3, school_start_date=date(2024, 2, 5))
    expected = expected_stage(framework, child, on=END_OF_2026)
    assert expected is not None and str(expected.value) == "4"
    unknown = StudentDetails(name="New enrolment")
    assert expected_stage(framework, unknown, on=END_OF_2026) is None


def test_no_expectation_in_the_first_year(framework: Framework) -> None:
    assert expected_stage(framework, school_start_date=date(2026, 5, 1), on=END_OF_2026) is None
    assert band(framework, 1, start=date(2026, 5, 1)) == AT
    assert band(framework, 3, start=date(2026, 5, 1)) == ABOVE


# --- bands -------------------------------------------------------------------------------------


def test_bands_for_a_child_nearly_three_years_at_school(framework: Framework) -> None:
    start = date(2024, 2, 5)
    assert band(framework, 4, start=start) == AT
    assert band(framework, "early 5", start=start) == ABOVE
    assert band(framework, 3, start=start) == BELOW
    assert band(framework, "2-3", start=start) == BELOW
    assert band(framework, 1, start=start) == WELL_BELOW


def test_bands_for_year_6_at_the_end_of_the_year(framework: Framework) -> None:
    assert band(framework, 6, "at", year_level=6) == AT
    assert band(framework, 6, None, year_level=6) == AT
    assert band(framework, 6, "early", year_level=6) == BELOW
    assert band(framework, 5, "at", year_level=6) == WELL_BELOW
    assert band(framework, 7, "early", year_level=6) == ABOVE


def test_early_qualifier_meets_an_early_expectation(framework: Framework) -> None:
    # End of Year 5: early 6 is expected.
    assert band(framework, 6, "early", year_level=5) == AT
    assert band(framework, 5, "at", year_level=5) == BELOW
    # After 3 years (in May, before the end of Year 4): early 5 is expected.
    assert band(framework, 5, "early", start=date(2023, 2, 6), on=date(2026, 5, 1)) == AT
    # By November the same child is judged against the end of Year 4: stage 5.
    assert band(framework, 5, "early", start=date(2023, 2, 6)) == BELOW


def test_beyond_the_table_counts_as_above(framework: Framework) -> None:
    assert band(framework, 7, year_level=8) == AT
    assert band(framework, 8, "early", year_level=8) == ABOVE
    assert band(framework, 8, year_level=11) == ABOVE


def test_no_band_without_year_or_start_date_or_stage(framework: Framework) -> None:
    assert band(framework, 5) is None
    assert band(framework, "not assessed", year_level=4) is None


def test_impossible_stages_are_refused(framework: Framework) -> None:
    with pytest.raises(ValueError, match="cannot be used with stage 4"):
        band(framework, 4, "early", year_level=3)
    with pytest.raises(ValueError, match="no stage 9"):
        band(framework, 9, None, year_level=3)


def test_the_comparison_explains_itself(framework: Framework) -> None:
    comparison = compare_with_expectation(framework, 6, "early", 6, None, END_OF_2026)
    assert comparison is not None
    assert comparison.steps == -1
    assert comparison.explanation == (
        "Expected by the end of Year 6: stage 6. Stage early 6 is below expectation."
    )
    assert ExpectationBand.WELL_BELOW.label == "Well below"
    assert "behind" in ExpectationBand.BELOW.parent_label.lower()


# --- the US grade mapping ----------------------------------------------------------------------


def test_us_grade_3_in_spring(framework: Framework) -> None:
    spring = date(2026, 5, 15)
    expected = expected_stage(framework, year_level=3, on=spring, mapping_id=US)
    assert expected is not None and expected.label == "By the end of grade 3"
    assert band(framework, 5, year_level=3, on=spring, mapping=US) == AT
    assert band(framework, 5, "early", year_level=3, on=spring, mapping=US) == BELOW
    assert band(framework, 4, year_level=3, on=spring, mapping=US) == WELL_BELOW


def test_us_autumn_uses_the_grade_before(framework: Framework) -> None:
    fall = date(2025, 10, 1)
    expected = expected_stage(framework, year_level=3, on=fall, mapping_id=US)
    assert expected is not None and str(expected.value) == "early 5"
    assert band(framework, 5, year_level=3, on=fall, mapping=US) == ABOVE


def test_us_grade_is_worked_out_from_the_start_date(framework: Framework) -> None:
    # Started kindergarten in August 2023, so in May 2026 the child is in grade 2.
    expected = expected_stage(
        framework, school_start_date=date(2023, 8, 20), on=date(2026, 5, 15), mapping_id=US
    )
    assert expected is not None
    assert expected.position.year_level == 2
    assert expected.label == "By the end of grade 2"


# --- per-domain rows ---------------------------------------------------------------------------


def test_a_school_can_set_a_different_expectation_for_one_domain(tmp_path: Path) -> None:
    data = yaml.safe_load(default_framework_path().read_text(encoding="utf-8"))
    data["expectations"][0]["milestones"][5]["by_domain"] = {"proportional": "early 6"}
    path = tmp_path / "framework.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    shutil.copy(default_framework_path().parent / "us-grade-levels.yaml", tmp_path)
    framework = load_framework(path)

    def domain_band(domain: str) -> ExpectationBand | None:
        return expectation_band(framework, 6, "early", 6, None, END_OF_2026, domain_id=domain)

    assert domain_band("proportional") == AT
    assert domain_band("additive") == BELOW


# --- properties --------------------------------------------------------------------------------

STAGE_VALUES = ("0", "1", "2-3", "2", "3", "4", "early 5", "5", "early 6", "6", "early 7", "7",
                "early 8", "8")  # fmt: skip
dates = st.dates(min_value=date(2015, 1, 1), max_value=date(2035, 12, 31))


@given(
    year_level=st.none() | st.integers(min_value=0, max_value=13),
    start=st.none() | dates,
    on=dates,
    mapping=st.sampled_from(["nz-time-at-school", US]),
)
def test_a_higher_stage_never_gets_a_lower_band(
    framework: Framework, year_level: int | None, start: date | None, on: date, mapping: str
) -> None:
    # Every stage value, lowest first (2-3 ranks with 2), each compared on the same day.
    ladder = sorted(STAGE_VALUES, key=lambda text: framework.parse_stage_value(text).rank)
    bands = [expectation_band(framework, v, None, year_level, start, on, mapping) for v in ladder]
    if year_level is None and start is None:
        assert bands == [None] * len(ladder)
    else:
        orders = [b.order for b in bands]
        assert orders == sorted(orders), list(zip(ladder, bands, strict=True))


@given(start=dates, on=dates, later_by=st.integers(min_value=0, max_value=3000))
def test_the_expectation_never_goes_down_as_time_passes(
    framework: Framework, start: date, on: date, later_by: int
) -> None:
    earlier = expected_stage(framework, school_start_date=start, on=on)
    later = expected_stage(framework, school_start_date=start, on=on + timedelta(days=later_by))
    if earlier is not None:
        assert later is not None
        assert later.value.rank >= earlier.value.rank
