"""Audacity labels and the tags CSV, read back as another program would read them."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ikan_desktop.domain.tags import Tag, clock_text
from ikan_desktop.exchange.labels import audacity_text, labels_for, read_audacity_labels, tags_csv


def tag(t_ms: int, code: str, **extra: object) -> Tag:
    fields = {"id": f"id{t_ms}", "session_id": "s", "wall_time": "w", "section_id": "s1"}
    return Tag(t_ms=t_ms, code=code, kind="strategy", task_id="t1", **fields | extra)  # type: ignore[arg-type]


def test_labels_round_trip_on_the_audio_clock(tmp_path: Path) -> None:
    tags = [
        tag(61234, "counts_on_back", stage=4),
        tag(1500, "just_knew", note="said\tit fast\nthen paused"),
        tag(9000, "flag", deleted=True),
        tag(12000, "note", has_audio=False),
    ]
    path = tmp_path / "labels.txt"
    path.write_text(audacity_text(labels_for(tags)), encoding="utf-8")
    back = read_audacity_labels(path)
    assert [round(lab.start_s * 1000) for lab in back] == [1500, 61234]
    assert all(lab.start_s == lab.end_s for lab in back)
    assert back[1].text == "t1: counts_on_back (stage 4)"
    assert back[0].text == "t1: just_knew — said it fast then paused"
    assert path.read_text().count("\n") == 2


def test_tags_csv_keeps_deleted_tags_marked() -> None:
    text = tags_csv([tag(2500, "make_ten", stage=5), tag(500, "flag", deleted=True)], clock_text)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["code"] for r in rows] == ["flag", "make_ten"]
    assert rows[0]["deleted"] == "yes" and rows[1]["deleted"] == "no"
    assert rows[1]["time_s"] == "2.500" and rows[1]["stage"] == "5"
    assert clock_text(3_723_000) == "1:02:03" and clock_text(65_000) == "1:05"
