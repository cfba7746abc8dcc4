"""Start-up recovery of interviews a crash cut short: audio repaired, tags kept, teacher told."""

from __future__ import annotations

import contextlib
import struct
import subprocess
import sys
import wave
from collections.abc import Iterator
from pathlib import Path

from ikan_desktop.audio.wavfile import WavWriter, file_sha256
from ikan_desktop.domain.students import StudentDetails
from ikan_desktop.store import Store, open_store
from ikan_desktop.store import sessions as session_store
from ikan_desktop.store import students as student_store
from ikan_desktop.store import tags as tag_store
from ikan_desktop.workflows.recovery import recover_interrupted

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
    report = recover_interrupted(store)

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
    assert not recover_interrupted(store).has_news  # done once, stays done
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

    report = recover_interrupted(store)

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
    report = recover_interrupted(store)
    assert report.message == (
        "The last interview with Pita was interrupted before it was finished. It was not being "
        "recorded. Its one observation was saved. You can review it from Pita’s sessions."
    )
    store.close()


def test_an_interview_another_running_copy_holds_is_left_alone(data_dir: Path) -> None:
    """Another copy of the app on the same folder may be recording right now."""
    store = open_store(data_dir)
    session_id = interview(store, "Aroha Ngata")
    wav = crashed_recording(store, session_id, seconds=2)
    before = wav.read_bytes()
    with other_copy_holding(data_dir):
        report = recover_interrupted(store)
        assert report.in_use_elsewhere and not report.has_news
        assert session_store.get_session(store, session_id).state == "recording"
        assert wav.read_bytes() == before
    # The other copy died: its interview is recovered at once, however recent its file.
    assert [i.session_id for i in recover_interrupted(store).interviews] == [session_id]
    store.close()


@contextlib.contextmanager
def other_copy_holding(folder: Path) -> Iterator[None]:
    """A second process that holds the data folder's lock until told to let go."""
    code = (
        "import sys; from ikan_desktop.store import folder_lock; "
        f"folder_lock.acquire({str(folder)!r}); print('held', flush=True); sys.stdin.read()"
    )
    other = subprocess.Popen(
        [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert other.stdout is not None and other.stdout.readline().strip() == "held"
    try:
        yield
    finally:
        assert other.stdin is not None
        other.stdin.close()
        other.wait(10)


def test_an_interview_of_this_process_is_left_alone(data_dir: Path) -> None:
    from ikan_desktop.workflows import live_sessions

    store = open_store(data_dir)
    session_id = interview(store, "Aroha Ngata")
    live_sessions.joined(session_id)
    try:
        assert not recover_interrupted(store).has_news
        assert session_store.get_session(store, session_id).state == "recording"
    finally:
        live_sessions.left(session_id)
    store.close()


def test_tags_past_the_saved_audio_are_brought_back_to_its_end(data_dir: Path) -> None:
    store = open_store(data_dir)
    session_id = interview(store, "Aroha Ngata")
    crashed_recording(store, session_id, seconds=2)
    for t_ms in (1500, 2030):  # the second one was stamped ahead of audio that never arrived
        tag_store.record_tag(store, session_id=session_id, t_ms=t_ms, kind="strategy", code="c")
    tag_store.record_tag(  # after the microphone died: on its own clock, left where it is
        store, session_id=session_id, t_ms=9000, kind="flag", code="f", has_audio=False
    )
    recover_interrupted(store)
    times = [t.t_ms for t in tag_store.tags_for_session(store, session_id)]
    assert times == [1500, 2000, 9000]
    store.close()


def test_wording_two_interviews_of_one_child_an_empty_file_and_an_older_one(
    data_dir: Path,
) -> None:
    store = open_store(data_dir)
    first = interview(store, "Kiri Waaka")
    tag_store.record_tag(store, session_id=first, t_ms=100, kind="strategy", code="c")
    kiri = session_store.get_session(store, first).student_id
    second = session_store.start_session(
        store, student_id=kiri, kind="strategy", script_id="s", script_version="1", form="B"
    )
    report = recover_interrupted(store)
    assert report.message.startswith(
        "2 interviews with Kiri were interrupted before they were finished."
    )
    assert "Kiri and Kiri" not in report.message

    empty = session_store.start_session(
        store, student_id=kiri, kind="strategy", script_id="s", script_version="1", form="C"
    )
    path = session_store.audio_file_for(store, empty)
    path.parent.mkdir(parents=True, exist_ok=True)
    session_store.set_audio(store, empty, audio_path=path, rate=RATE)
    WavWriter(path, RATE).close()  # the file was created, but no sound ever arrived
    report = recover_interrupted(store)
    assert report.message == (
        "The last interview with Kiri was interrupted before it was finished. No sound had "
        "been recorded yet. No observations had been made yet. You can review it from Kiri’s "
        "sessions."
    )
    assert report.interviews[0].is_empty

    older = session_store.start_session(
        store, student_id=kiri, kind="strategy", script_id="s", script_version="1", form="D"
    )
    store.db.execute(
        "UPDATE sessions SET started_at = '2026-03-02T21:14:00.000+00:00' WHERE id = ?", [older]
    )
    message = recover_interrupted(store).message
    assert message.startswith("The interview with Kiri from ")
    assert "The last interview" not in message
    assert second != first
    store.close()


def test_start_up_reads_only_the_sessions_that_can_need_work(data_dir: Path) -> None:
    """A long history of finished interviews is never scanned at start-up."""
    store = open_store(data_dir)
    plans = [
        " ".join(str(row[-1]) for row in store.db.execute(f"EXPLAIN QUERY PLAN {sql}"))
        for sql in (
            "SELECT id FROM sessions WHERE state IN ('recording', 'paused')",
            "SELECT id FROM sessions WHERE state = 'finished' "
            "AND audio_frames IS NULL AND audio_path IS NOT NULL",
        )
    ]
    assert "sessions_by_state" in plans[0]
    assert "sessions_unsealed" in plans[1]
    assert all("SCAN" not in plan for plan in plans)
    store.close()


def test_a_finished_interview_whose_audio_was_never_sealed_gets_its_length(
    data_dir: Path,
) -> None:
    store = open_store(data_dir)
    session_id = interview(store, "Aroha Ngata")
    wav = crashed_recording(store, session_id, seconds=3)
    session_store.set_state(store, session_id, "finished", ended=True)
    report = recover_interrupted(store)
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
    report = recover_interrupted(store)
    box = recovery_message_box(None, report)
    assert box is not None
    qtbot.addWidget(box)
    assert box.icon() == QMessageBox.Icon.Information
    assert "An interview was interrupted" in box.text()
    assert box.informativeText() == report.message
    assert "Aroha" in box.informativeText()
    assert not any(word in box.informativeText() for word in ("Traceback", "WAV", "header"))
    assert recovery_message_box(None, recover_interrupted(store)) is None
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
    report = recover_interrupted(store)
    row = session_store.get_session(store, session_id)
    assert (row.audio_rate, row.audio_frames, row.audio_ms) == (48000, 480000, 10_000)
    assert report.interviews[0].audio_ms == 10_000
    store.close()
