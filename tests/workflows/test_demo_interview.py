"""The recorded demo interview: seeded once, small, and its tags sit inside its audio."""

from __future__ import annotations

import hashlib
import wave
from pathlib import Path

import yaml

from ikan_desktop.store import open_store
from ikan_desktop.store import sessions as session_store
from ikan_desktop.store import tags as tag_store
from ikan_desktop.workflows.demo_interview import demo_tags_file, demo_wav, seed_demo_interview
from ikan_desktop.workflows.review import load_review
from ikan_desktop.workflows.roster import seed_demo_class


def test_the_shipped_recording_is_small_and_its_tags_fall_within_it() -> None:
    assert demo_wav().stat().st_size <= 2 * 1024 * 1024
    with wave.open(str(demo_wav()), "rb") as handle:
        shape = (handle.getframerate(), handle.getnchannels(), handle.getsampwidth())
        duration_ms = handle.getnframes() * 1000 // handle.getframerate()
    assert shape == (16000, 1, 2)
    assert 45_000 < duration_ms <= 66_000
    plan = yaml.safe_load(demo_tags_file().read_text(encoding="utf-8"))
    times = [tag["t_ms"] for tag in plan["tags"]]
    assert times == sorted(times) and times[0] > 0 and times[-1] < duration_ms
    assert sum(tag["kind"] == "strategy" for tag in plan["tags"]) >= 4


def test_seeding_adds_one_recorded_interview_once(data_dir: Path) -> None:
    with open_store(data_dir) as store:
        seed_demo_class(store)
        session_id = seed_demo_interview(store)
        assert session_id is not None
        assert seed_demo_interview(store) == session_id
        session = session_store.get_session(store, session_id)
        student_sessions = session_store.sessions_for_student(store, session.student_id)
        assert sum(s.audio_path is not None for s in student_sessions) == 1
        assert session.state == "finished" and session.form == "A"
        audio = session_store.audio_path_of(store, session)
        assert audio is not None and audio.is_relative_to(store.audio_dir)
        assert hashlib.sha256(audio.read_bytes()).hexdigest() == session.audio_sha256
        with wave.open(str(audio), "rb") as handle:
            assert handle.getnframes() == session.audio_frames
        tags = tag_store.tags_for_session(store, session_id)
        assert tags and all(0 <= t.t_ms <= session.audio_ms for t in tags)
        review = load_review(store, session_id)
        assert review.audio_path == audio
        assert review.suggestion_for("additive").stage == 4
        assert not review.confirmed  # left for the teacher to confirm
        assert [d.section_id for d in review.decisions] == [
            "counting-all-or-on",
            "early-part-whole",
        ]


def test_without_the_demo_class_nothing_is_seeded(data_dir: Path) -> None:
    with open_store(data_dir) as store:
        assert seed_demo_interview(store) is None
        assert not store.audio_dir.exists() or not any(store.audio_dir.rglob("*.wav"))
