"""Dates as teachers type them and school systems export them."""

from __future__ import annotations

from datetime import date

import pytest

from ikan_desktop.domain.dates import UnreadableDate, date_order_of, is_ambiguous, parse_date

FEB_3 = date(2024, 2, 3)


@pytest.mark.parametrize(
    "text",
    [
        "3 Feb 2024",
        "3 February 2024",
        "Feb 3, 2024",
        "03-Feb-24",
        "3rd February 2024",
        "2024-02-03",
        "2024-02-03T00:00:00",
        "2024/2/3",
        "3/2/2024",
        "3.2.2024",
        "3/02/24",
        "3/02/2024 12:00:00 AM",
    ],
)
def test_new_zealand_readings(text: str) -> None:
    assert parse_date(text) == FEB_3


def test_month_first_only_changes_numeric_dates() -> None:
    assert parse_date("2/3/2024", "mdy") == FEB_3
    assert parse_date("3 Feb 2024", "mdy") == FEB_3
    assert parse_date("2024-02-03", "mdy") == FEB_3


@pytest.mark.parametrize("text", ["", "31/2/2024", "13/13/2024", "Febtember 3", "soon"])
def test_not_dates_say_how_to_write_one(text: str) -> None:
    with pytest.raises(UnreadableDate, match="write it like 3 Feb 2024"):
        parse_date(text)


def test_the_files_own_values_decide_the_order() -> None:
    assert date_order_of(["3/2/2024", "25/1/2023"]).order == "dmy"
    assert date_order_of(["3/2/2024", "1/25/2023"]).order == "mdy"
    assert date_order_of(["3/2/2024", "2024-01-25"]).order is None
    mixed = date_order_of(["25/1/2023", "1/25/2023"])
    assert mixed.contradictory and mixed.order is None
    assert is_ambiguous("3/2/2024")
    assert not is_ambiguous("3/03/2024")  # the same day either way
    assert not is_ambiguous("25/2/2024")
