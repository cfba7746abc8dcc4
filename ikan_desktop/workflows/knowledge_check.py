"""The knowledge check as a state machine with no widgets: counting interview, then timed banks.

Every right/wrong mark is its own committed tag (kind "knowledge", code "right" or "wrong",
section "counting" or the bank id, task the item id) before the method returns; an undo marks the
tag deleted, never erases it; a bank's end logs the suggestion beside the teacher's choice. Kill
the process at any moment and every mark pressed is on disk, and `knowledge_results` can work the
stages out again from the database alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from ikan_desktop.domain.framework_records import Framework
from ikan_desktop.domain.script_records import KnowledgeBank, KnowledgeCheck
from ikan_desktop.domain.tags import KNOWLEDGE, Tag
from ikan_desktop.store import sessions as session_store
from ikan_desktop.store import tags as tag_store
from ikan_desktop.store.database import Store
from ikan_desktop.workflows import live_sessions
from ikan_desktop.workflows.knowledge_results import (  # noqa: F401 - part of this module's API
    COUNTING,
    RIGHT,
    WRONG,
    DomainResult,
    StartPoint,
    _latest_marks,
    bank_name,
    knowledge_results,
    suggested_start,
)

MARK_WORDS = {RIGHT: "Right", WRONG: "Wrong"}
CONTINUE, STOP = "continue", "stop"


class KnowledgeClock(Protocol):
    """What the check needs from a clock: a monotonic clock now, a recorder later."""

    @property
    def has_audio(self) -> bool: ...

    def position_ms(self) -> int: ...


class KnowledgeCheckError(Exception):
    """An action that does not fit the check's state (a teacher-readable reason)."""


@dataclass(frozen=True, slots=True)
class CheckItem:
    """The item in front of the teacher: what to say, what the child sees, the answer."""

    part: str  # COUNTING or the bank id
    item_id: str
    domain: str
    prompt: str
    card: str | None
    answer: str
    display_seconds: float | None = None  # None: the card stays until the next item

    @property
    def timed(self) -> bool:
        return self.display_seconds is not None


@dataclass(frozen=True, slots=True)
class DomainScore:
    """One knowledge domain in one bank so far: right, marked, and how many items it has."""

    domain: str
    right: int
    marked: int
    items: int
    cut_score: float

    @property
    def secure(self) -> bool:
        """The share right of the items the bank defines reaches the cut (unmarked: not right)."""
        return self.items > 0 and self.right * 1000 >= round(self.cut_score * 1000) * self.items


@dataclass(frozen=True, slots=True)
class BankEnd:
    """The end of a bank: which domains were secure, and the suggestion for the teacher."""

    bank: KnowledgeBank
    secure: tuple[str, ...]
    not_secure: tuple[str, ...]
    suggestion: str  # CONTINUE or STOP
    reason: str
    last_bank: bool


class KnowledgeCheckRun:
    """One knowledge check in progress. Create with `KnowledgeCheckRun.start(...)`."""

    def __init__(
        self,
        store: Store,
        *,
        session_id: str,
        check: KnowledgeCheck,
        clock: KnowledgeClock,
        start_bank: int = 0,
        counting: bool = True,
        display_scale: float = 1.0,
    ) -> None:
        self.store = store
        self.session_id = session_id
        self.check = check
        self.clock = clock
        self.display_scale = display_scale
        self.start_bank = start_bank
        self.in_counting = counting and bool(check.counting_items)
        self.bank_index = start_bank
        self.item_index = 0
        self.pending: BankEnd | None = None
        self.finished = False
        self.banks_done: list[str] = []
        self.held_on: str | None = None  # an unmarked item → stopped on once, with a warning
        self._undo_stack: list[tuple[str, bool, int, int]] = []  # tag id and where it was

    @classmethod
    def start(
        cls,
        store: Store,
        *,
        student_id: str,
        check: KnowledgeCheck,
        clock: KnowledgeClock,
        start_bank: str | None = None,
        counting: bool = True,
        display_scale: float = 1.0,
        assessor: str = "",
    ) -> KnowledgeCheckRun:
        """Create the session row (committed) and stand on the first item."""
        ids = [bank.id for bank in check.banks]
        if start_bank is not None and start_bank not in ids:
            raise KnowledgeCheckError(f"There is no bank {start_bank!r} in {check.title}.")
        session_id = session_store.start_session(
            store,
            student_id=student_id,
            kind="knowledge",
            script_id=check.id,
            script_version=check.version,
            form="",
            assessor=assessor,
        )
        live_sessions.joined(session_id)
        return cls(
            store,
            session_id=session_id,
            check=check,
            clock=clock,
            start_bank=ids.index(start_bank) if start_bank else 0,
            counting=counting,
            display_scale=display_scale,
        )

    # ----- where we are -----------------------------------------------------------------
    @property
    def bank(self) -> KnowledgeBank:
        return self.check.banks[self.bank_index]

    @property
    def part(self) -> str:
        """COUNTING, or the id of the bank being given."""
        return COUNTING if self.in_counting else self.bank.id

    @property
    def item(self) -> CheckItem:
        """The current item, in the same shape for both parts."""
        if self.in_counting:
            c = self.check.counting_items[self.item_index]
            return CheckItem(COUNTING, c.id, c.domain, c.prompt, c.card, c.answer)
        b = self.bank.items[self.item_index]
        seconds = self.bank.display_seconds * self.display_scale
        return CheckItem(self.bank.id, b.id, b.domain, b.say, b.card, b.answer, seconds)

    def progress_text(self) -> str:
        """ "Bank 2 of 5, item 4 of 19", or where the counting interview is up to."""
        if self.in_counting:
            count = len(self.check.counting_items)
            return f"{self.check.counting_title}, item {self.item_index + 1} of {count}"
        return (
            f"Bank {self.bank_index + 1} of {len(self.check.banks)}, "
            f"item {self.item_index + 1} of {len(self.bank.items)}"
        )

    def flash(self) -> tuple[str, float | None]:
        """The current item's card and how long to show it (None: until the next item)."""
        item = self.item
        return item.card or "", item.display_seconds

    def tags(self) -> list[Tag]:
        """This check's live (not undone) marks, oldest first, read from the database."""
        return tag_store.tags_for_session(self.store, self.session_id)

    def mark_for(self, item_id: str) -> str | None:
        """The item's current mark (RIGHT, WRONG) or None when it has none."""
        marks = [t.code for t in self.tags() if t.task_id == item_id]
        return marks[-1] if marks else None

    # ----- marks ------------------------------------------------------------------------
    def mark(self, code: str) -> Tag:
        """Mark the current item right or wrong; a second mark replaces the first."""
        if code not in MARK_WORDS:
            raise KnowledgeCheckError(f"A mark is right or wrong, not {code!r}.")
        if self.finished:
            raise KnowledgeCheckError("This knowledge check has finished.")
        if self.pending is not None:
            raise KnowledgeCheckError("The bank has ended: choose to go on or to stop first.")
        item = self.item
        for old in self.tags():
            if old.task_id == item.item_id:
                tag_store.set_deleted(self.store, old.id)
        tag = tag_store.record_tag(
            self.store,
            session_id=self.session_id,
            t_ms=self.clock.position_ms(),
            kind=KNOWLEDGE,
            code=code,
            section_id=item.part,
            task_id=item.item_id,
            has_audio=self.clock.has_audio,
        )
        self._undo_stack.append((tag.id, self.in_counting, self.bank_index, self.item_index))
        return tag

    def undo(self) -> Tag | None:
        """Take back the newest mark (kept, marked deleted) and stand on its item again."""
        if self.finished:
            return None
        while self._undo_stack:
            tag_id, counting, bank_index, item_index = self._undo_stack.pop()
            live = {t.id: t for t in self.tags()}
            if tag_id in live:
                tag_store.set_deleted(self.store, tag_id)
                self.pending = None
                self.in_counting, self.bank_index, self.item_index = (
                    counting,
                    bank_index,
                    item_index,
                )
                return live[tag_id]
        return None

    # ----- moving on --------------------------------------------------------------------
    def next_item(self) -> BankEnd | None:
        """Move on; at a bank's end, return the decision.

        An unmarked item is never left silently: the first → stays on it (`held_on` names it,
        so the screen can say so); a second → leaves it unmarked, and it counts as not right.
        """
        if self.pending is not None or self.finished:
            return self.pending
        item_id = self.item.item_id
        if self.mark_for(item_id) is None and self.held_on != item_id:
            self.held_on = item_id
            return None
        self.held_on = None
        if self.in_counting:
            if self.item_index + 1 < len(self.check.counting_items):
                self.item_index += 1
            else:
                self.skip_counting()
            return None
        if self.item_index + 1 < len(self.bank.items):
            self.item_index += 1
            return None
        self.pending = self.bank_end()
        return self.pending

    def skip_counting(self) -> None:
        """Leave the counting interview and start the first chosen bank."""
        if self.in_counting:
            self.in_counting = False
            self.bank_index, self.item_index = self.start_bank, 0

    def domain_scores(self) -> list[DomainScore]:
        """How each knowledge domain is going in the current bank, in the bank's order."""
        bank = self.bank
        marks = _latest_marks(self.tags())
        scores = []
        for domain in bank.domains:
            items = [i.id for i in bank.items if i.domain == domain]
            answered = [marks[i] for i in items if i in marks]
            right = sum(1 for code in answered if code == RIGHT)
            scores.append(DomainScore(domain, right, len(answered), len(items), bank.cut_score))
        return scores

    def bank_end(self) -> BankEnd:
        """How the current bank went, and whether to go on (most domains secure) or stop."""
        bank = self.bank
        scores = self.domain_scores()
        secure = [s.domain for s in scores if s.secure]
        not_secure = [s.domain for s in scores if not s.secure]
        last = self.bank_index + 1 >= len(self.check.banks)
        short = bank_name(bank)
        if last:
            suggestion, reason = STOP, f"{short} is the last bank."
        elif len(not_secure) * 2 > len(bank.domains):
            suggestion = STOP
            reason = (
                f"Most knowledge domains were not secure in {short} "
                f"({len(secure)} of {len(bank.domains)} secure), so the next bank is likely "
                "too hard. You can still go on."
            )
        else:
            suggestion = CONTINUE
            reason = (
                f"{len(secure)} of {len(bank.domains)} knowledge domains were secure in "
                f"{short}: go on to the next bank."
            )
        return BankEnd(bank, tuple(secure), tuple(not_secure), suggestion, reason, last)

    def decide(self, choice: str | None = None) -> None:
        """Accept the suggestion (no choice) or override it; both are logged."""
        if self.pending is None:
            raise KnowledgeCheckError("There is no bank decision to make now.")
        end = self.pending
        choice = choice or end.suggestion
        if choice not in (CONTINUE, STOP):
            raise KnowledgeCheckError(f"Choose to continue or to stop, not {choice!r}.")
        go_on = choice == CONTINUE and not end.last_bank
        following = self.check.banks[self.bank_index + 1].id if go_on else None
        tag_store.record_decision(
            self.store,
            session_id=self.session_id,
            section_id=end.bank.id,
            suggested=end.suggestion,
            chosen=choice,
            target_section_id=following,
            t_ms=self.clock.position_ms(),
        )
        self.pending = None
        self.banks_done.append(end.bank.id)
        if go_on:
            self.bank_index, self.item_index = self.bank_index + 1, 0
        else:
            self.finish()

    def finish(self) -> None:
        """Close the check; the session row says 'finished' with its end time."""
        if not self.finished:
            self.finished = True
            self.pending = None
            session_store.finish_session(self.store, self.session_id)
            live_sessions.left(self.session_id)

    def results(self, framework: Framework | None = None) -> list[DomainResult]:
        """The suggested knowledge stage per knowledge domain, from the marks in the database."""
        return knowledge_results(self.store, self.session_id, self.check, framework)
