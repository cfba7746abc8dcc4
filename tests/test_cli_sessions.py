"""`sessions` and `export-session`, run as real processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import wave
from pathlib import Path

import yaml

from ikan_desktop.exchange.labels import read_audacity_labels
from ikan_desktop.store import open_store
from ikan_desktop.store import tags as tag_store
from ikan_desktop.workflows.demo_interview import demo_tags_file, seed_demo_interview
from ikan_desktop.workflows.roster import seed_demo_class


def ikan(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ikan_desktop", *args],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=60,
    )


def seeded(folder: Path) -> str:
    with open_store(folder) as store:
        seed_demo_class(store)
        session_id = seed_demo_interview(store)
    assert session_id
    return session_id


def test_sessions_json_lists_every_interview(tmp_path: Path) -> None:
    folder = tmp_path / "school"
    session_id = seeded(folder)
    listed = ikan("sessions", "--json", "--data-dir", str(folder))
    assert listed.returncode == 0, listed.stderr
    rows = {row["id"]: row for row in json.loads(listed.stdout)}
    recorded = rows[session_id]
    assert recorded["student"] == "Aroha Ngata" and recorded["form"] == "A"
    assert recorded["kind"] == "strategy" and recorded["has_audio"]
    demo = yaml.safe_load(demo_tags_file().read_text(encoding="utf-8"))
    assert not recorded["confirmed"]
    assert abs(recorded["duration_s"] - demo["duration_ms"] / 1000) <= 0.1
    assert any(row["confirmed"] and not row["has_audio"] for row in rows.values())
    one = ikan("sessions", "--json", "--student", recorded["student_id"], "--data-dir", str(folder))
    assert {row["student"] for row in json.loads(one.stdout)} == {"Aroha Ngata"}
    assert len(json.loads(one.stdout)) == 5  # three past rounds, a knowledge check, the demo


def test_export_session_writes_wav_labels_and_csv(tmp_path: Path) -> None:
    folder = tmp_path / "school"
    session_id = seeded(folder)
    done = ikan(
        "export-session", session_id, "--out", str(tmp_path / "out"), "--data-dir", str(folder)
    )
    assert done.returncode == 0, done.stderr
    (export,) = (tmp_path / "out").iterdir()
    assert str(export) in done.stdout
    with wave.open(str(next(export.glob("*.wav"))), "rb") as handle:
        frames = handle.getnframes()
    with open_store(folder) as store:
        tags = tag_store.tags_for_session(store, session_id)
        from ikan_desktop.store.sessions import get_session

        assert frames == get_session(store, session_id).audio_frames
    labels = read_audacity_labels(next(export.glob("*-labels.txt")))
    assert [round(lab.start_s * 1000) for lab in labels] == [t.t_ms for t in tags]


def test_export_session_bad_input_is_one_line_and_exit_2(tmp_path: Path) -> None:
    folder = tmp_path / "school"
    session_id = seeded(folder)
    unknown = ikan(
        "export-session", "no-such-id", "--out", str(tmp_path / "out"), "--data-dir", str(folder)
    )
    assert unknown.returncode == 2
    assert len(unknown.stderr.strip().splitlines()) == 1
    assert "no interview" in unknown.stderr and "no-such-id" in unknown.stderr
    assert not (tmp_path / "out").exists()
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    unwritable = ikan(
        "export-session", session_id, "--out", str(blocker / "x"), "--data-dir", str(folder)
    )
    assert unwritable.returncode == 2
    assert len(unwritable.stderr.strip().splitlines()) == 1
    assert "Could not write" in unwritable.stderr
