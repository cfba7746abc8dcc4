"""A class list from a school system's export: find the header, map its columns, read each row.

Columns are recognised by their header, ignoring case, spaces and punctuation, from a table of
the names school systems use (eTAP, Hero/LINC-ED, Kāmar, MUSAC Edge, PowerSchool, Infinite
Campus and plain spreadsheets). The teacher can change the mapping before anything is written.
Rows become `RosterEntry` records or a `SkippedRow` with its line number and reason; matching
them with the students already in the app is the workflow's job.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ikan_desktop.domain.dates import DAY_FIRST, UnreadableDate, date_order_of, parse_date
from ikan_desktop.exchange.table_file import Table, TableFileError, read_table

FIRST_NAME = "first_name"
PREFERRED_NAME = "preferred_name"
LAST_NAME = "last_name"
FULL_NAME = "full_name"
STUDENT_ID = "student_id"
YEAR_LEVEL = "year_level"
CLASS_NAME = "class_name"
START_DATE = "start_date"
BIRTH_DATE = "birth_date"
IGNORE = ""

FIELD_LABELS: Mapping[str, str] = {
    FIRST_NAME: "First name",
    PREFERRED_NAME: "Preferred name",
    LAST_NAME: "Surname",
    FULL_NAME: "Full name",
    STUDENT_ID: "School-system ID",
    YEAR_LEVEL: "Year level",
    CLASS_NAME: "Class",
    START_DATE: "School start date",
    BIRTH_DATE: "Date of birth",
    IGNORE: "Not imported",
}
DATE_FIELDS = (START_DATE, BIRTH_DATE)
NAME_FIELDS = (FIRST_NAME, LAST_NAME, FULL_NAME)
HEADER_SEARCH_ROWS = 30

_SYNONYMS: Mapping[str, tuple[str, ...]] = {
    FIRST_NAME: (
        "first name", "firstname", "first", "given name", "given names", "legal first",
        "legal first name", "legal given name", "forename", "forenames", "student first name",
    ),
    PREFERRED_NAME: (
        "preferred", "preferred name", "preferred first name", "known as", "nickname",
        "preferred given name", "common name",
    ),
    LAST_NAME: (
        "surname", "last name", "lastname", "last", "family name", "legal surname",
        "legal last name", "legal family name", "student last name", "preferred surname",
    ),
    FULL_NAME: ("full name", "name", "student name", "student", "pupil", "pupil name", "learner"),
    STUDENT_ID: (
        "student id", "id", "nsn", "national student number", "id number", "state id",
        "student number", "sis id", "local id", "student code", "studentid", "student no",
    ),
    YEAR_LEVEL: (
        "year", "year level", "yr", "yr level", "grade", "grade level", "funding year",
        "funding year level", "curriculum level year",
    ),
    CLASS_NAME: (
        "room", "class", "homeroom", "home room", "form class", "class name", "room number",
        "tutor group", "homeroom teacher room", "whanau class", "roll class",
    ),
    START_DATE: (
        "start date", "first attendance", "first attendance date", "entry date",
        "enrolment date", "enrollment date", "date enrolled", "date of enrolment",
        "school entry date", "start at school", "first day", "date started",
    ),
    BIRTH_DATE: ("date of birth", "dob", "birth date", "birthdate", "birthday", "born"),
}  # fmt: skip


def header_key(text: str) -> str:
    """A header as compared: lower case, no accents or punctuation ("Whānau-class" → "whanauclass")."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", plain.lower())


_BY_KEY = {header_key(name): field for field, names in _SYNONYMS.items() for name in names}


class RosterFileError(TableFileError):
    """A file that cannot be a class list; one line naming the file (and the line)."""


@dataclass(frozen=True, slots=True)
class RosterEntry:
    """One child as the file gives them (values not in the file are None or empty)."""

    line: int
    name: str
    preferred_name: str = ""
    external_id: str = ""
    year_level: int | None = None
    class_name: str = ""
    school_start_date: date | None = None
    date_of_birth: date | None = None


@dataclass(frozen=True, slots=True)
class SkippedRow:
    """A row that will not be imported, with the line number and the reason."""

    line: int
    reason: str
    text: str = ""


@dataclass(frozen=True, slots=True)
class RosterSheet:
    """A file's table with its header found and a suggested column mapping."""

    name: str
    table: Table
    header_index: int
    mapping: tuple[str, ...]

    @property
    def headers(self) -> tuple[str, ...]:
        return self.table.rows[self.header_index].cells

    @property
    def header_line(self) -> int:
        return self.table.rows[self.header_index].line

    @property
    def body(self) -> tuple[Sequence[str], ...]:
        return tuple(row.cells for row in self.table.rows[self.header_index + 1 :])

    def date_values(self, mapping: Sequence[str] | None = None) -> list[str]:
        """Every value in the date columns (to decide day-first or month-first)."""
        columns = [i for i, f in enumerate(mapping or self.mapping) if f in DATE_FIELDS]
        return [
            r.cells[i]
            for r in self.table.rows[self.header_index + 1 :]
            for i in columns
            if i < len(r.cells)
        ]


@dataclass(frozen=True, slots=True)
class ReadRoster:
    """The entries and skipped rows read from a sheet with a given mapping."""

    entries: tuple[RosterEntry, ...]
    skipped: tuple[SkippedRow, ...] = field(default=())


def open_roster(path: Path) -> RosterSheet:
    """Read a file and find its header row; RosterFileError when it cannot be a class list."""
    path = Path(path)
    table = read_table(path)
    return sheet_from_table(table, path.name)


def sheet_from_table(table: Table, name: str) -> RosterSheet:
    """Find the header row (the first row naming a name column) and suggest a mapping."""
    best: tuple[int, int] | None = None
    for index, row in enumerate(table.rows[:HEADER_SEARCH_ROWS]):
        mapping = suggest_mapping(row.cells)
        if not any(f in NAME_FIELDS for f in mapping):
            continue
        score = sum(1 for f in mapping if f)
        if best is None or score > best[1]:
            best = (index, score)
    if best is None:
        raise RosterFileError(
            f"{name}: no column looks like a student's name (expected a header such as "
            "“First name” and “Surname”, or “Name”). Check that this is the class list export."
        )
    index = best[0]
    return RosterSheet(name, table, index, suggest_mapping(table.rows[index].cells))


def suggest_mapping(headers: Sequence[str]) -> tuple[str, ...]:
    """The field each header stands for (IGNORE when unknown or taken by an earlier column)."""
    taken: set[str] = set()
    mapping = []
    for header in headers:
        found = _BY_KEY.get(header_key(header), IGNORE)
        if found in taken:
            found = IGNORE
        taken.add(found)
        mapping.append(found)
    if FULL_NAME in taken and (FIRST_NAME in taken or LAST_NAME in taken):
        mapping = [IGNORE if f == FULL_NAME else f for f in mapping]  # "Name" beside the parts
    return tuple(mapping)


def mapping_problem(mapping: Sequence[str]) -> str | None:
    """Why a mapping cannot import names, or None when it can."""
    if FULL_NAME in mapping or FIRST_NAME in mapping or LAST_NAME in mapping:
        return None
    return "Choose the column that holds the first name (or the full name)."


def read_entries(
    sheet: RosterSheet,
    *,
    mapping: Sequence[str] | None = None,
    date_order: str = DAY_FIRST,
    class_name: str = "",
) -> ReadRoster:
    """Every row under the header as an entry or a skipped row with its reason."""
    mapping = tuple(mapping or sheet.mapping)
    entries: list[RosterEntry] = []
    skipped: list[SkippedRow] = []
    for row in sheet.table.rows[sheet.header_index + 1 :]:
        values = {
            f: unicodedata.normalize("NFC", row.cells[i] if i < len(row.cells) else "")
            for i, f in enumerate(mapping)
            if f
        }  # NFC: a Mac's "ā" (a + combining macron) is stored as the one letter everyone types
        try:
            entry = _entry(row.line, values, date_order, class_name)
        except ValueError as problem:
            skipped.append(SkippedRow(row.line, str(problem), _row_words(values, row.cells)))
            continue
        if entry is not None:
            entries.append(entry)
    return ReadRoster(tuple(entries), tuple(skipped))


def file_date_order(sheet: RosterSheet, mapping: Sequence[str] | None = None) -> str | None:
    """The numeric date order the file's own values prove, or None when they do not."""
    return date_order_of(sheet.date_values(mapping)).order


def parse_year_level(text: str) -> int | None:
    """ "Y4", "Year 4", "Yr 4", "4", "Grade 3", "K", "Kindergarten" → a number (None when blank)."""
    cleaned = text.strip().lower().rstrip(".")
    if not cleaned:
        return None
    if cleaned in {"k", "kg", "kindergarten", "kinder", "prep", "reception", "r"}:
        return 0
    match = re.fullmatch(
        r"(?:y|yr|yrs|year|years|grade|gr|g)?\s*[-.]?\s*(\d{1,2})(?:st|nd|rd|th)?", cleaned
    )
    if match and int(match[1]) <= 13:
        return int(match[1])
    raise ValueError(
        f"the year level “{text.strip()}” is not one the app reads (e.g. Y4, Year 4, Grade 3, K)"
    )


def split_full_name(text: str) -> tuple[str, str]:
    """ "Surname, First" or "First Surname" → (first, surname)."""
    if "," in text:
        surname, _, first = text.partition(",")
        return first.strip(), surname.strip()
    parts = text.split()
    return (" ".join(parts[:-1]), parts[-1]) if len(parts) > 1 else (text.strip(), "")


def _row_words(values: Mapping[str, str], cells: Sequence[str]) -> str:
    """A skipped row as a teacher finds it in the file: the name, else the row's values."""
    name = " ".join(values.get(f, "").strip() for f in (FIRST_NAME, LAST_NAME, FULL_NAME))
    return " ".join(name.split()) or " · ".join(c for c in cells if c.strip())


def _entry(line: int, values: Mapping[str, str], order: str, class_name: str) -> RosterEntry | None:
    if not any(v.strip() for v in values.values()):
        return None
    first, last = values.get(FIRST_NAME, "").strip(), values.get(LAST_NAME, "").strip()
    if FULL_NAME in values and not (first or last):
        first, last = split_full_name(values[FULL_NAME])
    name = " ".join(part for part in (first, last) if part)
    name = " ".join(name.split())
    if not name:
        raise ValueError("no name in this row")
    started = values.get(START_DATE, "").strip()
    try:
        start_date = parse_date(started, order) if started else None
    except UnreadableDate:
        raise ValueError(f"the start date “{started}” is not a date the app reads") from None
    if start_date and start_date > date.today():
        raise ValueError(f"the start date {start_date:%-d %b %Y} is in the future")
    born = values.get(BIRTH_DATE, "").strip()
    try:
        birth_date = parse_date(born, order) if born else None
    except UnreadableDate:
        raise ValueError(f"the date of birth “{born}” is not a date the app reads") from None
    if birth_date and birth_date > date.today():
        raise ValueError(f"the date of birth {birth_date:%-d %b %Y} is in the future")
    preferred = values.get(PREFERRED_NAME, "").strip()
    return RosterEntry(
        line=line,
        name=name,
        preferred_name="" if preferred == first else preferred,
        external_id=values.get(STUDENT_ID, "").strip(),
        year_level=parse_year_level(values.get(YEAR_LEVEL, "")),
        class_name=" ".join((class_name or values.get(CLASS_NAME, "")).split()),
        school_start_date=start_date,
        date_of_birth=birth_date,
    )
