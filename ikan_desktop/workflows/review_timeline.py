"""What the review screen draws under the waveform: tags as marks, tasks and sections as spans.

The live interview does not log when the teacher moved between tasks, so a task's span runs from
its first tag to just before the first tag of the task that follows it in time (the last task
runs to its last tag plus a little). Sections are the union of their tasks' spans. Everything is
on the recording's clock, in milliseconds, so the view and the database always agree.
"""

from __future__ import annotations

from dataclasses import dataclass

from ikan_desktop.domain.script_records import InterviewScript
from ikan_desktop.domain.strategy_codes import StrategyCodes
from ikan_desktop.domain.tags import STRATEGY, Tag

TASK, SECTION = "task", "section"
TAIL_MS = 3000  # how far the last task's span reaches past its last tag


@dataclass(frozen=True, slots=True)
class LaneTag:
    """One tag as a mark on the lane: where, what it says in a few letters, its domain's colour."""

    id: str
    t_ms: int
    label: str  # short: the code's key hint or a few letters ("CO", "✓", "?")
    title: str  # the whole description, for tooltips and lists
    kind: str
    domain: str | None  # strategy domain of the tag's task; None for tags outside any task
    stage: int | None
    deleted: bool
    has_audio: bool


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the recording that belongs to one task or one section."""

    kind: str  # TASK or SECTION
    id: str
    label: str
    start_ms: int
    end_ms: int
    domain: str | None = None


@dataclass(frozen=True, slots=True)
class Timeline:
    """Everything drawn on the time axis of one interview."""

    duration_ms: int
    tags: tuple[LaneTag, ...]
    spans: tuple[Span, ...]

    def spans_of(self, kind: str) -> tuple[Span, ...]:
        return tuple(span for span in self.spans if span.kind == kind)

    def task_at(self, t_ms: int) -> str | None:
        """The task whose span holds `t_ms` (the one before it when between spans), or None."""
        before = [s for s in self.spans_of(TASK) if s.start_ms <= t_ms]
        inside = [s for s in before if t_ms < s.end_ms]
        chosen = inside or before
        return max(chosen, key=lambda s: s.start_ms).id if chosen else None


_RESPONSE_LABELS = {"correct": "✓", "incorrect": "✗", "asked_how": "?", "flag": "⚑", "note": "✎"}


def short_label(tag: Tag, codes: StrategyCodes) -> str:
    """A few letters for a mark: the strategy code's key hint, or a sign for the other kinds."""
    if tag.code in codes:
        return codes.get(tag.code).key_hint
    return _RESPONSE_LABELS.get(tag.code) or _RESPONSE_LABELS.get(tag.kind) or tag.code[:3]


def build_timeline(
    tags: tuple[Tag, ...] | list[Tag],
    *,
    script: InterviewScript | None,
    codes: StrategyCodes,
    duration_ms: int,
    describe: object = None,
) -> Timeline:
    """Marks for every tag (deleted ones included, flagged) and spans for tasks and sections."""
    describe_fn = describe if callable(describe) else (lambda tag: tag.code)
    ordered = sorted(tags, key=lambda t: (t.t_ms, t.id))
    domains = {task.id: task.domain for task in script.tasks} if script else {}
    marks = tuple(
        LaneTag(
            id=tag.id,
            t_ms=tag.t_ms,
            label=short_label(tag, codes),
            title=str(describe_fn(tag)),
            kind=tag.kind,
            domain=domains.get(tag.task_id or ""),
            stage=tag.stage if tag.kind == STRATEGY else None,
            deleted=tag.deleted,
            has_audio=tag.has_audio,
        )
        for tag in ordered
    )
    live = [tag for tag in ordered if not tag.deleted and tag.task_id]
    titles = {task.id: task.short_title for task in script.tasks} if script else {}
    spans = _task_spans(live, domains, duration_ms, titles)
    longest = max([duration_ms, *(t.t_ms for t in ordered)], default=duration_ms)
    return Timeline(duration_ms=longest, tags=marks, spans=spans + _section_spans(spans, script))


def _task_spans(
    live: list[Tag], domains: dict[str, str], duration_ms: int, titles: dict[str, str]
) -> tuple[Span, ...]:
    firsts: dict[str, int] = {}
    lasts: dict[str, int] = {}
    for tag in live:
        firsts.setdefault(tag.task_id or "", tag.t_ms)
        lasts[tag.task_id or ""] = tag.t_ms
    order = sorted(firsts, key=lambda task_id: (firsts[task_id], lasts[task_id], task_id))
    spans = []
    for index, task_id in enumerate(order):
        start = firsts[task_id]
        if index + 1 < len(order):
            end = firsts[order[index + 1]]
        else:
            end = lasts[task_id] + TAIL_MS
            end = min(end, duration_ms) if duration_ms > lasts[task_id] else end
        # Two tasks first tagged at the same moment (after a drag, say) leave the first an empty
        # span rather than one that overlaps the next.
        label = titles.get(task_id, task_id)
        spans.append(Span(TASK, task_id, label, start, max(end, start), domains.get(task_id)))
    return tuple(spans)


def _section_spans(
    task_spans: tuple[Span, ...], script: InterviewScript | None
) -> tuple[Span, ...]:
    if script is None:
        return ()
    grouped: dict[str, list[Span]] = {}
    for span in task_spans:
        section = script.section_of(span.id)
        if section is not None:
            grouped.setdefault(section.id, []).append(span)
    result = []
    for section_id, spans in grouped.items():
        section = script.section(section_id)
        result.append(
            Span(
                SECTION,
                section_id,
                section.title,
                min(s.start_ms for s in spans),
                max(s.end_ms for s in spans),
            )
        )
    return tuple(sorted(result, key=lambda s: s.start_ms))
