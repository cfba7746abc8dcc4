"""Tags: what the teacher observed, stamped on the recording's own clock."""

from __future__ import annotations

from dataclasses import dataclass

# What a tag records. A strategy code maps to a stage; the others are notes on the interview.
STRATEGY = "strategy"
RESPONSE = "response"  # correct / incorrect / asked how
FLAG = "flag"  # "look at this moment again"
NOTE = "note"  # a typed quick note
KNOWLEDGE = "knowledge"  # a right/wrong mark on a knowledge item
KINDS = (STRATEGY, RESPONSE, FLAG, NOTE, KNOWLEDGE)


@dataclass(frozen=True, slots=True)
class Tag:
    """One observation. `t_ms` is on the audio clock; `has_audio` is False without a recording."""

    id: str
    session_id: str
    t_ms: int
    wall_time: str
    section_id: str | None
    task_id: str | None
    kind: str
    code: str
    stage: int | None = None
    note: str = ""
    has_audio: bool = True
    deleted: bool = False

    @property
    def seconds(self) -> float:
        return self.t_ms / 1000


def clock_text(t_ms: int) -> str:
    """'4:07' or '1:02:33' for a time on the audio clock."""
    seconds = max(t_ms, 0) // 1000
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
