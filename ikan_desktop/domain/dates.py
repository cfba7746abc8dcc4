"""Dates as teachers and school systems write them: ISO, d/m/yyyy (NZ), m/d/yyyy (US), "3 Feb 2024".

A date such as 3/2/2024 means 3 February in New Zealand and March 2 in the US, so numeric
dates are read in a chosen order ("dmy" or "mdy"). Which order a file uses is decided by its
own values when one of them proves it (25/2/2024 can only be day-first), and otherwise by the
teacher's choice; `date_order_of` tells the two cases apart so a caller can ask.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

DAY_FIRST = "dmy"
MONTH_FIRST = "mdy"
DATE_ORDERS = (DAY_FIRST, MONTH_FIRST)

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ][\d:.]+Z?)?$")
_NUMERIC = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})(?:\s+[\d:.]+\s*([ap]m)?)?$")
_DAY_MONTH = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?[\s\-/.,]*([a-z]+)\.?[\s\-/.,]*(\d{2}|\d{4})$")
_MONTH_DAY = re.compile(r"^([a-z]+)\.?[\s\-/.,]*(\d{1,2})(?:st|nd|rd|th)?[\s\-/.,]+(\d{2}|\d{4})$")


class UnreadableDate(ValueError):
    """Text that is not a date in any form the app reads (the message says which forms it reads)."""

    def __init__(self, text: str) -> None:
        super().__init__(
            f"“{text}” is not a date the app can read; write it like 3 Feb 2024, 3/2/2024 or "
            "2024-02-03."
        )
        self.text = text


@dataclass(frozen=True, slots=True)
class DateOrderEvidence:
    """What a set of numeric dates says about their order: proven one way, both, or neither."""

    day_first_seen: str | None = None
    month_first_seen: str | None = None

    @property
    def order(self) -> str | None:
        """The order the values prove, or None when they prove nothing (or contradict)."""
        if self.day_first_seen and not self.month_first_seen:
            return DAY_FIRST
        if self.month_first_seen and not self.day_first_seen:
            return MONTH_FIRST
        return None

    @property
    def contradictory(self) -> bool:
        """Both orders proven: the file mixes day-first and month-first dates."""
        return bool(self.day_first_seen and self.month_first_seen)

    @property
    def needs_numeric_order(self) -> bool:
        """Whether any value was an ambiguous numeric date (both readings possible)."""
        return self.order is None and not self.contradictory


def parse_date(text: str, order: str = DAY_FIRST) -> date:
    """A date from typed or exported text; numeric day/month dates are read in `order`."""
    cleaned = " ".join(str(text).strip().lower().replace(",", " ").split())
    if not cleaned:
        raise UnreadableDate(text)
    try:
        return _parse(cleaned, order)
    except ValueError as error:  # Feb 30, month 13 …
        raise UnreadableDate(text) from error


def date_order_of(values: Iterable[str]) -> DateOrderEvidence:
    """Which numeric order the values prove: a first number over 12 is a day, a second a month."""
    day_first = month_first = None
    for value in values:
        match = _NUMERIC.match(value.strip().lower())
        if not match:
            continue
        first, second = int(match[1]), int(match[2])
        if first > 12 >= second and day_first is None:
            day_first = value.strip()
        elif second > 12 >= first and month_first is None:
            month_first = value.strip()
    return DateOrderEvidence(day_first, month_first)


def is_ambiguous(text: str) -> bool:
    """A numeric date that reads differently day-first and month-first (3/2/2024, not 3/3/2024)."""
    match = _NUMERIC.match(text.strip().lower())
    return (
        bool(match)
        and int(match[1]) <= 12
        and int(match[2]) <= 12
        and int(match[1]) != int(match[2])
    )


def _parse(cleaned: str, order: str) -> date:
    if match := _ISO.match(cleaned):
        return date(int(match[1]), int(match[2]), int(match[3]))
    if match := _NUMERIC.match(cleaned):
        first, second, year = int(match[1]), int(match[2]), _year(match[3])
        day, month = (first, second) if order == DAY_FIRST else (second, first)
        return date(year, month, day)
    if (match := _DAY_MONTH.match(cleaned)) and match[2] in _MONTHS:
        return date(_year(match[3]), _MONTHS[match[2]], int(match[1]))
    if (match := _MONTH_DAY.match(cleaned)) and match[1] in _MONTHS:
        return date(_year(match[3]), _MONTHS[match[1]], int(match[2]))
    try:  # what a spreadsheet cell holding a date-time turns into as text
        return datetime.fromisoformat(cleaned.upper()).date()
    except ValueError:
        raise UnreadableDate(cleaned) from None


def _year(text: str) -> int:
    if len(text) == 4:
        return int(text)
    # Two-digit years in a school roster are start dates and birthdays: never in the future.
    short = int(text)
    this_century = date.today().year // 100 * 100
    return this_century + short if this_century + short <= date.today().year else 1900 + short
