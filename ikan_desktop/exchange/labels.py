"""A session's tags as Audacity labels and as CSV, so recordings open in Audacity or ELAN.

Audacity's label format is one label per line: `start<TAB>end<TAB>text`, times in seconds on the
audio's own clock. Point labels have start == end.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from ikan_desktop.domain.tags import Tag


@dataclass(frozen=True, slots=True)
class Label:
    """One Audacity label."""

    start_s: float
    end_s: float
    text: str


def labels_for(tags: Iterable[Tag], describe: Callable[[Tag], str] | None = None) -> list[Label]:
    """Point labels for the tags that have audio, in clock order."""
    describe = describe or _default_text
    return [
        Label(tag.t_ms / 1000, tag.t_ms / 1000, describe(tag))
        for tag in sorted(tags, key=lambda t: t.t_ms)
        if tag.has_audio and not tag.deleted
    ]


def audacity_text(labels: Iterable[Label]) -> str:
    """The contents of an Audacity label file."""
    lines = [f"{lab.start_s:.6f}\t{lab.end_s:.6f}\t{_one_line(lab.text)}" for lab in labels]
    return "".join(line + "\n" for line in lines)


def read_audacity_labels(path: Path) -> list[Label]:
    """Read an Audacity label file (as exported here or saved by Audacity)."""
    found = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 3 and not line.startswith("\\"):
            found.append(Label(float(parts[0]), float(parts[1]), parts[2]))
    return found


CSV_COLUMNS = (
    "time_s",
    "clock",
    "section",
    "task",
    "kind",
    "code",
    "stage",
    "note",
    "has_audio",
    "deleted",
    "wall_time",
    "tag_id",
)


def tags_csv(tags: Iterable[Tag], clock: Callable[[int], str]) -> str:
    """Every tag (deleted ones too, marked) as CSV text with a header row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for tag in sorted(tags, key=lambda t: t.t_ms):
        writer.writerow(
            [
                f"{tag.t_ms / 1000:.3f}",
                clock(tag.t_ms),
                tag.section_id or "",
                tag.task_id or "",
                tag.kind,
                tag.code,
                "" if tag.stage is None else tag.stage,
                tag.note,
                "yes" if tag.has_audio else "no",
                "yes" if tag.deleted else "no",
                tag.wall_time,
                tag.id,
            ]
        )
    return out.getvalue()


def _default_text(tag: Tag) -> str:
    text = tag.code if tag.stage is None else f"{tag.code} (stage {tag.stage})"
    if tag.task_id:
        text = f"{tag.task_id}: {text}"
    return f"{text} — {tag.note}" if tag.note else text


def _one_line(text: str) -> str:
    return " ".join(text.split())
