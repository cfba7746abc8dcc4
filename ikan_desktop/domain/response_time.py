"""Response time as evidence: from a task's first showing to the first strategy the child
showed on it (a "just knew" after 2 s reads differently from one after 12 s)."""

from __future__ import annotations

from collections.abc import Iterable

from ikan_desktop.domain.tags import STRATEGY, Tag


def response_times(showings: Iterable[tuple[str, int]], tags: Iterable[Tag]) -> dict[str, int]:
    """Milliseconds from each task's first showing to its first live strategy tag ("just knew"
    is a strategy tag); tasks never shown, or with no strategy tagged after showing, have none.

    `showings` are (task id, t_ms on the recording's clock), in any order.
    """
    first_shown: dict[str, int] = {}
    for task_id, t_ms in showings:
        if task_id not in first_shown or t_ms < first_shown[task_id]:
            first_shown[task_id] = t_ms
    found: dict[str, int] = {}
    for tag in tags:
        if tag.deleted or tag.kind != STRATEGY or tag.task_id not in first_shown:
            continue
        gap = tag.t_ms - first_shown[tag.task_id]
        if gap >= 0 and (tag.task_id not in found or gap < found[tag.task_id]):
            found[tag.task_id] = gap
    return found


def seconds_text(ms: int) -> str:
    """ "2 s", "1.4 s", "12 s": whole seconds from 10 s, tenths below."""
    seconds = ms / 1000
    if seconds >= 10:
        return f"{round(seconds)} s"
    text = f"{seconds:.1f}".rstrip("0").rstrip(".")
    return f"{text} s"
