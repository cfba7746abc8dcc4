"""The microphone check dialog with the real virtual microphone: level, silence, test clip."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest
from audio_compare import speak, write_wav
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ikan_desktop.ui.settings.microphone_check import (
    MISSING,
    PLAYED,
    SILENT,
    WORKING,
    MicrophoneCheckDialog,
)
from ikan_desktop.ui.widgets.level_meter import LevelMeter, describe_level, fraction_of_bar

pytestmark = pytest.mark.audio


def open_dialog(qtbot: QtBot, **kwargs) -> MicrophoneCheckDialog:
    dialog = MicrophoneCheckDialog(**kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def tone(path: Path, seconds: float, amplitude: float = 0.5) -> Path:
    t = np.arange(int(48000 * seconds)) / 48000
    return write_wav(path, amplitude * np.sin(2 * np.pi * 440 * t), 48000)


def test_the_default_microphone_is_chosen_and_the_meter_rises_with_a_tone(
    virtual_mic, qtbot: QtBot, tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot)
    assert dialog.picker.currentText() == "VirtualMic (default)"
    assert dialog.meter.rms == 0
    player = virtual_mic.play(tone(tmp_path / "tone.wav", 1.5))
    qtbot.waitUntil(lambda: dialog.meter.rms > 0.2, timeout=5000)
    assert dialog.meter.words in ("Good", "Too loud")
    qtbot.waitUntil(lambda: dialog.status.text() == WORKING, timeout=3000)
    assert not dialog.warning
    player.wait(10)
    dialog.reject()


def test_silent_input_warns_that_the_microphone_may_be_muted_or_blocked(
    virtual_mic, qtbot: QtBot
) -> None:
    dialog = open_dialog(qtbot)
    qtbot.waitUntil(lambda: dialog.warning.startswith(SILENT), timeout=5000)
    assert dialog.meter.words == "No sound"
    assert "privacy settings" in dialog.status.text()
    dialog.reject()


def test_no_microphone_at_all_says_interviews_will_run_without_audio(qtbot: QtBot) -> None:
    dialog = open_dialog(qtbot, devices=lambda: [])
    assert dialog.warning == MISSING
    assert not dialog.picker.isEnabled()
    assert not dialog.test_button.isEnabled()
    dialog.reject()


def test_say_a_few_words_records_then_plays_the_clip_back(
    virtual_mic, qtbot: QtBot, tmp_path: Path
) -> None:
    speech = speak(tmp_path / "speech.wav", "One, two, three, four.")
    dialog = open_dialog(qtbot, test_seconds=2.0)
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    assert not dialog.test_button.isEnabled()
    player = virtual_mic.play(speech)
    qtbot.waitUntil(lambda: dialog.status.text() == PLAYED, timeout=15000)
    player.wait(10)
    assert dialog.clip_peak > 0.05
    assert dialog.test_button.isEnabled()
    dialog.reject()


def test_a_newly_plugged_microphone_appears_in_the_picker(virtual_mic, qtbot: QtBot) -> None:
    dialog = open_dialog(qtbot)
    loaded = subprocess.run(
        [
            "pactl",
            "load-module",
            "module-remap-source",
            "master=virtmic_sink.monitor",
            "source_name=usbmic",
            "source_properties=device.description=USBMic",
        ],
        env=virtual_mic.env,
        capture_output=True,
        text=True,
        check=True,
    )
    try:
        qtbot.waitUntil(
            lambda: "USBMic" in [dialog.picker.itemText(i) for i in range(dialog.picker.count())],
            timeout=5000,
        )
        assert dialog.picker.currentText() == "VirtualMic (default)"  # the choice is kept
    finally:
        subprocess.run(
            ["pactl", "unload-module", loaded.stdout.strip()], env=virtual_mic.env, check=True
        )
    dialog.reject()


def test_the_meter_reads_in_words_as_well_as_colour(qtbot: QtBot) -> None:
    meter = LevelMeter()
    qtbot.addWidget(meter)
    meter.show()
    assert fraction_of_bar(0) == 0 and fraction_of_bar(1.0) == 1
    assert 0.45 < fraction_of_bar(0.03) < 0.55  # -30 dBFS is half-way
    assert describe_level(0.0, 0.0) == "No sound"
    assert describe_level(0.005, 0.02) == "Quiet"
    assert describe_level(0.1, 0.4) == "Good"
    assert describe_level(0.2, 1.0) == "Too loud"
    meter.set_level(0.1, 0.4)
    assert meter.accessibleDescription() == "Good"
    image = meter.grab().toImage()
    left = image.pixelColor(10, image.height() // 2)
    right = image.pixelColor(image.width() - 60, image.height() // 2)
    assert left.name() == "#0072b2"  # the bar is filled from the left …
    assert right.name() != "#0072b2"  # … and stops where the level is


CLOSE_FIVE_TIMES = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QTimer, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMainWindow
    from ikan_desktop.ui.settings.microphone_check import MicrophoneCheckDialog, check_microphone

    app = QApplication([])
    window = QMainWindow()
    window.show()
    how, delay = sys.argv[1], int(sys.argv[2])

    def close_soon() -> None:
        def close() -> None:
            dialog = app.activeModalWidget()
            if how == "escape":
                QTest.keyClick(dialog, Qt.Key.Key_Escape)
            else:
                box = dialog.findChild(QDialogButtonBox)
                box.button(QDialogButtonBox.StandardButton.Close).click()
        QTimer.singleShot(delay, close)

    def open_like_the_start_dialog_does() -> None:
        close_soon()
        MicrophoneCheckDialog(window).exec()

    for _ in range(5):
        open_like_the_start_dialog_does()
        for _ in range(50):
            app.processEvents()
    for _ in range(2):
        close_soon()
        check_microphone(window)
        for _ in range(50):
            app.processEvents()
    print("closed seven times")
    """
)


@pytest.mark.parametrize("how", ["escape", "button"])
@pytest.mark.parametrize("delay_ms", [0, 400])
def test_closing_the_check_never_crashes_the_app(virtual_mic, how: str, delay_ms: int) -> None:
    """Closed at once (the recorder still starting) or while listening: no crash, five times."""
    run = subprocess.run(
        [sys.executable, "-c", CLOSE_FIVE_TIMES, how, str(delay_ms)],
        env=dict(virtual_mic.env, QT_QPA_PLATFORM="offscreen"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "shared QObject was deleted directly" not in run.stderr
    assert run.returncode == 0, run.stderr[-2000:]
    assert "closed seven times" in run.stdout
