"""The review screen driven as a teacher would: clicks, drags and keys on real widgets, real audio."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from review_helpers import recorded_interview

from ikan_desktop.store import open_store
from ikan_desktop.store.database import Store
from ikan_desktop.store.location import DB_NAME
from ikan_desktop.ui.review.review_window import ReviewWindow
from ikan_desktop.workflows import roster
from ikan_desktop.workflows.demo_interview import seed_demo_interview


@pytest.fixture
def store(data_dir: Path) -> Store:
    opened = open_store(data_dir)
    yield opened
    opened.close()


def open_review(qtbot: QtBot, store: Store, session_id: str) -> ReviewWindow:
    window = ReviewWindow(store, session_id)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


@pytest.fixture
def reviewed(qtbot: QtBot, store: Store) -> tuple[ReviewWindow, str]:
    """The review window on a finished interview with a 20 s recording and four tags."""
    session_id = recorded_interview(store)
    return open_review(qtbot, store, session_id), session_id


def rows(folder: Path, sql: str, params: tuple = ()) -> list[tuple]:
    conn = sqlite3.connect(folder / DB_NAME)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def tag_at(folder: Path, session_id: str, t_ms: int) -> str:
    return rows(
        folder, "SELECT id FROM tags WHERE session_id = ? AND t_ms = ?", (session_id, t_ms)
    )[0][0]


def click_mark(qtbot: QtBot, window: ReviewWindow, tag_id: str) -> None:
    rect = window.waveform.mark_rect(tag_id)
    assert rect is not None, "the tag's mark is not drawn"
    QTest.mouseClick(window.waveform, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())


def test_the_demo_interview_opens_with_its_waveform_and_every_tag(
    qtbot: QtBot, store: Store, data_dir: Path
) -> None:
    roster.seed_demo_class(store)
    session_id = seed_demo_interview(store)
    assert session_id is not None
    window = open_review(qtbot, store, session_id)
    qtbot.waitUntil(lambda: window.waveform.peaks is not None, timeout=10000)
    live = rows(data_dir, "SELECT COUNT(*) FROM tags WHERE session_id = ?", (session_id,))[0][0]
    assert window.model.rowCount() == live > 10
    assert "Aroha Ngata" in window.title.text()
    # The three domain cards and the global stage, each with a suggestion to confirm.
    assert set(window.panel.cards) == {"additive", "multiplicative", "proportional", "global"}
    assert "Not confirmed" in window.panel.cards["additive"].status.text()
    # Every tag has a mark on the lane.
    assert all(window.waveform.mark_rect(t.id) is not None for t in window.review.tags)


@pytest.mark.audio
def test_clicking_a_tag_plays_from_the_preroll_before_it(
    qtbot: QtBot, store: Store, data_dir: Path, virtual_mic
) -> None:
    session_id = recorded_interview(store)
    window = open_review(qtbot, store, session_id)
    window.preroll.setCurrentIndex(window.preroll.findData(2))
    tag_id = tag_at(data_dir, session_id, 8000)
    click_mark(qtbot, window, tag_id)
    assert window.selected_id == tag_id
    qtbot.waitUntil(lambda: window.player.is_playing, timeout=3000)
    assert 6000 <= window.player.position_ms() < 7500
    assert "Pause" in window.play_button.text()
    qtbot.keyClick(window, Qt.Key.Key_Space)  # Space pauses
    assert not window.player.is_playing
    paused = window.player.position_ms()
    qtbot.keyClick(window, Qt.Key.Key_Left)  # back 5 s
    assert window.player.position_ms() == max(0, paused - 5000)


def test_dragging_a_tag_moves_it_and_keeps_the_time_it_was_given(
    qtbot: QtBot, reviewed: tuple[ReviewWindow, str], data_dir: Path
) -> None:
    window, session_id = reviewed
    tag_id = tag_at(data_dir, session_id, 8000)
    rect = window.waveform.mark_rect(tag_id)
    assert rect is not None
    start = rect.center().toPoint()
    drop = start + QPoint(100, 0)
    QTest.mousePress(window.waveform, Qt.MouseButton.LeftButton, pos=start)
    for step in range(1, 11):
        QTest.mouseMove(window.waveform, start + QPoint(step * 10, 0))
    QTest.mouseRelease(window.waveform, Qt.MouseButton.LeftButton, pos=drop)

    t_ms, original = rows(data_dir, "SELECT t_ms, original_t_ms FROM tags WHERE id = ?", (tag_id,))[
        0
    ]
    expected = 8000 + window.waveform.ms_for_x(drop.x()) - window.waveform.ms_for_x(start.x())
    assert abs(t_ms - expected) <= 60 and t_ms > 9000
    assert original == 8000
    edits = rows(data_dir, "SELECT change, old_value FROM tag_edits WHERE tag_id = ?", (tag_id,))
    assert edits == [("moved", "8000")]
    row = window.model.row_of(tag_id)
    assert window.model.index(row, 5).data() == "moved from 0:08"
    assert "it was at 0:08" in window.status.text()


def test_keys_step_through_tags_remove_restore_and_add_at_the_playhead(
    qtbot: QtBot, reviewed: tuple[ReviewWindow, str], data_dir: Path
) -> None:
    window, session_id = reviewed
    qtbot.keyClick(window.table, Qt.Key.Key_Down)  # the first tag: "correct" at 0:02
    first = tag_at(data_dir, session_id, 2500)
    assert window.selected_id == first
    qtbot.keyClick(window, Qt.Key.Key_Down)
    assert window.selected_id == tag_at(data_dir, session_id, 3000)
    qtbot.keyClick(window, Qt.Key.Key_Up)
    assert window.selected_id == first

    qtbot.keyClick(window, Qt.Key.Key_Delete)
    assert rows(data_dir, "SELECT deleted FROM tags WHERE id = ?", (first,)) == [(1,)]
    assert window.model.index(window.model.row_of(first), 5).data() == "removed"
    qtbot.keyClick(window, Qt.Key.Key_Delete)
    assert rows(data_dir, "SELECT deleted FROM tags WHERE id = ?", (first,)) == [(0,)]

    window.seek(9000)  # inside the span of a3-add-2 (tagged at 0:08)
    heard = window.model.row_of(tag_at(data_dir, session_id, 8000))
    assert window.model.index(heard, 2).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert window.model.index(heard - 1, 2).data(Qt.ItemDataRole.BackgroundRole) is None
    qtbot.keyClick(window, Qt.Key.Key_C)
    qtbot.keyClick(window, "B")  # counted on / back: the same key as in the live interview
    added = rows(
        data_dir,
        "SELECT kind, code, task_id, stage FROM tags WHERE session_id = ? AND t_ms = 9000 "
        "ORDER BY rowid",
        (session_id,),
    )
    task = window.review.script.task("a3-add-2")
    assert added == [
        ("response", "correct", "a3-add-2", None),
        ("strategy", "counts_on_back", "a3-add-2", task.scoring.stage_for("counts_on_back")),
    ]
    # Typing a note is typing, not tagging.
    before = rows(data_dir, "SELECT COUNT(*) FROM tags")[0][0]
    window.select(first)
    window.editor.note.setFocus()
    qtbot.keyClicks(window.editor.note, "cj")
    qtbot.keyClick(window.editor.note, Qt.Key.Key_Return)
    assert rows(data_dir, "SELECT COUNT(*) FROM tags")[0][0] == before
    assert rows(data_dir, "SELECT note FROM tags WHERE id = ?", (first,)) == [("cj",)]


def test_confirming_stages_writes_judgements_beside_the_suggestions(
    qtbot: QtBot, reviewed: tuple[ReviewWindow, str], data_dir: Path
) -> None:
    window, session_id = reviewed
    card = window.panel.cards["additive"]
    assert "stage 4" in card.suggestion.text()
    card.stage.setCurrentIndex(card.stage.findData(5))
    assert card.qualifier.isEnabled()  # stage 5 can be "early" or "at"
    card.qualifier.setCurrentIndex(card.qualifier.findData("early"))
    qtbot.mouseClick(card.confirm_button, Qt.MouseButton.LeftButton)

    saved = rows(
        data_dir,
        "SELECT suggested_stage, confirmed_stage, qualifier, confirmed_by, confirmed_at "
        "FROM judgements WHERE session_id = ? AND domain = 'additive'",
        (session_id,),
    )
    assert len(saved) == 1
    suggested, confirmed, qualifier, by, at = saved[0]
    assert (suggested, confirmed, qualifier, by) == (4, 5, "early", "Ms Review")
    assert at
    assert "Confirmed: stage 5 (early) by Ms Review" in card.status.text()

    global_card = window.panel.cards["global"]
    qtbot.mouseClick(global_card.confirm_button, Qt.MouseButton.LeftButton)
    assert rows(
        data_dir,
        "SELECT confirmed_stage FROM judgements WHERE session_id = ? AND domain = 'global'",
        (session_id,),
    ) == [(global_card.row.suggested,)]
    assert "2 of" in window.title.text()


def test_next_steps_and_the_comment_are_saved_as_typed(
    qtbot: QtBot, reviewed: tuple[ReviewWindow, str], data_dir: Path
) -> None:
    window, session_id = reviewed
    card = window.panel.cards["additive"]
    assert card.steps.toPlainText()  # prefilled from the framework
    assert "from the framework" in card.steps_label.text()
    card.steps.setPlainText("Count on from the bigger number with dice games at home")
    window.panel.comment.setPlainText("Ana explained her thinking clearly.")
    qtbot.waitUntil(
        lambda: (
            len(
                rows(data_dir, "SELECT kind FROM profile_notes WHERE session_id = ?", (session_id,))
            )
            == 2
        ),
        timeout=3000,
    )
    notes = dict(
        rows(data_dir, "SELECT kind, text FROM profile_notes WHERE session_id = ?", (session_id,))
    )
    assert notes == {
        "next_steps": "Count on from the bigger number with dice games at home",
        "comment": "Ana explained her thinking clearly.",
    }
    assert "your words" in card.steps_label.text()


def test_a_review_without_audio_says_so_and_still_takes_tags(
    qtbot: QtBot, store: Store, data_dir: Path
) -> None:
    session_id = recorded_interview(store, audio=False)
    window = open_review(qtbot, store, session_id)
    assert not window.play_button.isEnabled()
    window.seek(10500)
    assert window.transport.clock.text().startswith("0:10")
    qtbot.keyClick(window, Qt.Key.Key_F)
    assert rows(
        data_dir,
        "SELECT kind, has_audio, task_id FROM tags WHERE session_id = ? AND t_ms = 10500",
        (session_id,),
    ) == [("flag", 0, "a3-add-2")]


def test_the_interview_list_opens_a_review_and_exports_a_folder_for_audacity(
    qtbot: QtBot, store: Store, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    from ikan_desktop.exchange.labels import read_audacity_labels
    from ikan_desktop.ui.review import actions
    from ikan_desktop.ui.review.session_list import SessionListDialog

    first = recorded_interview(store, name="Ana Lemalu")
    second = recorded_interview(store, name="Tama Rewi", audio=False)
    dialog = actions.open_session_list(None, store)
    qtbot.addWidget(dialog)
    assert isinstance(dialog, SessionListDialog)
    listed = {dialog.model.index(r, 1).data(): r for r in range(dialog.model.rowCount())}
    assert set(listed) == {"Ana Lemalu", "Tama Rewi"}
    audio_column = {name: dialog.model.index(r, 6).data() for name, r in listed.items()}
    assert audio_column == {"Ana Lemalu": "Recorded", "Tama Rewi": "No audio"}
    assert dialog.model.index(listed["Ana Lemalu"], 5).data() == "To confirm"

    only_tama = SessionListDialog(store, student_id=window_student(store, second))
    qtbot.addWidget(only_tama)
    assert only_tama.model.rowCount() == 1

    dialog.table.selectRow(listed["Ana Lemalu"])
    out = tmp_path / "usb"
    out.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(out))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(out.iterdir()), timeout=5000)
    folder = next(out.iterdir())
    qtbot.waitUntil(lambda: len(list(folder.iterdir())) == 3, timeout=5000)
    labels = read_audacity_labels(next(folder.glob("*-labels.txt")))
    times = sorted(
        t for (t,) in rows(data_dir, "SELECT t_ms FROM tags WHERE session_id = ?", (first,))
    )
    assert sorted(round(label.start_s * 1000) for label in labels) == times
    assert (folder / f"{folder.name}.wav").stat().st_size > 20 * 16000 * 2
    # The "exported" message is window-modal: the teacher closes it before the next Enter.
    qtbot.waitUntil(lambda: dialog.findChild(QMessageBox, "exportDone") is not None)
    dialog.findChild(QMessageBox, "exportDone").done(0)

    dialog.table.selectRow(listed["Ana Lemalu"])  # the list may have refreshed after the export
    qtbot.waitUntil(dialog.open_button.isEnabled, timeout=5000)
    with qtbot.waitSignal(dialog.open_requested):
        qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    review = next(w for w in QApplication.topLevelWidgets() if isinstance(w, ReviewWindow))
    qtbot.addWidget(review)
    assert review.review.session.id == first


def window_student(store: Store, session_id: str) -> str:
    from ikan_desktop.store import sessions as session_store

    return session_store.get_session(store, session_id).student_id


def test_a_missing_or_damaged_recording_is_explained_and_the_tags_stay_editable(
    qtbot: QtBot, store: Store, data_dir: Path
) -> None:
    from ikan_desktop.store import sessions as session_store

    damaged = recorded_interview(store, name="Ana Lemalu")
    wav = session_store.audio_path_of(store, session_store.get_session(store, damaged))
    wav.write_bytes(b"RIFF this is not a recording")
    before = wav.read_bytes()
    window = open_review(qtbot, store, damaged)
    assert not window.play_button.isEnabled()
    assert "could not be played" in window.status.text()
    assert "Traceback" not in window.status.text()
    qtbot.keyClick(window.table, Qt.Key.Key_Down)
    qtbot.keyClick(window, Qt.Key.Key_Delete)
    assert rows(data_dir, "SELECT COUNT(*) FROM tags WHERE deleted = 1") == [(1,)]
    assert wav.read_bytes() == before  # the user's file is never "repaired" in place
    window.close()

    missing = recorded_interview(store, name="Tama Rewi")
    session_store.audio_path_of(store, session_store.get_session(store, missing)).unlink()
    window = open_review(qtbot, store, missing)
    assert not window.play_button.isEnabled()
    assert window.model.rowCount() == 4


def test_ctrl_z_takes_back_a_drag_and_a_removal(
    qtbot: QtBot, reviewed: tuple[ReviewWindow, str], data_dir: Path
) -> None:
    window, session_id = reviewed
    tag_id = tag_at(data_dir, session_id, 8000)
    window.move_tag(tag_id, 10400)
    window.select(tag_id)
    qtbot.keyClick(window, Qt.Key.Key_Delete)
    assert rows(data_dir, "SELECT t_ms, deleted FROM tags WHERE id = ?", (tag_id,)) == [(10400, 1)]
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert rows(data_dir, "SELECT t_ms, deleted FROM tags WHERE id = ?", (tag_id,)) == [(10400, 0)]
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert rows(data_dir, "SELECT t_ms, original_t_ms FROM tags WHERE id = ?", (tag_id,)) == [
        (8000, 8000)
    ]
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.status.text() == "Nothing to undo."

    whole = window.waveform.visible_range()
    qtbot.keyClick(window, Qt.Key.Key_Plus)
    start, end = window.waveform.visible_range()
    assert end - start < whole[1] - whole[0]
    qtbot.keyClick(window, Qt.Key.Key_Minus)
    assert window.waveform.visible_range() == whole
    window.seek(7400)  # heard it earlier: M puts the selected tag at the playhead
    qtbot.keyClick(window, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert rows(data_dir, "SELECT t_ms, original_t_ms FROM tags WHERE id = ?", (tag_id,)) == [
        (7400, 8000)
    ]


def test_the_evidence_follows_the_tags_as_they_are_fixed(
    qtbot: QtBot, reviewed: tuple[ReviewWindow, str], data_dir: Path
) -> None:
    window, session_id = reviewed
    card = window.panel.cards["additive"]
    assert len(card.evidence_buttons) == 2 and "Needs more evidence" not in card.reason.text()
    window.select(tag_at(data_dir, session_id, 8000))
    qtbot.keyClick(window, Qt.Key.Key_Delete)
    assert len(card.evidence_buttons) == 1
    assert "Needs more evidence" in card.reason.text()
    assert "Stage 4 rests on one task" in card.reason.text()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(card.evidence_buttons) == 2 and "Needs more evidence" not in card.reason.text()


def test_an_interview_still_running_is_not_opened_for_review(
    qtbot: QtBot, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from ikan_desktop.store import sessions as session_store
    from ikan_desktop.ui.review import actions

    session_id = recorded_interview(store)
    session_store.set_state(store, session_id, "recording")
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: said.append(text))
    assert actions.open_review(None, store, session_id) is None
    assert said and "still running" in said[0]


def test_closing_the_window_keeps_a_note_still_being_typed(
    qtbot: QtBot, reviewed: tuple[ReviewWindow, str], data_dir: Path
) -> None:
    window, session_id = reviewed
    tag_id = tag_at(data_dir, session_id, 12000)
    window.select(tag_id)
    window.editor.note.setFocus()
    qtbot.keyClicks(window.editor.note, "skip counted on fingers")
    window.close()
    assert rows(data_dir, "SELECT note FROM tags WHERE id = ?", (tag_id,)) == [
        ("skip counted on fingers",)
    ]
