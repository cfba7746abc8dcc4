"""From a recorded interview on the demo class to confirmed stages and an Audacity folder.

The whole path a teacher takes, through the real main window, start dialog, recorder (virtual
microphone), live screen, the end-of-interview summary and the review screen.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest
from audio_compare import speak
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from ikan_desktop.exchange.labels import read_audacity_labels
from ikan_desktop.store import students as student_store
from ikan_desktop.store.location import DB_NAME, demo_dir
from ikan_desktop.ui.main_window import MainWindow, open_data_folder
from ikan_desktop.ui.review.review_window import ReviewWindow

pytestmark = pytest.mark.audio


def answer(name_or_class: str, choose) -> None:  # type: ignore[no-untyped-def]
    """Handle the next modal dialog whose object name or class name matches."""

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or name_or_class not in (
            dialog.objectName(),
            type(dialog).__name__,
        ):
            QTimer.singleShot(20, poll)
            return
        choose(dialog)

    QTimer.singleShot(0, poll)


def click(text: str):  # type: ignore[no-untyped-def]
    def choose(box: QMessageBox) -> None:
        button = next(b for b in box.findChildren(QPushButton) if text in b.text())
        button.click()

    return choose


def test_a_recorded_demo_interview_is_reviewed_confirmed_and_exported(
    virtual_mic, qtbot: QtBot, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = open_data_folder(data_dir, demo=True)
    assert store is not None
    window = MainWindow(home_folder=data_dir, store=store, demo=True)
    qtbot.addWidget(window)
    window.show()
    aroha = next(s for s in student_store.iter_students(store) if s.name == "Aroha Ngata")

    answer("StartInterviewDialog", lambda dialog: dialog.accept())
    window.start_interview(aroha.id)
    launcher = window.launcher
    live, recorder = launcher.window, launcher.recorder
    assert live is not None and recorder is not None
    qtbot.addWidget(live, before_close_func=lambda w: setattr(w, "_allow_close", True))
    live.activateWindow()
    qtbot.waitUntil(lambda: recorder.state == "recording", timeout=5000)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is live)

    speech = speak(tmp_path / "child.wav", "I put seven in my head and counted on.")
    key = live.interview.task.choices[0].key
    player = virtual_mic.play(speech)
    qtbot.wait(900)  # the teacher presses the strategy key while the child explains
    qtbot.keyClick(live, key)
    qtbot.waitUntil(lambda: player.poll() is not None, timeout=10000)
    qtbot.keyClick(live, Qt.Key.Key_C)
    qtbot.wait(300)

    answer("interviewSummary", click("Review and confirm now"))

    def confirm_stop(box: QMessageBox) -> None:
        box.button(QMessageBox.StandardButton.Yes).click()

    answer("QMessageBox", confirm_stop)
    live.ask_to_stop()
    qtbot.waitUntil(
        lambda: any(isinstance(w, ReviewWindow) for w in QApplication.topLevelWidgets()),
        timeout=5000,
    )
    review = next(w for w in QApplication.topLevelWidgets() if isinstance(w, ReviewWindow))
    qtbot.addWidget(review)
    session_id = live.interview.session_id
    assert review.review.session.id == session_id
    assert review.review.audio_path is not None and review.play_button.isEnabled()
    qtbot.waitUntil(lambda: review.waveform.peaks is not None, timeout=10000)

    # The strategy tag sits where the child was talking: the recording is loud around it.
    strategy = next(t for t in review.review.live_tags if t.kind == "strategy")
    peaks = review.waveform.peaks
    bucket_ms = peaks.frames_per_bucket * 1000 / peaks.rate
    around = slice(int((strategy.t_ms - 600) / bucket_ms), int((strategy.t_ms + 600) / bucket_ms))
    assert float(np.max(peaks.maxima[around])) > 0.05

    # Hear it, then confirm the stage its task shows.
    review.select(strategy.id)
    qtbot.keyClick(review, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: review.player.is_playing, timeout=3000)
    review.player.pause()
    card = review.panel.cards[review.review.script.task(strategy.task_id).domain]
    stage = strategy.stage if strategy.stage is not None else 0
    card.stage.setCurrentIndex(card.stage.findData(stage))
    qtbot.mouseClick(card.confirm_button, Qt.MouseButton.LeftButton)
    conn = sqlite3.connect(demo_dir(data_dir) / DB_NAME)
    try:
        confirmed = conn.execute(
            "SELECT confirmed_stage FROM judgements WHERE session_id = ? AND domain = ?",
            [session_id, card.row.domain],
        ).fetchall()
    finally:
        conn.close()
    assert confirmed == [(stage,)]

    # Export: the folder holds the recording and labels on the same clock as the database.
    out = tmp_path / "export"
    out.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(out))
    answer("exportDone", lambda box: box.accept())
    qtbot.mouseClick(review.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(list(out.glob("*/*"))) == 3, timeout=10000)
    labels = read_audacity_labels(next(out.glob("*/*-labels.txt")))
    assert sorted(round(label.start_s * 1000) for label in labels) == sorted(
        t.t_ms for t in review.review.live_tags
    )
