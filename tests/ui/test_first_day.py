"""A new teacher's first interview by keyboard: start on Enter, keys from the first press, the
note stamped when N is pressed, the card shown and hidden with V, nothing clipped or boxed."""

from __future__ import annotations

from pathlib import Path

from interview_helpers import live_window, start_interview
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from pytestqt.qtbot import QtBot
from ui_helpers import when_dialog_opens

from ikan_desktop.audio import AudioPlan
from ikan_desktop.ui.interview.card_view import CardView
from ikan_desktop.ui.interview.start_dialog import StartInterviewDialog
from ikan_desktop.workflows.interview_plan import plan_sections


class SteppedClock:
    """A clock the test moves by hand: what matters here is *when* the stamp is read."""

    has_audio = False

    def __init__(self) -> None:
        self.ms = 0

    def position_ms(self) -> int:
        return self.ms

    def pause(self) -> None: ...

    def resume(self) -> None: ...


def a_start_dialog(qtbot: QtBot, data_dir: Path) -> StartInterviewDialog:
    store, _interview, rules = start_interview(data_dir)
    store.close()
    sections = plan_sections(rules.script, rules.codes)
    dialog = StartInterviewDialog(
        None,
        student_name="Aroha Ngata",
        forms=["A", "B"],
        suggested_form="A",
        sections=sections,
        suggested_section=sections[1],
        start_reason="Suggested.",
        audio=AudioPlan(False, "No recording consent."),
    )
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def test_enter_in_the_start_dialog_starts_the_interview(qtbot: QtBot, data_dir: Path) -> None:
    dialog = a_start_dialog(qtbot, data_dir)
    checks: list[bool] = []
    dialog.check_microphone.clicked.connect(lambda: checks.append(True))
    assert dialog.start_button.isDefault() and not dialog.check_microphone.autoDefault()
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted and not checks


def test_alt_s_starts_and_tab_reaches_start_before_cancel(qtbot: QtBot, data_dir: Path) -> None:
    dialog = a_start_dialog(qtbot, data_dir)
    dialog.section.setFocus()
    order = []
    for _ in range(3):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    assert order == [dialog.check_microphone, dialog.start_button, dialog.cancel_button]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=2000)


def test_the_interview_window_takes_the_keyboard_the_moment_it_opens(
    qtbot: QtBot, data_dir: Path
) -> None:
    store, interview, rules = start_interview(data_dir, start="counting-all-or-on")
    window = live_window(interview, rules)
    qtbot.addWidget(window, before_close_func=lambda w: setattr(w, "_allow_close", True))
    other = QDialog()  # the start dialog, say, still holds the keyboard
    qtbot.addWidget(other)
    other.show()
    other.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is other)
    window.show()  # no activateWindow() from outside: the window must take the keyboard
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    qtbot.keyClick(window, Qt.Key.Key_J)
    assert [t.code for t in interview.tags()] == ["just_knew"]
    store.close()


def test_a_quick_note_is_stamped_when_n_is_pressed(qtbot: QtBot, data_dir: Path) -> None:
    clock = SteppedClock()
    store, interview, rules = start_interview(data_dir, clock=clock)
    window = live_window(interview, rules)
    qtbot.addWidget(window, before_close_func=lambda w: setattr(w, "_allow_close", True))
    window.show()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    clock.ms = 12_000
    qtbot.keyClick(window, Qt.Key.Key_N)
    clock.ms = 15_500  # three and a half seconds of typing
    qtbot.keyClicks(window.note, "counted on fingers")
    qtbot.keyClick(window.note, Qt.Key.Key_Return)
    (note,) = interview.tags()
    assert (note.note, note.t_ms) == ("counted on fingers", 12_000)
    store.close()


def test_after_stop_the_window_no_longer_says_recording(qtbot: QtBot, data_dir: Path) -> None:
    store, interview, rules = start_interview(data_dir)
    window = live_window(interview, rules)
    qtbot.addWidget(window)
    window.show()
    seen: list[tuple[bool, str]] = []
    window.finished.connect(lambda _sid: seen.append((window.isVisible(), window.recording.text())))
    when_dialog_opens(lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    window.ask_to_stop()
    assert seen and not seen[0][0] and "Recording" not in seen[0][1]
    store.close()


def test_the_pause_indicator_uses_only_characters_the_font_has(
    qtbot: QtBot, data_dir: Path
) -> None:
    store, interview, rules = start_interview(data_dir)
    window = live_window(interview, rules)
    qtbot.addWidget(window, before_close_func=lambda w: setattr(w, "_allow_close", True))
    window.show()
    window.perform("pause")
    text = window.recording.text()
    assert "Paused" in text
    metrics = QFontMetrics(window.recording.font())
    assert all(metrics.inFontUcs4(ord(ch)) for ch in text if not ch.isspace())
    store.close()


def test_card_text_is_never_clipped(qtbot: QtBot) -> None:
    view = CardView()
    qtbot.addWidget(view)
    view.show()
    for size in ((900, 600), (480, 700), (360, 360)):
        view.resize(*size)
        for card in ("one third of 6", "4 bags, 5 in each", "37 + 48", "1000"):
            view.show_card(card)
            area = view.card.contentsRect()
            drawn = QFontMetrics(view.card.font()).boundingRect(
                area, int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignCenter), card
            )
            assert drawn.width() <= area.width() and drawn.height() <= area.height(), card


def test_v_shows_the_card_and_v_hides_it_again(qtbot: QtBot, data_dir: Path) -> None:
    store, interview, rules = start_interview(data_dir, start="counting-all-or-on")
    window = live_window(interview, rules)
    qtbot.addWidget(window, before_close_func=lambda w: setattr(w, "_allow_close", True))
    window.show()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_V)
    assert window.card_view.isVisible() and window.card_view.isFullScreen()
    qtbot.keyClick(window.card_view, Qt.Key.Key_V)
    assert not window.card_view.isVisible()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    store.close()


def test_the_card_preview_on_the_teachers_screen_shows_every_card_in_full(
    qtbot: QtBot, data_dir: Path
) -> None:
    store, interview, rules = start_interview(data_dir)
    window = live_window(interview, rules)
    qtbot.addWidget(window, before_close_func=lambda w: setattr(w, "_allow_close", True))
    window.resize(1000, 700)
    window.show()
    card = window.task_panel.card
    for section in interview.sections:
        for task in (t for t in section.tasks if t.card):
            window.task_panel.show_task(task, section.title)
            QApplication.processEvents()
            assert card.height() >= card.heightForWidth(card.width()), task.card
            assert task.card in card.text()
    store.close()


def test_ctrl_w_asks_to_stop_so_the_keyboard_reaches_the_end(qtbot: QtBot, data_dir: Path) -> None:
    store, interview, rules = start_interview(data_dir)
    window = live_window(interview, rules)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    when_dialog_opens(lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    qtbot.keyClick(window, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert interview.finished
    store.close()


def test_the_start_dialog_has_no_clashing_alt_keys(qtbot: QtBot, data_dir: Path) -> None:
    from PySide6.QtWidgets import QAbstractButton, QLabel

    dialog = a_start_dialog(qtbot, data_dir)
    keys = []
    for child in dialog.findChildren(QLabel) + dialog.findChildren(QAbstractButton):
        text = child.text().replace("&&", "")
        if child.isVisible() and "&" in text:
            keys.append(text[text.index("&") + 1].lower())
    assert "s" in keys and len(keys) == len(set(keys)), keys
