"""After a crash: the teacher continues the interview from the recovery message, or is told that
another copy of the app already has the folder open."""

from __future__ import annotations

import subprocess
import sys
import wave
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot
from ui_helpers import when_dialog_opens

from ikan_desktop.audio.wavfile import WavWriter
from ikan_desktop.domain.students import StudentDetails
from ikan_desktop.store import open_store
from ikan_desktop.store import sessions as session_store
from ikan_desktop.store import students as student_store
from ikan_desktop.store import tags as tag_store
from ikan_desktop.store.location import DB_NAME
from ikan_desktop.ui.interview.live_window import LiveWindow
from ikan_desktop.ui.main_window import MainWindow, open_data_folder


def click(text: str, seen: list[str]):  # type: ignore[no-untyped-def]
    def choose(box: QMessageBox) -> None:
        seen.append(box.informativeText())
        next(b for b in box.findChildren(QPushButton) if b.text() == text).click()

    return choose


def interrupted_interview(folder: Path, *, consent: bool, seconds: float = 0) -> str:
    """An interview on form A that a kill cut short after one observation."""
    with open_store(folder) as store:
        student = student_store.add_student(
            store,
            StudentDetails(
                name="Kiri Waaka",
                recording_consent=consent,
                consent_date=date(2026, 2, 3) if consent else None,
            ),
        )
        session_id = session_store.start_session(
            store,
            student_id=student.id,
            kind="strategy",
            script_id="strategy-form-a",
            script_version="1",
            form="A",
        )
        tag_store.record_tag(
            store,
            session_id=session_id,
            t_ms=400,
            kind="strategy",
            code="counts_all",
            section_id="counting-all-or-on",
            task_id="a2-add-3",
            has_audio=seconds > 0,
        )
        if seconds:
            path = session_store.audio_file_for(store, session_id)
            path.parent.mkdir(parents=True, exist_ok=True)
            session_store.set_audio(store, session_id, audio_path=path, rate=16000)
            writer = WavWriter(path, 16000)
            writer.write(b"\x10\x00" * int(16000 * seconds))
            writer._file.close()  # killed: the header was never brought up to date
    return session_id


def open_main_window(qtbot: QtBot, folder: Path) -> MainWindow:
    store = open_data_folder(folder)
    assert store is not None
    window = MainWindow(home_folder=folder, store=store)
    qtbot.addWidget(window)
    window.show()
    return window


def live_windows() -> list[LiveWindow]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, LiveWindow)]


def test_continue_this_interview_opens_it_where_it_stopped(qtbot: QtBot, data_dir: Path) -> None:
    session_id = interrupted_interview(data_dir, consent=False)
    seen: list[str] = []
    when_dialog_opens(click("Continue this interview", seen))
    window = open_main_window(qtbot, data_dir)
    qtbot.waitUntil(lambda: bool(live_windows()), timeout=5000)
    (live,) = live_windows()
    qtbot.addWidget(live, before_close_func=lambda w: setattr(w, "_allow_close", True))
    assert "The last interview with Kiri was interrupted" in seen[0]
    assert live.interview.session_id == session_id
    assert live.interview.task.id == "a2-add-3"
    assert not window.isVisible()
    assert session_store.get_session(window.store, session_id).state == "recording"


@pytest.mark.audio
def test_a_continued_recording_goes_on_in_the_same_file(
    virtual_mic, qtbot: QtBot, data_dir: Path
) -> None:
    session_id = interrupted_interview(data_dir, consent=True, seconds=1.0)
    when_dialog_opens(click("Continue this interview", []))
    window = open_main_window(qtbot, data_dir)
    qtbot.waitUntil(lambda: bool(live_windows()), timeout=5000)
    (live,) = live_windows()
    qtbot.addWidget(live, before_close_func=lambda w: setattr(w, "_allow_close", True))
    recorder = window.launcher.recorder
    assert recorder is not None
    qtbot.waitUntil(lambda: recorder.state == "recording", timeout=5000)
    assert recorder.position_ms() >= 1000  # the clock goes on after the saved second
    qtbot.wait(600)
    live.interview.finish()
    when_dialog_opens(lambda box: box.reject())  # the end-of-interview summary
    live._finish()
    row = session_store.get_session(window.store, session_id)
    path = session_store.audio_path_of(window.store, row)
    assert path is not None
    with wave.open(str(path)) as w:
        frames = w.getnframes()
        first = w.readframes(16000)
    assert frames > 16000 + 16000 // 4
    assert first == b"\x10\x00" * 16000  # the first segment is untouched, at the start
    assert (row.state, row.audio_frames) == ("finished", frames)
    events = session_store.audio_events(window.store, session_id)
    assert ("resumed", 1000) in [(e.kind, e.t_ms) for e in events]


def test_a_second_copy_on_the_same_folder_says_so_and_changes_nothing(
    qtbot: QtBot, data_dir: Path
) -> None:
    from ikan_desktop.app import start_app

    data_dir.mkdir(parents=True)
    code = (
        "import sys; from ikan_desktop.store import folder_lock; "
        f"folder_lock.acquire({str(data_dir)!r}); print('held', flush=True); sys.stdin.read()"
    )
    first = subprocess.Popen(
        [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert first.stdout is not None and first.stdout.readline().strip() == "held"
        seen: list[str] = []

        def read(box: QMessageBox) -> None:
            seen.append(box.text() + " " + box.informativeText())
            box.reject()

        when_dialog_opens(read)
        assert start_app(data_dir=str(data_dir)) is None
        assert "already open" in seen[0] and str(data_dir) in seen[0]
        assert not (data_dir / DB_NAME).exists()  # nothing was opened, created or changed
    finally:
        assert first.stdin is not None
        first.stdin.close()
        first.wait(10)


def test_an_interview_killed_in_the_demo_class_is_recovered_at_the_next_start(
    qtbot: QtBot, data_dir: Path
) -> None:
    from ikan_desktop.store.location import demo_dir

    session_id = interrupted_interview(demo_dir(data_dir), consent=False)
    seen: list[str] = []

    def read(box: QMessageBox) -> None:
        seen.append(box.informativeText())
        box.accept()

    when_dialog_opens(read)
    store = open_data_folder(data_dir)  # the teacher's own class opens, as every start
    assert store is not None
    store.close()
    assert seen and seen[0].startswith("In the demo class: The last interview with Kiri")
    with open_store(demo_dir(data_dir)) as demo:
        assert session_store.get_session(demo, session_id).state == "interrupted"


def test_the_interview_list_continues_an_interrupted_interview(
    qtbot: QtBot, data_dir: Path
) -> None:
    from PySide6.QtCore import Qt

    from ikan_desktop.workflows.recovery import recover_interrupted

    session_id = interrupted_interview(data_dir, consent=False)
    with open_store(data_dir) as store:
        recover_interrupted(store)  # an earlier start already told the teacher
    window = open_main_window(qtbot, data_dir)
    window.show_interviews(None)
    dialog = window.session_list
    qtbot.addWidget(dialog)
    assert dialog.continue_button.isVisible()
    qtbot.mouseClick(dialog.continue_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(live_windows()), timeout=5000)
    (live,) = live_windows()
    qtbot.addWidget(live, before_close_func=lambda w: setattr(w, "_allow_close", True))
    assert live.interview.session_id == session_id
    assert live.interview.task.id == "a2-add-3"
