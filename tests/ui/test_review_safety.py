"""Review never records what the teacher did not choose: the wheel, empty suggestions, typing."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox
from pytestqt.qtbot import QtBot
from review_helpers import recorded_interview

from ikan_desktop.store import open_store
from ikan_desktop.store.database import Store
from ikan_desktop.store.location import DB_NAME
from ikan_desktop.ui.review.domain_card import NOT_ASSESSED
from ikan_desktop.ui.review.review_window import ReviewWindow


@pytest.fixture
def window(qtbot: QtBot, data_dir: Path) -> Iterator[ReviewWindow]:
    store: Store = open_store(data_dir)
    review = ReviewWindow(store, recorded_interview(store))
    qtbot.addWidget(review)
    review.show()
    review.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is review)
    yield review
    store.close()


def wheel(box: QComboBox, steps: int) -> None:
    """Turn the mouse wheel over a box, the way scrolling down a panel does."""
    centre = QPointF(box.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(box.mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, -120 * steps),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(box, event)


def test_scrolling_over_a_stage_box_never_changes_the_stage(window: ReviewWindow) -> None:
    window.table.setFocus()
    for card in window.panel.cards.values():
        before = card.stage.currentIndex()
        wheel(card.stage, 3)
        assert card.stage.currentIndex() == before, card.row.domain
        assert not card.stage.hasFocus()
    card = window.panel.cards["additive"]
    card.stage.setFocus()  # clicked or tabbed into: now the wheel may choose
    wheel(card.stage, 1)
    assert card.stage.currentIndex() != before


def test_no_suggestion_means_not_assessed_and_confirm_waits_for_a_choice(
    window: ReviewWindow,
) -> None:
    empty = [c for c in window.panel.cards.values() if c.row.starting_stage is None]
    assert empty, "the interview has a domain without evidence"
    for card in empty:
        assert card.stage.currentText() == NOT_ASSESSED
        assert not card.confirm_button.isEnabled()
        assert "0 ·" not in card.stage.currentText()
    card = empty[0]
    card.stage.setCurrentIndex(card.stage.findData(2))
    assert card.confirm_button.isEnabled()


def test_next_steps_being_typed_are_saved_before_the_stage_changes(
    window: ReviewWindow, data_dir: Path
) -> None:
    card = window.panel.cards["additive"]
    session_id = window.review.session.id
    card.steps.setPlainText("Play 'make ten' with two dice")  # the save waits for a pause …
    card.stage.setCurrentIndex(card.stage.findData(6))  # … but the stage changes first
    conn = sqlite3.connect(data_dir / DB_NAME)
    saved = conn.execute(
        "SELECT text FROM profile_notes WHERE session_id = ? AND kind = 'next_steps'",
        (session_id,),
    ).fetchall()
    conn.close()
    assert saved == [("Play 'make ten' with two dice",)]


def test_the_tag_list_and_the_lane_name_tasks_in_teachers_words(window: ReviewWindow) -> None:
    shown = {window.model.index(row, 1).data() for row in range(window.model.rowCount())}
    assert "7 + 6" in shown  # task a3-add-1's card
    assert not any(text and text.startswith(("a3-", "a2-")) for text in shown)
    labels = {span.label for span in window.timeline.spans}
    assert "7 + 6" in labels and "a3-add-1" not in labels
