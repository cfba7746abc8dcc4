"""Start-up recovery of interviews a crash cut short: audio repaired, tags kept, teacher told."""

from __future__ import annotations

import struct
import time
import wave
from pathlib import Path

from ikan_desktop.audio.wavfile import WavWriter, file_sha256
from ikan_desktop.domain.students import StudentDetails
from ikan_desktop.store import Store, open_store
from ikan_desktop.store import sessions as session_store
from ikan_desktop.store import students as student_store
from ikan_desktop.store import tags as tag_store
from ikan_desktop.workflows.recovery import recover_interrupted


def later() -> float:
    """ "Now" for recovery, a minute ahead: every file written in the test looks settled."""
    return time.time() + 60


RATE = 16000


def interview(store: Store, name: str, preferred: str = "") -> str:
    student = student_store.add_student(store, StudentDetails(name=name, preferred_name=preferred))
    return session_store.start_session(
        store,
        student_id=student.id,
        kind="strategy",
        script_id="strategy-form-a",
        script_version="1",
        form="A",
    )


def crashed_recording(store: Store, session_id: str, seconds: float) -> Path:
    """What a killed recorder leaves: audio on disk, a stale header, half a frame at the end."""
    path = session_store.audio_file_for(store, session_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    session_store.set_audio(store, session_id, audio_path=path, rate=RATE)
    frames = int(seconds * RATE)
    writer = WavWriter(path, RATE)
    writer.write(bytes((i * 37) % 256 for i in range(frames * 2)))
    writer.close()
    data = bytearray(path.read_bytes())
    data[4:8] = struct.pack("<I", 36 + 3200)  # the header last said 0.1 s
    data[40:44] = struct.pack("<I", 3200)
    path.write_bytes(bytes(data) + b"\x07")
    return path


def test_an_interrupted_recording_is_repaired_and_its_tags_kept(data_dir: Path) -> None:
    store = open_store(data_dir)
    session_id = interview(store, "Aroha Ngata")
    wav = crashed_recording(store, session_id, seconds=252.5)
    for t_ms in range(1000, 24000, 1000):
        tag_store.record_tag(store, session_id=session_id, t_ms=t_ms, kind="strategy", code="c")
    undone = tag_store.record_tag(store, session_id=session_id, t_ms=24500, kind="flag", code="f")
    tag_store.set_deleted(store, undone.id)
    tags_before = tag_store.tags_for_session(store, session_id, include_deleted=True)
    store.close()

    store = open_store(data_dir)  # the next start of the app
    report = recover_interrupted(store, now=later())

    with wave.open(str(wav)) as w:
        assert (w.getframerate(), w.getnframes()) == (RATE, int(252.5 * RATE))
    row = session_store.get_session(store, session_id)
    assert row.state == "interrupted"
    assert (row.audio_frames, row.audio_sha256) == (int(252.5 * RATE), file_sha256(wav))
    assert row.ended_at == max(t.wall_time for t in tags_before)
    assert tag_store.tags_for_session(store, session_id, include_deleted=True) == tags_before
    assert [e.kind for e in session_store.audio_events(store, session_id)] == ["audio_ended"]

    assert report.has_news
    assert report.title == "An interview was interrupted"
    assert report.message == (
        "The last interview with Aroha was interrupted before it was finished. Its recording "
        "(4 min 12 s) and all 23 observations were saved. You can review it from Aroha’s sessions."
    )
    assert not recover_interrupted(store, now=later()).has_news  # done once, stays done
    store.close()


def test_several_interruptions_are_one_calm_paragraph(data_dir: Path) -> None:
    store = open_store(data_dir)
    recorded = interview(store, "Mere Kahu")
    crashed_recording(store, recorded, seconds=61)
    tag_store.record_tag(store, session_id=recorded, t_ms=500, kind="strategy", code="c")
    no_consent = interview(store, "Benjamin Tane", preferred="Ben")
    tag_store.record_tag(store, session_id=no_consent, t_ms=700, kind="strategy", code="c")
    session_store.set_state(store, no_consent, "paused")
    lost = interview(store, "Hūhana Kereama")
    session_store.set_audio(store, lost, audio_path="audio/gone.wav", rate=RATE)

    report = recover_interrupted(store, now=later())

    assert {session_store.get_session(store, s).state for s in (recorded, no_consent, lost)} == {
        "interrupted"
    }
    assert [(i.student_name, i.audio) for i in report.interviews] == [
        ("Mere", "saved"),
        ("Ben", "no audio"),
        ("Hūhana", "missing"),
    ]
    assert report.title == "Some interviews were interrupted"
    assert report.message == (
        "3 interviews were interrupted before they were finished: Mere, Ben and Hūhana. "
        "All 2 observations and 1 min 1 s of recording were saved. The recording of Hūhana’s "
        "interview could not be found. You can review each one from the student’s sessions."
    )
    store.close()


def test_a_single_interview_without_audio_says_so(data_dir: Path) -> None:
    store = open_store(data_dir)
    session_id = interview(store, "Pita Rewi")
    tag_store.record_tag(store, session_id=session_id, t_ms=100, kind="strategy", code="c")
    report = recover_interrupted(store, now=later())
    assert report.message == (
        "The last interview with Pita was interrupted before it was finished. It was not being "
        "recorded. Its one observation was saved. You can review it from Pita’s sessions."
    )
    store.close()


def test_a_recording_still_being_written_is_left_alone(data_dir: Path) -> None:
    """Another window of the app may be recording into the same folder right now."""
    store = open_store(data_dir)
    session_id = interview(store, "Aroha Ngata")
    wav = crashed_recording(store, session_id, seconds=2)
    before = wav.read_bytes()
    report = recover_interrupted(store, now=time.time())
    assert not report.has_news
    assert session_store.get_session(store, session_id).state == "recording"
    assert wav.read_bytes() == before
    store.close()


def test_a_finished_interview_whose_audio_was_never_sealed_gets_its_length(
    data_dir: Path,
) -> None:
    store = open_store(data_dir)
    session_id = interview(store, "Aroha Ngata")
    wav = crashed_recording(store, session_id, seconds=3)
    session_store.set_state(store, session_id, "finished", ended=True)
    report = recover_interrupted(store, now=later())
    assert not report.has_news
    assert report.sealed == (session_id,)
    row = session_store.get_session(store, session_id)
    assert (row.state, row.audio_frames, row.audio_sha256) == (
        "finished",
        3 * RATE,
        file_sha256(wav),
    )
    store.close()


def test_the_teacher_sees_one_calm_message_and_nothing_when_all_was_well(
    data_dir: Path, qtbot
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from ikan_desktop.ui.recovery_message import recovery_message_box

    store = open_store(data_dir)
    session_id = interview(store, "Aroha Ngata")
    crashed_recording(store, session_id, seconds=5)
    report = recover_interrupted(store, now=later())
    box = recovery_message_box(None, report)
    assert box is not None
    qtbot.addWidget(box)
    assert box.icon() == QMessageBox.Icon.Information
    assert "An interview was interrupted" in box.text()
    assert box.informativeText() == report.message
    assert "Aroha" in box.informativeText()
    assert not any(word in box.informativeText() for word in ("Traceback", "WAV", "header"))
    assert recovery_message_box(None, recover_interrupted(store, now=later())) is None
    store.close()


def test_the_files_own_rate_wins_when_the_microphone_delivered_another(data_dir: Path) -> None:
    store = open_store(data_dir)
    session_id = interview(store, "Mere Kahu")
    path = session_store.audio_file_for(store, session_id)
    path.parent.mkdir(parents=True)
    session_store.set_audio(store, session_id, audio_path=path, rate=RATE)  # what was asked for
    writer = WavWriter(path, 48000)  # what the microphone gave
    writer.write(bytes(2 * 48000 * 10))
    writer.close()
    report = recover_interrupted(store, now=later())
    row = session_store.get_session(store, session_id)
    assert (row.audio_rate, row.audio_frames, row.audio_ms) == (48000, 480000, 10_000)
    assert report.interviews[0].audio_ms == 10_000
    store.close()
