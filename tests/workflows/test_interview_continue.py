"""An interrupted interview carries on where it stopped, as one interview; an empty one goes."""

from __future__ import annotations

import wave
from pathlib import Path

import pytest
from interview_helpers import start_interview

from ikan_desktop.audio.wavfile import WavWriter
from ikan_desktop.store import sessions as session_store
from ikan_desktop.store import tags as tag_store
from ikan_desktop.workflows import live_sessions
from ikan_desktop.workflows.clock import MonotonicClock
from ikan_desktop.workflows.interview_continue import (
    continue_interview,
    continue_point,
    discard_empty_interview,
)
from ikan_desktop.workflows.interview_plan import plan_sections
from ikan_desktop.workflows.recovery import recover_interrupted


def crash(session_id: str) -> None:
    """What a kill leaves behind: the interview is no longer run by anyone."""
    live_sessions.left(session_id)


def test_continuing_stands_on_the_task_where_it_stopped_with_every_tag_kept(
    data_dir: Path,
) -> None:
    store, interview, rules = start_interview(data_dir, start="counting-all-or-on")
    interview.tag_key(interview.task.choices[0].key)
    interview.next_task()
    interview.tag_key(interview.task.choices[1].key)
    where = (interview.section.id, interview.task.id)
    before = [t.id for t in interview.tags()]
    crash(interview.session_id)
    recover_interrupted(store)
    assert session_store.get_session(store, interview.session_id).state == "interrupted"

    point = continue_point(store, interview.session_id)
    clock = MonotonicClock(start_ms=max(point.audio_ms, point.last_ms))
    carried = continue_interview(
        store,
        point,
        sections=plan_sections(rules.script, rules.codes),
        clock=clock,
        decide_section=rules.decide_section,
    )
    assert carried.session_id == interview.session_id
    assert (carried.section.id, carried.task.id) == where
    assert session_store.get_session(store, interview.session_id).state == "recording"
    later = carried.tag_key(carried.task.choices[0].key)
    assert later is not None and later.t_ms >= max(t.t_ms for t in interview.tags()[:2])
    assert [t.id for t in carried.tags()] == [*before, later.id]
    events = session_store.audio_events(store, interview.session_id)
    assert [e.kind for e in events] == ["resumed"]
    carried.finish()
    assert session_store.get_session(store, interview.session_id).state == "finished"
    store.close()


def test_a_continued_recording_is_appended_to_the_same_file(data_dir: Path) -> None:
    path = data_dir / "audio" / "x.wav"
    path.parent.mkdir(parents=True)
    first = WavWriter(path, 16000)
    first.write(b"\x01\x00" * 16000)
    first._file.close()  # killed: the header still says nothing was written
    second = WavWriter(path, 16000, append=True)
    assert second.frames_written == 16000
    second.write(b"\x02\x00" * 8000)
    second.close()
    with wave.open(str(path)) as w:
        assert w.getnframes() == 24000
        frames = w.readframes(24000)
    assert frames[:2] == b"\x01\x00" and frames[-2:] == b"\x02\x00"


def test_an_empty_interrupted_interview_can_be_discarded_and_a_real_one_cannot(
    data_dir: Path,
) -> None:
    store, interview, _ = start_interview(data_dir)
    path = session_store.audio_file_for(store, interview.session_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    session_store.set_audio(store, interview.session_id, audio_path=path, rate=16000)
    WavWriter(path, 16000).close()
    crash(interview.session_id)
    report = recover_interrupted(store)
    assert report.interviews[0].is_empty
    assert discard_empty_interview(store, interview.session_id)
    assert not path.exists()
    assert session_store.sessions_in_state(store, session_store.STATES) == []

    _, kept, _ = start_interview(data_dir / "other")
    kept.tag_key(kept.task.choices[0].key)
    crash(kept.session_id)
    recover_interrupted(kept.store)
    assert not recover_interrupted(kept.store).has_news
    assert not discard_empty_interview(kept.store, kept.session_id)
    assert len(tag_store.tags_for_session(kept.store, kept.session_id)) == 1
    store.close()
    kept.store.close()


class AheadClock:
    """A recording clock whose last reading ran ahead of the audio the file received."""

    has_audio = True

    def __init__(self) -> None:
        self.position, self.written = 1040, 1000

    def position_ms(self) -> int:
        return self.position

    def written_ms(self) -> int:
        return self.written

    def pause(self) -> None:
        self.position = self.written

    def resume(self) -> None:
        pass


def test_a_pause_brings_a_tag_stamped_ahead_of_the_audio_back_to_its_end(data_dir: Path) -> None:
    store, interview, _ = start_interview(data_dir, clock=AheadClock())
    tag = interview.tag_key(interview.task.choices[0].key)
    assert tag is not None and tag.t_ms == 1040
    interview.pause()
    assert [t.t_ms for t in interview.tags()] == [1000]
    crash(interview.session_id)
    store.close()


def test_two_keys_in_the_same_millisecond_continue_from_the_later_one(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ikan_desktop.store import tags as tags_module

    # A fast pair of keys: the same moment on the recording's clock and on the wall clock.
    monkeypatch.setattr(tags_module, "now_iso", lambda: "2026-12-07T09:00:00.000+00:00")
    still = MonotonicClock(now=lambda: 100.0)
    store, interview, _rules = start_interview(data_dir, clock=still, start="counting-all-or-on")
    interview.tag_key(interview.task.choices[0].key)
    interview.next_task()
    interview.tag_key(interview.task.choices[1].key)
    where = interview.task.id
    crash(interview.session_id)
    recover_interrupted(store)
    assert continue_point(store, interview.session_id).task_id == where
    store.close()
