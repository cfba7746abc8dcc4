"""The judgement panel: one card per domain, the global stage, and the comment for the profile.

Every confirmation and every edit is saved at once as its own record; the panel re-reads the
database after each one, so what it shows is what is stored.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ikan_desktop.audio.signals import emit_safely
from ikan_desktop.store.database import Store
from ikan_desktop.ui.review.domain_card import SAVE_AFTER_MS, DomainCard
from ikan_desktop.workflows.review import SessionReview, load_review
from ikan_desktop.workflows.review_edits import ReviewError
from ikan_desktop.workflows.review_judgement import (
    JudgementRow,
    confirm_row,
    judgement_rows,
    next_steps_for,
    save_comment,
    save_next_steps,
    teacher_comment,
)


class JudgementPanel(QScrollArea):
    """Confirm stages from the evidence; emits `play_requested(t_ms)` and `confirmed()`."""

    play_requested = Signal(int)
    confirmed = Signal()

    def __init__(self, store: Store, review: SessionReview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.review = store, review
        self.setObjectName("judgementPanel")
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMinimumWidth(420)
        body = QWidget(objectName="judgementBody")
        body.setStyleSheet("#judgementBody { background: #f4f6f9; }")
        self.layout_ = QVBoxLayout(body)
        self.layout_.setContentsMargins(8, 8, 8, 8)
        self.layout_.setSpacing(8)
        heading = QLabel("<b>Judgement</b> — confirm each stage from the evidence")
        heading.setStyleSheet("font-size: 12pt;")
        self.layout_.addWidget(heading)
        self.cards: dict[str, DomainCard] = {}
        rows = judgement_rows(store, review)
        if not rows:
            empty = QLabel(
                "Nothing to judge yet: this interview has no tags on a task of its form.",
                wordWrap=True,
            )
            self.layout_.addWidget(empty)
        for row in rows:
            card = DomainCard(row, next_steps=self._steps_source(row))
            card.play_requested.connect(lambda t: emit_safely(self.play_requested, t))
            card.confirm_requested.connect(self._confirm)
            card.next_steps_edited.connect(self._save_steps)
            self.cards[row.domain] = card
            self.layout_.addWidget(card)

        self.layout_.addWidget(QLabel("<b>Comment for the profile</b> (families will read it)"))
        self.comment = QPlainTextEdit(objectName="teacherComment")
        self.comment.setPlaceholderText("What you noticed, in plain words for the family.")
        self.comment.setFixedHeight(80)
        self.comment.setPlainText(teacher_comment(store, review.session.id))
        self._comment_timer = QTimer(self, singleShot=True, interval=SAVE_AFTER_MS)
        self._comment_timer.timeout.connect(self._save_comment)
        self.comment.textChanged.connect(self._comment_timer.start)
        self.layout_.addWidget(self.comment)
        self.layout_.addStretch(1)
        self.setWidget(body)

    def _steps_source(self, row: JudgementRow):  # type: ignore[no-untyped-def]
        session_id = self.review.session.id
        return lambda stage: next_steps_for(self.store, session_id, row.domain, stage)

    def rows_confirmed(self) -> tuple[int, int]:
        """(confirmed, all) rows: how far the teacher has got."""
        done = sum(card.row.confirmed is not None for card in self.cards.values())
        return done, len(self.cards)

    def refresh(self, review: SessionReview | None = None) -> None:
        """Re-read the interview (after tag edits the suggestions change) and show it."""
        self.review = review or load_review(self.store, self.review.session.id)
        for row in judgement_rows(self.store, self.review):
            card = self.cards.get(row.domain)
            if card is not None:
                card.show_row(row)

    def _confirm(self, domain: str, stage: int, qualifier: object) -> None:
        card = self.cards[domain]
        try:
            confirm_row(self.store, self.review, card.row, stage, qualifier)  # type: ignore[arg-type]
        except ReviewError as problem:
            QMessageBox.warning(self, "Stage not confirmed", str(problem))
            return
        card.flush()
        self.refresh()
        emit_safely(self.confirmed)

    def _save_steps(self, domain: str, stage: int, lines: list[str]) -> None:
        own = save_next_steps(self.store, self.review, domain, lines, stage)
        self.cards[domain].label_steps(own)

    def _save_comment(self) -> None:
        save_comment(self.store, self.review, self.comment.toPlainText())

    def flush(self) -> None:
        """Save anything still being typed (the window is closing)."""
        for card in self.cards.values():
            card.flush()
        if self._comment_timer.isActive():
            self._comment_timer.stop()
            self._save_comment()
