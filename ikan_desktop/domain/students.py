"""Students and classes as the teacher knows them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, slots=True)
class SchoolClass:
    """A class (room) of students, with its teacher and school for the printed profile."""

    id: str
    name: str
    teacher: str = ""
    school: str = ""


@dataclass(frozen=True, slots=True)
class StudentDetails:
    """What a teacher types about a student; validated before it reaches the store."""

    name: str
    preferred_name: str = ""
    external_id: str = ""
    year_level: int | None = None
    school_start_date: date | None = None
    class_name: str = ""
    recording_consent: bool = False
    consent_date: date | None = None
    date_of_birth: date | None = None  # kept from the school system; matches children in merges

    def problems(self) -> list[str]:
        """Plain-language reasons these details cannot be saved (empty when they can)."""
        found: list[str] = []
        if not self.name.strip():
            found.append("Please enter the student's name.")
        if self.year_level is not None and not 0 <= self.year_level <= 13:
            found.append("Year level must be between 0 and 13.")
        if self.school_start_date and self.school_start_date > date.today():
            found.append("The school start date is in the future.")
        if self.date_of_birth and self.date_of_birth > date.today():
            found.append("The date of birth is in the future.")
        if self.recording_consent and self.consent_date is None:
            found.append("Please give the date recording consent was given.")
        if self.consent_date and self.consent_date > date.today():
            found.append("The consent date is in the future.")
        return found


@dataclass(frozen=True, slots=True)
class Student:
    """A student on the roll, with the class they belong to."""

    id: str
    details: StudentDetails
    class_id: str | None = None
    archived: bool = False
    session_count: int = field(default=0, compare=False)

    @property
    def name(self) -> str:
        return self.details.name

    @property
    def display_name(self) -> str:
        """The name to use when speaking to or about the child."""
        return self.details.preferred_name.strip() or self.details.name.split(" ")[0]

    @property
    def can_record(self) -> bool:
        return self.details.recording_consent
