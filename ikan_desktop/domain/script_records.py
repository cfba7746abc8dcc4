"""Interview scripts as read-only records: strategy forms and knowledge checks.

`load_script` and `load_knowledge_check` (in `scripts.py`) build these from YAML files. Import
them from `ikan_desktop.domain.scripts`; this module exists only to keep each file small.
"""

from __future__ import annotations

from dataclasses import dataclass

CONTINUE, STOP, GO_BACK = "continue", "stop", "go_back"
STRATEGY_KIND, KNOWLEDGE_KIND, CODES_KIND = "strategy", "knowledge", "strategy_codes"


@dataclass(frozen=True, slots=True)
class ScoringGuide:
    """Strategy code → the stage it shows on one task (None: shows no stage), in key order."""

    entries: tuple[tuple[str, int | None], ...]

    @property
    def codes(self) -> tuple[str, ...]:
        """The codes this task can show, in the order the keys are offered."""
        return tuple(code for code, _ in self.entries)

    def __contains__(self, code: object) -> bool:
        return any(entry_code == code for entry_code, _ in self.entries)

    def stage_for(self, code: str) -> int | None:
        """The stage this code shows on the task; None for a no-stage or unlisted code."""
        return next((stage for entry_code, stage in self.entries if entry_code == code), None)

    @property
    def highest_stage(self) -> int | None:
        """The highest stage any code in the guide can show."""
        stages = [stage for _, stage in self.entries if stage is not None]
        return max(stages) if stages else None


@dataclass(frozen=True, slots=True)
class JustKnew:
    """The path after an instant answer: ask the probe; the stage counts only if confirmed.

    On a basic-fact task (`basic_fact`) instant recall is itself the evidence the stage expects,
    so "just knew" shows `stage` without a confirming explanation.
    """

    stage: int
    confirmed_by: tuple[str, ...]
    probe: str
    then: str
    basic_fact: bool = False


@dataclass(frozen=True, slots=True)
class Task:
    """One task: what to read, what the child sees, what to watch for and how to score it."""

    id: str
    domain: str
    prompt: str
    card: str | None
    materials: tuple[str, ...]
    probes: tuple[str, ...]
    answer: str
    scoring: ScoringGuide
    just_knew: JustKnew
    after_counting: str

    @property
    def short_title(self) -> str:
        """The task in a teacher's words for lists and summaries: its card, or its prompt's start.

        Ids such as "a3-add-1" are for files and exports; a teacher recognises "5 and 3".
        """
        if self.card:
            return " ".join(self.card.split())
        words = self.prompt.split()
        return " ".join(words[:6]) + ("…" if len(words) > 6 else "")


@dataclass(frozen=True, slots=True)
class Condition:
    """Holds when at least (or at most) a number of the section's tasks reach `stage`."""

    stage: int
    min_tasks: int | None = None
    max_tasks: int | None = None

    def holds(self, tasks_at_or_above: int) -> bool:
        """Whether this many tasks at or above the stage meet the condition."""
        if self.min_tasks is not None:
            return tasks_at_or_above >= self.min_tasks
        return self.max_tasks is not None and tasks_at_or_above <= self.max_tasks

    def describe(self) -> str:
        """The condition in plain words, e.g. "at least 2 tasks at stage 5 or above"."""
        if self.min_tasks is not None:
            return f"at least {_tasks(self.min_tasks)} at stage {self.stage} or above"
        if self.max_tasks == 0:
            return f"no task at stage {self.stage} or above"
        return f"at most {_tasks(self.max_tasks or 0)} at stage {self.stage} or above"


@dataclass(frozen=True, slots=True)
class SectionDecision:
    """A section's decision rule: continue when …, go back when …, otherwise stop/continue."""

    otherwise: str
    continue_when: Condition | None = None
    go_back_when: Condition | None = None
    go_back_to: str | None = None

    def describe(self) -> str:
        """The whole rule in one or two plain sentences."""
        parts = []
        if self.continue_when:
            parts.append(f"Continue with {self.continue_when.describe()}.")
        if self.go_back_when and self.go_back_to:
            parts.append(f"Go back to '{self.go_back_to}' with {self.go_back_when.describe()}.")
        parts.append("Otherwise stop." if self.otherwise == STOP else "Otherwise continue.")
        return " ".join(parts)


@dataclass(frozen=True, slots=True)
class Section:
    """A stage band of tasks that ends in a decision."""

    id: str
    title: str
    from_stage: int
    to_stage: int
    tasks: tuple[Task, ...]
    decision: SectionDecision
    guidance: str = ""

    @property
    def band(self) -> str:
        """The target band as a teacher writes it: "4–5", or "1" for a one-stage section."""
        if self.from_stage == self.to_stage:
            return str(self.from_stage)
        return f"{self.from_stage}–{self.to_stage}"

    @property
    def domains(self) -> tuple[str, ...]:
        """The strategy domains this section's tasks cover, in order of first appearance."""
        return tuple(dict.fromkeys(task.domain for task in self.tasks))

    def tasks_in(self, domain: str) -> tuple[Task, ...]:
        """This section's tasks for one domain, in order."""
        return tuple(task for task in self.tasks if task.domain == domain)


@dataclass(frozen=True, slots=True)
class InterviewScript:
    """One form of a strategy interview: sections from the lowest band to the highest."""

    id: str
    series: str
    form: str
    version: str
    title: str
    sections: tuple[Section, ...]
    description: str = ""
    framework: str = ""
    materials: tuple[str, ...] = ()
    file: str = ""

    @property
    def tasks(self) -> tuple[Task, ...]:
        """Every task of every section, in order."""
        return tuple(task for section in self.sections for task in section.tasks)

    @property
    def domains(self) -> tuple[str, ...]:
        """The strategy domains the form covers, in order of first appearance."""
        return tuple(dict.fromkeys(task.domain for task in self.tasks))

    def section(self, section_id: str) -> Section:
        """The section with this id; KeyError naming the section ids otherwise."""
        for section in self.sections:
            if section.id == section_id:
                return section
        known = ", ".join(s.id for s in self.sections)
        raise KeyError(f"no section {section_id!r} in {self.id}; expected one of {known}")

    def next_section(self, section_id: str) -> Section | None:
        """The section after this one, or None after the last."""
        ids = [s.id for s in self.sections]
        index = ids.index(self.section(section_id).id)
        return self.sections[index + 1] if index + 1 < len(self.sections) else None

    def task(self, task_id: str) -> Task | None:
        """The task with this id, or None."""
        return next((task for task in self.tasks if task.id == task_id), None)

    def task_title(self, task_id: str) -> str:
        """The task's short title, or its id when the script does not have it."""
        task = self.task(task_id)
        return task.short_title if task is not None else task_id

    def section_of(self, task_id: str) -> Section | None:
        """The section holding a task, or None."""
        return next((s for s in self.sections if any(t.id == task_id for t in s.tasks)), None)


@dataclass(frozen=True, slots=True)
class CountingItem:
    """A spoken counting-interview item (sequence, numeral, before/after) for one stage."""

    id: str
    domain: str
    stage: int
    prompt: str
    card: str | None
    answer: str


@dataclass(frozen=True, slots=True)
class BankItem:
    """One quick-recall item, flashed on the card view for the bank's display time."""

    id: str
    domain: str
    card: str
    answer: str
    say: str = ""


@dataclass(frozen=True, slots=True)
class KnowledgeBank:
    """A timed bank tied to one stage transition (AC→EA targets 5 … AP+ targets 8, beyond)."""

    id: str
    label: str
    target_stage: int
    display_seconds: float
    cut_score: float
    items: tuple[BankItem, ...]
    beyond_top: bool = False
    guidance: str = ""

    @property
    def domains(self) -> tuple[str, ...]:
        """The knowledge domains the bank's items cover, in order of first appearance."""
        return tuple(dict.fromkeys(item.domain for item in self.items))


@dataclass(frozen=True, slots=True)
class KnowledgeCheck:
    """A knowledge check: the counting interview and the timed banks."""

    id: str
    version: str
    title: str
    counting_title: str
    counting_items: tuple[CountingItem, ...]
    banks: tuple[KnowledgeBank, ...]
    counting_guidance: str = ""
    description: str = ""
    framework: str = ""
    file: str = ""

    def bank(self, bank_id: str) -> KnowledgeBank:
        """The bank with this id; KeyError naming the bank ids otherwise."""
        for bank in self.banks:
            if bank.id == bank_id:
                return bank
        known = ", ".join(b.id for b in self.banks)
        raise KeyError(f"no bank {bank_id!r} in {self.id}; expected one of {known}")

    @property
    def domains(self) -> tuple[str, ...]:
        """Every knowledge domain the check covers (counting interview and banks)."""
        domains = [i.domain for i in self.counting_items]
        domains += [i.domain for bank in self.banks for i in bank.items]
        return tuple(dict.fromkeys(domains))


def _tasks(count: int) -> str:
    return f"{count} task" if count == 1 else f"{count} tasks"
