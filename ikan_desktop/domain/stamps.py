"""Reading stored dates and times without trusting them: a value another program mangled is unknown.

One bad value in one row must never stop a list, a window or a report from showing everything
else, so these return None instead of raising.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any


def parse_date(value: Any) -> date | None:
    """A stored 'YYYY-MM-DD' (or a timestamp) as a date; None when missing or unreadable."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def parse_stamp(value: Any) -> datetime | None:
    """A stored ISO 8601 timestamp; None when missing or unreadable."""
    if isinstance(value, datetime):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return datetime.fromisoformat(value.strip())
    except ValueError:
        return None


def whole_number(value: Any) -> int | None:
    """A stored whole number (a year level, a count); None when missing or not a whole number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            return None
    return None


def seconds_between(start: Any, end: Any) -> float | None:
    """Seconds from one stored timestamp to another; None when either is unreadable."""
    first, last = parse_stamp(start), parse_stamp(end)
    if first is None or last is None or (first.tzinfo is None) != (last.tzinfo is None):
        return None
    return (last - first).total_seconds()
