"""The Number Framework as read-only records: stages, domains, knowledge, next steps, expectations.

`load_framework` (in `framework.py`) builds these from a versioned YAML file. Import them from
`ikan_desktop.domain.framework`; this module exists only to keep each file small.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

NOT_ASSESSED = "not assessed"
EARLY = "early"
AT = "at"
NZ_MAPPING = "nz-time-at-school"

_SINGLE = re.compile(r"^(?:(early|at)\s+)?(\d+)$")
_COMBINED = re.compile(r"^(\d+)\s*-\s*(\d+)$")


@dataclass(frozen=True, slots=True)
class StageValue:
    """A stage as a teacher writes it: "4", "early 5", "at 6", or the combined "2-3"."""

    stage: int
    qualifier: str | None = None
    upper: int | None = None

    @classmethod
    def parse(cls, text: str | int) -> StageValue | None:
        """Read "early 5", "6", "2-3" or 7; None means "not assessed"; ValueError otherwise."""
        if isinstance(text, bool) or not isinstance(text, int | str):
            raise ValueError(f"{text!r} is not a stage")
        if isinstance(text, int):
            if text < 0:
                raise ValueError(f"{text} is not a stage: stages start at 0")
            return cls(text)
        cleaned = " ".join(text.strip().lower().split())
        if cleaned == NOT_ASSESSED:
            return None
        single = _SINGLE.match(cleaned)
        if single:
            return cls(int(single.group(2)), single.group(1))
        combined = _COMBINED.match(cleaned)
        if combined:
            return cls(int(combined.group(1)), None, int(combined.group(2)))
        raise ValueError(
            f"{text!r} is not a stage; write a number such as 4, 'early 5', 'at 6' or '2-3'"
        )

    @property
    def rank(self) -> int:
        """One scale for comparing values: 4 < early 5 < 5 (the same as at 5) < early 6.

        A combined value such as 2-3 ranks as its lower stage, so it never claims more than
        the evidence shows.
        """
        return 2 * self.stage + (0 if self.qualifier == EARLY else 1)

    def meets(self, expected: StageValue) -> bool:
        """Whether a child at this value has reached `expected` (early 5 meets early 5, not 5)."""
        return self.rank >= expected.rank

    def __str__(self) -> str:
        if self.upper is not None:
            return f"{self.stage}-{self.upper}"
        if self.qualifier:
            return f"{self.qualifier} {self.stage}"
        return str(self.stage)


@dataclass(frozen=True, slots=True)
class StrategyDomain:
    """An operational domain such as addition & subtraction, with its name for parents."""

    id: str
    name: str
    parent_name: str


@dataclass(frozen=True, slots=True)
class KnowledgeDomain:
    """A knowledge domain such as basic facts, with its name for parents."""

    id: str
    name: str
    parent_name: str


@dataclass(frozen=True, slots=True)
class StageDescriptor:
    """What a stage looks like in one strategy domain, for the teacher and for a parent."""

    teacher: str
    parent: str


@dataclass(frozen=True, slots=True)
class StrategyStage:
    """One strategy stage (0 Emergent … 8 Advanced proportional) and how it looks per domain."""

    number: int
    name: str
    abbreviation: str
    parent_name: str
    summary: str
    descriptors: Mapping[str, StageDescriptor] = field(hash=False)

    @property
    def label(self) -> str:
        """ "Stage 4: Advanced counting", as shown on the stage ladder."""
        return f"Stage {self.number}: {self.name}"

    def teacher_descriptor(self, domain_id: str) -> str:
        """What a teacher would observe at this stage in the given strategy domain."""
        return self.descriptors[domain_id].teacher

    def parent_descriptor(self, domain_id: str) -> str:
        """The plain-English sentence for a parent about this stage in the given domain."""
        return self.descriptors[domain_id].parent


@dataclass(frozen=True, slots=True)
class Qualifier:
    """A refinement of a stage ("early", "at") and the stages it may be used with."""

    id: str
    name: str
    description: str
    parent_description: str
    stages: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class CombinedStage:
    """A value covering several stages, such as "2-3" (counting from one) when they are not told apart."""

    id: str
    name: str
    abbreviation: str
    stages: tuple[int, ...]
    description: str


@dataclass(frozen=True, slots=True)
class KnowledgeItem:
    """One piece of knowledge a child is expected to know quickly at a stage."""

    id: str
    domain_id: str
    stage: int
    text: str
    parent_text: str


@dataclass(frozen=True, slots=True)
class NextSteps:
    """Teaching moves and things to do at home for moving from one stage to the next."""

    domain_id: str
    from_stage: int
    to_stage: int
    teacher: tuple[str, ...]
    parent: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SchoolYear:
    """How a school system counts years: first year level, year change and end-of-year dates."""

    first_year_level: int
    new_school_year_from: tuple[int, int]
    end_of_year_from: tuple[int, int]
    year_label: str

    def year_name(self, year_level: int) -> str:
        """ "Year 4" or "Grade 4", as the mapping names its year levels."""
        return self.year_label.replace("{n}", str(year_level))


@dataclass(frozen=True, slots=True)
class ExpectationMilestone:
    """One row of an expectation table: a point in schooling and the stage expected from then on."""

    label: str
    expected: StageValue
    after_years_at_school: float | None = None
    end_of_year_level: int | None = None
    by_domain: Mapping[str, StageValue] = field(default_factory=dict, hash=False)

    def expected_for(self, domain_id: str | None) -> StageValue:
        """The expectation for one strategy domain (a per-domain override, else the row's)."""
        if domain_id is None:
            return self.expected
        return self.by_domain.get(domain_id, self.expected)


@dataclass(frozen=True, slots=True)
class ExpectationMapping:
    """A table from time at school (or year level) to expected stage, e.g. NZ or US grades."""

    id: str
    name: str
    version: str
    note: str
    source: str
    applies_to: tuple[str, ...]
    school_year: SchoolYear
    milestones: tuple[ExpectationMilestone, ...]
    file: str


@dataclass(frozen=True, slots=True)
class Framework:
    """A number framework loaded from its file: look stages, knowledge and next steps up here."""

    id: str
    version: str
    name: str
    description: str
    file: str
    stages: tuple[StrategyStage, ...]
    strategy_domains: tuple[StrategyDomain, ...]
    knowledge_domains: tuple[KnowledgeDomain, ...]
    qualifiers: tuple[Qualifier, ...]
    combined_stages: tuple[CombinedStage, ...]
    expectation_mappings: tuple[ExpectationMapping, ...]
    knowledge_table: Mapping[tuple[str, int], tuple[KnowledgeItem, ...]] = field(
        hash=False, repr=False
    )
    next_steps_table: Mapping[tuple[str, int], NextSteps] = field(hash=False, repr=False)

    @property
    def stage_numbers(self) -> tuple[int, ...]:
        """0, 1, … up to the top stage."""
        return tuple(stage.number for stage in self.stages)

    @property
    def top_stage(self) -> int:
        """The highest stage number (8 in the NZ framework)."""
        return self.stages[-1].number

    @property
    def strategy_domain_ids(self) -> tuple[str, ...]:
        """The strategy domain ids in the framework's order."""
        return tuple(domain.id for domain in self.strategy_domains)

    @property
    def knowledge_domain_ids(self) -> tuple[str, ...]:
        """The knowledge domain ids in the framework's order."""
        return tuple(domain.id for domain in self.knowledge_domains)

    @property
    def expectation_mapping_ids(self) -> tuple[str, ...]:
        """The ids of every expectation mapping this framework can compare against."""
        return tuple(mapping.id for mapping in self.expectation_mappings)

    def stage(self, number: int) -> StrategyStage:
        """The stage with this number; KeyError if the framework has no such stage."""
        if (
            isinstance(number, int)
            and not isinstance(number, bool)
            and 0 <= number < len(self.stages)
        ):
            return self.stages[number]
        raise KeyError(f"this framework has no stage {number!r} (stages are 0–{self.top_stage})")

    def strategy_domain(self, domain_id: str) -> StrategyDomain:
        """The strategy domain with this id; KeyError if unknown."""
        for domain in self.strategy_domains:
            if domain.id == domain_id:
                return domain
        raise KeyError(
            f"no strategy domain {domain_id!r}; expected one of {self.strategy_domain_ids}"
        )

    def knowledge_domain(self, domain_id: str) -> KnowledgeDomain:
        """The knowledge domain with this id; KeyError if unknown."""
        for domain in self.knowledge_domains:
            if domain.id == domain_id:
                return domain
        raise KeyError(
            f"no knowledge domain {domain_id!r}; expected one of {self.knowledge_domain_ids}"
        )

    def knowledge_items(self, domain_id: str, stage: int) -> tuple[KnowledgeItem, ...]:
        """The knowledge a child is expected to have at `stage` in one knowledge domain."""
        self.knowledge_domain(domain_id)
        self.stage(stage)
        return self.knowledge_table.get((domain_id, stage), ())

    def next_steps(self, domain_id: str, from_stage: int) -> NextSteps | None:
        """Teaching and home ideas for moving on from `from_stage`; None past the top stage."""
        self.strategy_domain(domain_id)
        self.stage(from_stage)
        return self.next_steps_table.get((domain_id, from_stage))

    def expectations(self, mapping_id: str = NZ_MAPPING) -> ExpectationMapping:
        """One expectation mapping by id; KeyError naming the ones available if unknown."""
        for mapping in self.expectation_mappings:
            if mapping.id == mapping_id:
                return mapping
        raise KeyError(
            f"no expectation mapping {mapping_id!r}; available: {self.expectation_mapping_ids}"
        )

    def qualifiers_for(self, stage: int) -> tuple[str, ...]:
        """The qualifier ids allowed with a stage, e.g. ("early", "at") for 5–8, () for 0–4."""
        return tuple(q.id for q in self.qualifiers if stage in q.stages)

    def stage_value_problem(self, value: StageValue) -> str | None:
        """Why `value` is not a stage of this framework, in plain words; None when it is fine."""
        if value.stage not in self.stage_numbers:
            return f"there is no stage {value.stage} (stages are 0–{self.top_stage})"
        if value.upper is not None:
            wanted = f"{value.stage}-{value.upper}"
            if wanted not in {c.id for c in self.combined_stages}:
                known = ", ".join(repr(c.id) for c in self.combined_stages) or "none"
                return f"{wanted!r} is not a combined stage of this framework (known: {known})"
            return None
        if value.qualifier is None or value.qualifier in self.qualifiers_for(value.stage):
            return None
        known = {q.id: q for q in self.qualifiers}
        if value.qualifier not in known:
            return f"'{value.qualifier}' is not a qualifier (use one of {', '.join(known)})"
        allowed = _stage_list(known[value.qualifier].stages)
        return f"'{value.qualifier}' cannot be used with stage {value.stage}; only with {allowed}"

    def parse_stage_value(self, text: str | int) -> StageValue | None:
        """Read a stage such as "early 5" or "2-3" and check it against this framework."""
        value = StageValue.parse(text)
        if value is not None and (problem := self.stage_value_problem(value)):
            raise ValueError(problem)
        return value


def _stage_list(stages: tuple[int, ...]) -> str:
    ordered = sorted(stages)
    if ordered == list(range(ordered[0], ordered[-1] + 1)) and len(ordered) > 2:
        return f"{ordered[0]}–{ordered[-1]}"
    return ", ".join(map(str, ordered))
