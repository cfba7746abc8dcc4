"""One domain in the judgement panel: the suggestion, its evidence to hear, and the confirmation."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ikan_desktop.audio.signals import emit_safely
from ikan_desktop.store.judgements import ConfirmedStage
from ikan_desktop.ui.review.session_list import local_date
from ikan_desktop.ui.widgets.tag_lane import domain_colour
from ikan_desktop.workflows.review_judgement import (
    STRATEGY_ROW,
    JudgementRow,
    qualifiers_for,
    stage_choices,
)

NO_QUALIFIER = "—"
SAVE_AFTER_MS = 700  # typed next steps are saved this long after the last key


NOT_ASSESSED = "Not assessed — choose a stage"


class DomainCard(QFrame):
    """Suggested stage with reason and evidence; a stage and qualifier to confirm."""

    play_requested = Signal(int)  # t_ms
    confirm_requested = Signal(str, int, object)  # domain, stage, qualifier (str | None)
    next_steps_edited = Signal(str, int, list)  # domain, stage shown, lines

    def __init__(
        self,
        row: JudgementRow,
        *,
        next_steps: Callable[[int | None], tuple[tuple[str, ...], bool]] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.row = row
        self._next_steps = next_steps
        self.setObjectName(f"domain-{row.domain}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        colour = domain_colour(row.domain if row.kind == STRATEGY_ROW else None).name()
        self.setStyleSheet(  # the left edge in the domain's colour, as on the tag lane
            "DomainCard { background: #ffffff; border: 1px solid #d5d9e0; "
            f"border-left: 5px solid {colour}; border-radius: 6px; }}"
        )
        title = QLabel(f"<b>{row.name}</b>", objectName="domainName")
        title.setStyleSheet("font-size: 11pt;")
        self.suggestion = QLabel(objectName="suggestion", textFormat=Qt.TextFormat.RichText)
        head = QHBoxLayout()
        head.addWidget(title, 1)
        head.addWidget(self.suggestion)
        self.reason = QLabel(objectName="reason", wordWrap=True)
        self.reason.setTextFormat(Qt.TextFormat.RichText)
        self.reason.setStyleSheet("color: #444;")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(4)
        layout.addLayout(head)
        layout.addWidget(self.reason)
        self.evidence = QVBoxLayout()
        self.evidence.setSpacing(2)
        layout.addLayout(self.evidence)
        self.evidence_buttons: list[QPushButton] = []
        self._shown_evidence: tuple | None = None

        self.stage = QComboBox(objectName="stageChoice")
        self.stage.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.stage.setMinimumContentsLength(16)
        self.stage.addItem(NOT_ASSESSED, None)  # never a stage nobody chose
        for number, label in stage_choices():
            self.stage.addItem(label, number)
        self.qualifier = QComboBox(objectName="qualifierChoice")
        self.confirm_button = QPushButton("Confirm", objectName="confirmStage")
        self.confirm_button.setStyleSheet("font-weight: 600; padding: 3px 12px;")
        self.status = QLabel(objectName="confirmStatus", wordWrap=True)
        choose = QHBoxLayout()
        choose.addWidget(self.stage, 1)
        choose.addWidget(self.qualifier)
        choose.addWidget(self.confirm_button)
        layout.addLayout(choose)
        layout.addWidget(self.status)

        self.steps = QPlainTextEdit(objectName="nextSteps")
        self.steps_label = QLabel(objectName="nextStepsLabel")
        self.steps_label.setStyleSheet("color: #333; margin-top: 4px;")
        self._save_timer = QTimer(self, singleShot=True, interval=SAVE_AFTER_MS)
        self._save_timer.timeout.connect(self._emit_steps)
        self._filling = False
        if row.kind == STRATEGY_ROW and next_steps is not None:
            self.steps.setFixedHeight(66)
            self.steps.setPlaceholderText("Next steps for the profile, one per line")
            layout.addWidget(self.steps_label)
            layout.addWidget(self.steps)
            self.steps.textChanged.connect(self._steps_typed)
        else:
            self.steps.hide()
            self.steps_label.hide()

        self.stage.currentIndexChanged.connect(self._stage_changed)
        self.confirm_button.clicked.connect(self._confirm)
        self.show_row(row)

    # ----- showing ------------------------------------------------------------------------
    def show_row(self, row: JudgementRow) -> None:
        """Show a (re-read) row: its suggestion, the stage to offer and whether it is confirmed."""
        self.row = row
        if row.suggested is None:
            text = "<span style='color:#8a5a00'>No stage suggested</span>"
        else:
            qualifier = f" ({row.suggested_qualifier})" if row.suggested_qualifier else ""
            text = f"Suggested: <b>stage {row.suggested}{qualifier}</b>"
        self.suggestion.setText(text)
        badge = "".join(
            f"<span style='background:#fff4ce; color:#6b4a00;'>&nbsp;{words}&nbsp;</span> "
            for words, shown in (
                ("Needs more evidence", row.needs_more_evidence),
                ("Contradictory evidence", row.contradictory),
            )
            if shown
        )
        note = (
            f"<br><span style='color:#1f4e79;'>{html.escape(row.note)}</span>" if row.note else ""
        )
        self.reason.setText(badge + html.escape(row.reason) + note)
        if row.evidence != self._shown_evidence:  # rebuilding widgets costs a relayout
            self._show_evidence(row)
        self.flush()  # words being typed are saved before anything is refilled
        start = row.starting_stage
        self.stage.blockSignals(True)
        self.stage.setCurrentIndex(0 if start is None else max(0, self.stage.findData(start)))
        self.stage.blockSignals(False)
        self._fill_qualifiers(row.confirmed.qualifier if row.confirmed else None)
        self._show_status(row.confirmed)
        self._fill_steps()

    def _show_evidence(self, row: JudgementRow) -> None:
        """One line per task behind the suggestion, each with a button to hear its moment."""
        while self.evidence.count():
            line = self.evidence.takeAt(0).layout()
            while line is not None and line.count():
                widget = line.takeAt(0).widget()
                if widget is not None:
                    widget.deleteLater()
        self.evidence_buttons = []
        self._shown_evidence = row.evidence
        for item in row.evidence:
            line = QHBoxLayout()
            play = QPushButton("▶", objectName="playEvidence")
            play.setFixedWidth(30)
            play.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            play.setEnabled(item.has_audio)
            play.setToolTip("Hear this moment" if item.has_audio else "No recording here")
            play.clicked.connect(lambda _=False, t=item.t_ms: emit_safely(self.play_requested, t))
            self.evidence_buttons.append(play)
            line.addWidget(play)
            line.addWidget(QLabel(item.text, wordWrap=True), 1)
            self.evidence.addLayout(line)

    def _show_status(self, confirmed: ConfirmedStage | None) -> None:
        if confirmed is None:
            self.status.setText("Not confirmed yet.")
            self.status.setStyleSheet("color: #8a5a00;")
            self.confirm_button.setText("Confirm")
            return
        qualifier = f" ({confirmed.qualifier})" if confirmed.qualifier else ""
        who = f" by {confirmed.confirmed_by}" if confirmed.confirmed_by else ""
        when = f", {local_date(confirmed.confirmed_at)}" if confirmed.confirmed_at else ""
        self.status.setText(f"✔ Confirmed: stage {confirmed.stage}{qualifier}{who}{when}")
        self.status.setStyleSheet("color: #1d6b2c; font-weight: 600;")
        self.confirm_button.setText("Change")

    def _fill_qualifiers(self, chosen: str | None) -> None:
        stage = self.chosen_stage()
        self.confirm_button.setEnabled(stage is not None)
        allowed = qualifiers_for(stage) if self.row.kind != "knowledge" and stage else ()
        self.qualifier.blockSignals(True)
        self.qualifier.clear()
        self.qualifier.addItem(NO_QUALIFIER, None)
        if (
            chosen is None
            and self.row.confirmed is None
            and self.chosen_stage() == self.row.suggested
        ):
            chosen = self.row.suggested_qualifier  # the suggestion; the teacher still chooses
        for qualifier in allowed:
            self.qualifier.addItem(qualifier, qualifier)
        self.qualifier.setCurrentIndex(max(0, self.qualifier.findData(chosen)) if chosen else 0)
        self.qualifier.setEnabled(bool(allowed))
        self.qualifier.blockSignals(False)

    def _fill_steps(self) -> None:
        if self._next_steps is None or self.row.kind != STRATEGY_ROW:
            return
        stage = self.chosen_stage()
        lines, own = self._next_steps(stage) if stage is not None else ((), True)
        self.steps.setEnabled(stage is not None)
        self._filling = True
        self.steps.setPlainText("\n".join(lines))
        self._filling = False
        self.label_steps(own)

    def label_steps(self, own: bool) -> None:
        source = "your words" if own else "from the framework — edit to make them yours"
        self.steps_label.setText(f"Next steps ({source}):")

    # ----- the teacher's choices ----------------------------------------------------------
    def chosen_stage(self) -> int | None:
        """The stage in the box; None while it still says "not assessed"."""
        data = self.stage.currentData()
        return None if data is None else int(data)

    def _stage_changed(self) -> None:
        self.flush()  # next steps typed for the stage shown before are kept, never replaced
        self._fill_qualifiers(self.qualifier.currentData())
        self._fill_steps()

    def _confirm(self) -> None:
        if self.chosen_stage() is None:
            return
        emit_safely(
            self.confirm_requested,
            self.row.domain,
            self.chosen_stage(),
            self.qualifier.currentData(),
        )

    def _steps_typed(self) -> None:
        if not self._filling:
            self._save_timer.start()

    def _emit_steps(self) -> None:
        if self.chosen_stage() is None:
            return
        lines = self.steps.toPlainText().splitlines()
        emit_safely(self.next_steps_edited, self.row.domain, self.chosen_stage(), lines)

    def flush(self) -> None:
        """Save typed next steps now (the window is closing)."""
        if self._save_timer.isActive():
            self._save_timer.stop()
            self._emit_steps()
