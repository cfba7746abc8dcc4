"""What one printed progression profile says, as plain records: names, step numbers and sentences.

The renderer knows nothing about the framework file, the database or the expectation rules;
`ikan_desktop.workflows.profiles` reads those and fills these records. Everything here is
already in the words a parent will read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

ABOVE = "above"
AT = "at"
BELOW = "below"
WELL_BELOW = "well_below"
BANDS = (ABOVE, AT, BELOW, WELL_BELOW)
BAND_WORDS = {
    ABOVE: "Ahead of what we expect for time at school",
    AT: "Where we expect for time at school",
    BELOW: "A little behind what we expect for time at school",
    WELL_BELOW: "Further behind what we expect for time at school",
}


class NoConfirmedJudgement(Exception):
    """A profile was asked for a student with no confirmed stage yet (a message for teachers)."""

    def __init__(self, student_name: str) -> None:
        self.student_name = student_name
        self.message = (
            f"{student_name} has no confirmed stage yet, so there is nothing to put on a "
            "profile. Finish an interview and confirm a stage for at least one domain in "
            "Review, then print the profile."
        )
        super().__init__(self.message)


@dataclass(frozen=True, slots=True)
class StageKeyEntry:
    """One step of the ladder, with the teachers' name and abbreviation for the footer key."""

    number: int
    parent_name: str
    name: str
    abbreviation: str


@dataclass(frozen=True, slots=True)
class DomainNow:
    """Where the child is now in one strategy domain, drawn as one ladder."""

    domain_id: str
    name: str
    stage: int
    stage_name: str
    early: bool
    description: str
    expected: tuple[int, int] | None
    band: str | None

    def __post_init__(self) -> None:
        if self.band is not None and self.band not in BANDS:
            raise ValueError(f"band must be one of {BANDS}, not {self.band!r}")

    @property
    def band_text(self) -> str:
        """How the step compares with the expectation, in a parent's words ("" if unknown)."""
        return BAND_WORDS.get(self.band, "") if self.band else ""


@dataclass(frozen=True, slots=True)
class RoundStages:
    """One interview round: its date and the step reached in each strategy domain."""

    on: date
    stages: tuple[tuple[str, int | None], ...]
    expected: tuple[int, int] | None = None

    def stage_for(self, domain_id: str) -> int | None:
        """The step confirmed for `domain_id` in this round, or None when it was not judged."""
        return dict(self.stages).get(domain_id)


@dataclass(frozen=True, slots=True)
class KnowledgeNow:
    """How far along the ladder the child's knowledge reaches in one knowledge domain."""

    domain_id: str
    name: str
    stage: int | None


@dataclass(frozen=True, slots=True)
class NextStep:
    """What comes next in one strategy domain, and ideas for home (the teacher's edit if any)."""

    domain_id: str
    domain_name: str
    next_stage_name: str
    ideas: tuple[str, ...]
    edited_by_teacher: bool = False


@dataclass(frozen=True, slots=True)
class ProfileData:
    """Everything printed on one student's one-page progression profile."""

    student_name: str
    preferred_name: str
    class_name: str
    teacher: str
    school: str
    assessed_on: date
    printed_on: date
    form: str
    domains: tuple[DomainNow, ...]
    rounds: tuple[RoundStages, ...]
    stage_key: tuple[StageKeyEntry, ...]
    knowledge: tuple[KnowledgeNow, ...] = ()
    strengths: tuple[str, ...] = ()
    next_steps: tuple[NextStep, ...] = ()
    teacher_comment: str = ""
    framework_name: str = ""

    @property
    def called(self) -> str:
        """The name used in headings: the preferred name, else the first name."""
        return self.preferred_name.strip() or self.student_name.strip().split(" ")[0]

    @property
    def knowledge_gap(self) -> str:
        """One plain sentence when problem solving and quick knowledge are apart, else ""."""
        checked = [k for k in self.knowledge if k.stage is not None]
        if not checked or not self.domains:
            return ""
        called = self.called
        thinking = max(d.stage for d in self.domains)
        behind = [k.name.lower() for k in checked if k.stage is not None and k.stage < thinking]
        if behind:
            listed = (
                behind[0] if len(behind) == 1 else ", ".join(behind[:-1]) + " and " + behind[-1]
            )
            return (
                f"{called}'s problem solving (step {thinking}) is ahead of what {called} knows "
                f"quickly in {listed}. Practising these until they come without counting will "
                "make the next step easier."
            )
        if all(k.stage is not None and k.stage > thinking for k in checked):
            return (
                f"{called} knows a lot quickly. The next step is using that knowledge to work "
                "problems out in new ways."
            )
        return ""

    @property
    def top_stage(self) -> int:
        """The highest step on the ladder (8 in the NZ framework)."""
        return max(entry.number for entry in self.stage_key)
