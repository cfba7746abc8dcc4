"""The knowledge-check screen driven by keys, checked on the card view and in the database."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from ui_helpers import when_dialog_opens

from ikan_desktop.domain.scripts import load_knowledge_check
from ikan_desktop.domain.students import StudentDetails
from ikan_desktop.store import open_store
from ikan_desktop.store import students as student_store
from ikan_desktop.store.database import Store
from ikan_desktop.store.location import DB_NAME
from ikan_desktop.ui.interview.knowledge_start import open_knowledge_check
from ikan_desktop.ui.interview.knowledge_window import KnowledgeWindow
from ikan_desktop.workflows.clock import MonotonicClock
from ikan_desktop.workflows.knowledge_check import KnowledgeCheckRun

CHECK = load_knowledge_check()
SCALE = 0.05  # a 5 s card shows for 0.25 s


def open_window(qtbot: QtBot, data_dir: Path, *, counting: bool = False) -> KnowledgeWindow:
    store = open_store(data_dir)
    student = student_store.add_student(store, StudentDetails(name="Mere Tane"))
    run = KnowledgeCheckRun.start(
        store,
        student_id=student.id,
        check=CHECK,
        clock=MonotonicClock(),
        counting=counting,
        display_scale=SCALE,
    )
    window = KnowledgeWindow(run, student_name="Mere Tane")
    # At the end of a test, let the window close without asking (a teacher is always asked).
    qtbot.addWidget(window, before_close_func=lambda w: setattr(w, "_allow_close", True))
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def rows(folder: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(folder / DB_NAME)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_a_card_flashes_for_the_banks_time_and_the_mark_lands(qtbot: QtBot, data_dir: Path) -> None:
    window = open_window(qtbot, data_dir)
    first = CHECK.banks[0].items[0]
    assert window.card_view.text() == ""  # the bank waits while the child hears the rules
    assert "Press →" in window.item_panel.countdown.text()
    qtbot.keyClick(window, Qt.Key.Key_Right)
    assert window.card_view.text() == first.card
    assert "left" in window.item_panel.countdown.text()
    qtbot.waitUntil(lambda: window.card_view.text() == "", timeout=2000)
    assert "mark the answer" in window.item_panel.countdown.text()
    # Focus sits on another widget: the mark still lands, at once, in the database.
    qtbot.keyClick(window.stop_button, Qt.Key.Key_1)
    assert rows(data_dir, "SELECT task_id, code, section_id, deleted FROM tags") == [
        (first.id, "right", CHECK.banks[0].id, 0)
    ]
    assert window.strip.texts()[0].endswith(f"✓ {first.card}")
    qtbot.keyClick(window.item_panel, Qt.Key.Key_Right)  # next item flashes at once
    second = CHECK.banks[0].items[1]
    assert window.card_view.text() == second.card
    assert window.progress.text() == f"Bank 1 of 5, item 2 of {len(CHECK.banks[0].items)}"
    qtbot.keyClick(window, Qt.Key.Key_0)
    qtbot.keyClick(window, Qt.Key.Key_Backspace)
    assert rows(data_dir, "SELECT code, deleted FROM tags ORDER BY rowid") == [
        ("right", 0),
        ("wrong", 1),
    ]
    assert window.item_panel.mark.text() == "Not marked yet"


def test_a_whole_bank_by_keys_ends_with_a_suggestion_and_a_summary(
    qtbot: QtBot, data_dir: Path
) -> None:
    window = open_window(qtbot, data_dir)
    for _ in CHECK.banks[0].items:
        qtbot.keyClick(window, Qt.Key.Key_Right)
        qtbot.keyClick(window, Qt.Key.Key_0)
    qtbot.keyClick(window, Qt.Key.Key_Right)
    assert window.run.pending is not None
    assert window.keys_panel.currentIndex() == 1
    assert window.keys_panel.title.text() == "Suggested: Stop here"
    assert window.card_view.text() == ""
    qtbot.keyClick(window, Qt.Key.Key_Return)  # accept: stop
    assert window.run.finished
    assert window.body.currentIndex() == 1
    assert [r[1] for r in window.summary.rows] == ["Not shown yet"] * 5
    assert rows(data_dir, "SELECT state FROM sessions") == [("finished",)]
    assert rows(data_dir, "SELECT suggested, chosen FROM section_decisions") == [("stop", "stop")]
    assert rows(data_dir, "SELECT count(*) FROM tags WHERE deleted = 0") == [(19,)]


def test_the_counting_interview_shows_its_card_until_the_next_item(
    qtbot: QtBot, data_dir: Path
) -> None:
    window = open_window(qtbot, data_dir, counting=True)
    assert window.keys_panel.skip.isVisible()
    with_card = next(i for i, c in enumerate(CHECK.counting_items) if c.card)
    for _ in range(with_card):
        qtbot.keyClick(window, Qt.Key.Key_1)
        qtbot.keyClick(window, Qt.Key.Key_Right)
    assert window.card_view.text() == CHECK.counting_items[with_card].card
    qtbot.wait(int(CHECK.banks[0].display_seconds * SCALE * 1000) + 100)
    assert window.card_view.text() == CHECK.counting_items[with_card].card
    qtbot.keyClick(window, Qt.Key.Key_S)  # skip the rest: the first bank waits for →
    assert window.run.part == CHECK.banks[0].id
    assert window.card_view.text() == ""


def test_escape_does_not_close_and_closing_asks_first(qtbot: QtBot, data_dir: Path) -> None:
    window = open_window(qtbot, data_dir)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.isVisible()
    when_dialog_opens(lambda box: box.button(QMessageBox.StandardButton.No).click())
    window.close()
    assert window.isVisible() and not window.run.finished
    when_dialog_opens(lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    window.stop_button.click()
    assert window.run.finished
    assert window.body.currentIndex() == 1  # the summary, until the teacher closes it
    assert rows(data_dir, "SELECT state FROM sessions") == [("finished",)]


def test_open_knowledge_check_starts_where_the_teacher_chooses(
    qtbot: QtBot, data_dir: Path
) -> None:
    store = open_store(data_dir)
    student = student_store.add_student(store, StudentDetails(name="Tama Rewi"))

    def choose_second_bank(dialog: object) -> None:
        dialog.start.setCurrentIndex(2)  # type: ignore[attr-defined]
        dialog.accept()  # type: ignore[attr-defined]

    when_dialog_opens(choose_second_bank)
    window = open_knowledge_check(None, store, student)
    assert window is not None
    qtbot.addWidget(window, before_close_func=lambda w: setattr(w, "_allow_close", True))
    assert window.run.part == CHECK.banks[1].id
    assert rows(data_dir, "SELECT kind, script_id FROM sessions") == [("knowledge", CHECK.id)]
    when_dialog_opens(lambda dialog: dialog.reject())
    assert open_knowledge_check(None, store, student) is None


def test_after_the_check_its_stages_open_for_confirming(qtbot: QtBot, data_dir: Path) -> None:
    from ikan_desktop.ui.review.actions import open_review
    from ikan_desktop.ui.review.review_window import ReviewWindow

    window = open_window(qtbot, data_dir)
    assert not window.review_button.isVisible()
    for _ in CHECK.banks[0].items:
        qtbot.keyClick(window, Qt.Key.Key_Right)
        qtbot.keyClick(window, Qt.Key.Key_1)
    qtbot.keyClick(window, Qt.Key.Key_Right)
    qtbot.keyClick(window, Qt.Key.Key_2)  # stop after the first bank
    assert window.run.finished and window.review_button.isVisible()
    window.review_requested.connect(lambda sid: open_review(None, window.run.store, sid))
    with qtbot.waitSignal(window.review_requested):
        qtbot.mouseClick(window.review_button, Qt.MouseButton.LeftButton)
    review = next(w for w in QApplication.topLevelWidgets() if isinstance(w, ReviewWindow))
    qtbot.addWidget(review)
    cards = review.panel.cards
    assert set(cards) == set(CHECK.banks[0].domains)
    first = next(iter(cards.values()))
    assert first.row.suggested == CHECK.banks[0].target_stage
    qtbot.mouseClick(first.confirm_button, Qt.MouseButton.LeftButton)
    assert rows(
        data_dir, "SELECT confirmed_stage FROM judgements WHERE confirmed_stage IS NOT NULL"
    ) == [(CHECK.banks[0].target_stage,)]


def test_an_unmarked_card_is_not_left_by_one_arrow(qtbot: QtBot, data_dir: Path) -> None:
    window = open_window(qtbot, data_dir)
    first = CHECK.banks[0].items[0]
    qtbot.keyClick(window, Qt.Key.Key_Right)  # show the card
    qtbot.waitUntil(lambda: window.card_view.text() == "", timeout=3000)
    qtbot.keyClick(window, Qt.Key.Key_Right)  # no mark yet: held, with a warning
    assert window.run.item.item_id == first.id
    assert "This item has no mark" in window.item_panel.mark.text()
    assert window.card_view.text() == ""  # the card does not flash again
    qtbot.keyClick(window, Qt.Key.Key_Right)  # again: left unmarked, on to the next card
    assert window.run.item.item_id == CHECK.banks[0].items[1].id
    assert window.card_view.text() == CHECK.banks[0].items[1].card


def test_on_one_screen_the_answer_is_hidden_while_the_card_flashes(
    qtbot: QtBot, data_dir: Path
) -> None:
    window = open_window(qtbot, data_dir)
    assert len(QApplication.screens()) == 1  # the offscreen platform has one screen
    panel, first = window.item_panel, CHECK.banks[0].items[0]
    qtbot.keyClick(window, Qt.Key.Key_Right)
    assert window.card_view.text() == first.card
    assert panel.card.text() == first.card
    assert first.answer not in panel.answer.text()
    assert panel.answer.text() == "Answer hidden while the card shows"
    # away from the card: below the countdown and the mark, at the foot of the panel
    assert panel.answer.y() > panel.mark.y() > panel.card.y()
    qtbot.waitUntil(lambda: window.card_view.text() == "", timeout=3000)
    assert panel.answer.text() == f"Answer: {first.answer}"


def open_consenting_check(qtbot: QtBot, data_dir: Path) -> tuple[Store, KnowledgeWindow]:
    """A child whose family agreed to recording, and the check opened as the teacher opens it."""
    store = open_store(data_dir)
    details = StudentDetails(name="Ana Sione", recording_consent=True, consent_date=date.today())
    student = student_store.add_student(store, details)
    when_dialog_opens(lambda dialog: dialog.accept())
    window = open_knowledge_check(None, store, student)
    assert window is not None
    qtbot.addWidget(window, before_close_func=lambda w: setattr(w, "_allow_close", True))
    return store, window


@pytest.mark.audio
def test_a_consenting_childs_check_is_recorded_and_its_marks_replay_in_review(
    virtual_mic, qtbot: QtBot, data_dir: Path
) -> None:
    from ikan_desktop.workflows.review import load_review

    store, window = open_consenting_check(qtbot, data_dir)
    qtbot.waitUntil(lambda: window.run.clock.position_ms() > 300, timeout=5000)
    assert window.clock_label.text().startswith("● Recording")
    for key in (Qt.Key.Key_1, Qt.Key.Key_0):
        qtbot.keyClick(window, key)
        qtbot.keyClick(window, Qt.Key.Key_Right)
        qtbot.wait(200)
    window._finish()
    ((audio_path, frames, sha),) = rows(
        data_dir, "SELECT audio_path, audio_frames, audio_sha256 FROM sessions"
    )
    assert audio_path and frames > 0 and len(sha) == 64
    marks = rows(data_dir, "SELECT code, has_audio, t_ms FROM tags WHERE kind = 'knowledge'")
    assert [(code, audio) for code, audio, _ in marks] == [("right", 1), ("wrong", 1)]
    review = load_review(store, window.run.session_id)
    assert review.audio_path is not None and review.audio_path.is_file()
    assert all(0 < t <= review.length_ms for _, _, t in marks)


@pytest.mark.audio
def test_a_recording_that_cannot_be_saved_is_said_and_the_check_goes_on(
    virtual_mic, qtbot: QtBot, data_dir: Path
) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "audio").write_text("a file where the recordings' folder should be")
    _store, window = open_consenting_check(qtbot, data_dir)
    qtbot.waitUntil(window.problem.isVisible, timeout=5000)
    assert "could not be saved" in window.problem.text()
    assert "without audio" in window.problem.text()
    qtbot.waitUntil(lambda: window.run.clock.position_ms() > 300, timeout=5000)
    qtbot.keyClick(window, Qt.Key.Key_1)
    qtbot.waitUntil(
        lambda: rows(data_dir, "SELECT code FROM tags WHERE kind = 'knowledge'") == [("right",)]
    )
    assert (data_dir / "audio").read_text().startswith("a file")


def test_without_consent_the_check_is_not_recorded(qtbot: QtBot, data_dir: Path) -> None:
    store = open_store(data_dir)
    student = student_store.add_student(store, StudentDetails(name="Tama Rewi"))
    when_dialog_opens(lambda dialog: dialog.accept())
    window = open_knowledge_check(None, store, student)
    assert window is not None
    qtbot.addWidget(window, before_close_func=lambda w: setattr(w, "_allow_close", True))
    assert window.clock_label.text().startswith("No audio")
    assert rows(data_dir, "SELECT audio_path FROM sessions") == [(None,)]


def test_an_item_without_a_card_shows_no_card_box(qtbot: QtBot, data_dir: Path) -> None:
    window = open_window(qtbot, data_dir, counting=True)
    first = CHECK.counting_items[0]
    assert not first.card
    panel = window.item_panel
    assert not panel.card.isVisible()
    assert "just ask" in panel.countdown.text().casefold()
