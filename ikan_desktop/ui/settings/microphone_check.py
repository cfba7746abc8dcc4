"""The microphone check: pick a microphone, watch the level move, hear a few words played back.

Used before the first interview and from Settings. It listens the way an interview does (the
same Recorder, without a file), so a microphone that works here works in the interview. It
warns in plain words when the input is silent (muted, or blocked by the system's privacy
settings, which delivers silence rather than an error) or when there is no microphone at all.
"""

from __future__ import annotations

import shutil
import tempfile
import time
import wave
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QTimer, Signal, Slot
from PySide6.QtMultimedia import QAudioFormat, QAudioSink, QMediaDevices, QtAudio
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ikan_desktop.audio import SILENT_PEAK
from ikan_desktop.audio.devices import InputDevice, emit_safely, input_devices
from ikan_desktop.audio.recorder import Recorder
from ikan_desktop.ui.widgets.level_meter import LevelMeter

SILENT = "The microphone may be muted or blocked by the system's privacy settings."
SILENT_HELP = (
    " Check its mute switch, and allow ikan-desktop to use the microphone in the system's "
    "privacy settings."
)
MISSING = "No microphone was found. Plug one in, or interviews will run without audio."
WORKING = "Sound is coming through. The microphone is ready."
LISTENING = "Listening… say a few words now."
PLAYING = "Playing it back…"
PLAYED = "Did you hear yourself? If not, check the speaker volume."
SILENT_AFTER_S = 2.0


class MicrophoneCheckDialog(QDialog):
    """Choose and test the microphone. `device_chosen(id)` tells the caller what to remember."""

    device_chosen = Signal(bytes)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        device_id: bytes = b"",
        test_seconds: float = 3.0,
        devices: Callable[[], list[InputDevice]] = input_devices,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Microphone check")
        self.setObjectName("microphoneCheck")
        self._wanted_id, self._test_seconds, self._list_devices = device_id, test_seconds, devices
        self._recorder: Recorder | None = None
        self._listening_to = b""
        self._closing = False
        self.warning = ""
        self._listening_since = 0.0
        self._last_sound_at = 0.0
        self._sink: QAudioSink | None = None
        self._buffer: QBuffer | None = None
        self._clip_dir = Path(tempfile.mkdtemp(prefix="ikan-mic-check-"))
        self.clip_peak = 0.0

        intro = QLabel(
            "Check the microphone before the first interview. Speak as you would to a student: "
            "the bar should move with your voice."
        )
        intro.setWordWrap(True)
        self.picker = QComboBox(objectName="microphonePicker")
        self.picker.setAccessibleName("Microphone")
        self.meter = LevelMeter(self)
        self.status = QLabel(objectName="microphoneStatus")
        self.status.setWordWrap(True)
        self.test_button = QPushButton("Say a few words", objectName="sayAFewWords")
        self.test_button.setToolTip("Records three seconds, then plays them back to you")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Microphone:", self.picker)
        form.addRow("Level:", self.meter)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.test_button)
        layout.addWidget(buttons)
        self.resize(480, 240)

        self._media = QMediaDevices(self)
        self._media.audioInputsChanged.connect(self._refresh_devices)
        self.picker.currentIndexChanged.connect(self._on_picked)
        self.test_button.clicked.connect(self.record_test)
        self._ticker = QTimer(self, interval=250)
        self._ticker.timeout.connect(self._judge_silence)
        self._clip: Path | None = None
        self._clip_timer = QTimer(self, singleShot=True)
        self._clip_timer.timeout.connect(self._play_back)
        self._refresh_devices()

    # ----- devices ----------------------------------------------------------------------
    def selected_device_id(self) -> bytes:
        data = self.picker.currentData()
        return bytes(data) if data is not None else b""

    @Slot()
    def _refresh_devices(self) -> None:
        """Fill the picker; keep the current choice while it is still plugged in."""
        keep = self.selected_device_id() or self._wanted_id
        found = self._list_devices()
        self.picker.blockSignals(True)
        self.picker.clear()
        for device in found:
            label = f"{device.name} (default)" if device.is_default else device.name
            self.picker.addItem(label, device.id)
        index = next((i for i, d in enumerate(found) if d.id == keep), 0)
        self.picker.setCurrentIndex(index if found else -1)
        self.picker.blockSignals(False)
        self.picker.setEnabled(bool(found))
        self.test_button.setEnabled(bool(found))
        if not found:
            self._stop_listening()
            self._say(MISSING, warning=True)
        elif self._recorder is None or self.selected_device_id() != self._listening_to:
            self._listen()

    @Slot()
    def _on_picked(self) -> None:
        emit_safely(self.device_chosen, self.selected_device_id())
        self._listen()

    # ----- listening --------------------------------------------------------------------
    def _listen(self, path: Path | None = None) -> Recorder | None:
        self._stop_listening()
        device_id = self.selected_device_id()
        if not device_id or self._closing:
            return None
        recorder = Recorder(self, device=device_id)
        recorder.level.connect(self._on_level)
        recorder.failed.connect(self._on_failed)
        self._recorder, self._listening_to = recorder, device_id
        self._listening_since, self._last_sound_at = time.monotonic(), 0.0
        if recorder.start(path):
            self._ticker.start()
        return recorder

    def _stop_listening(self) -> None:
        self._ticker.stop()
        recorder, self._recorder = self._recorder, None
        if recorder is not None:
            recorder.stop()
            recorder.deleteLater()
        self.meter.set_level(0.0, 0.0)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self._say(message, warning=True)

    @Slot(float, float)
    def _on_level(self, rms: float, peak: float) -> None:
        self.meter.set_level(rms, peak)
        self.clip_peak = max(self.clip_peak, peak)
        if peak >= SILENT_PEAK:
            self._last_sound_at = time.monotonic()

    @Slot()
    def _judge_silence(self) -> None:
        if self._recorder is None or self._recorder.state == "failed" or self._sink is not None:
            return
        heard = self._last_sound_at or self._listening_since
        if time.monotonic() - heard > SILENT_AFTER_S:
            self._say(SILENT + SILENT_HELP, warning=True)
        elif self._last_sound_at and self.status.text() != LISTENING:
            self._say(WORKING)

    # ----- "Say a few words" ------------------------------------------------------------
    @Slot()
    def record_test(self) -> None:
        """Record a few seconds, then play them back so the teacher hears what was captured."""
        clip = self._clip_dir / f"clip-{time.monotonic_ns()}.wav"
        self.clip_peak = 0.0
        if self._listen(clip) is None:
            return
        self.test_button.setEnabled(False)
        self._say(LISTENING)
        self._clip = clip
        self._clip_timer.start(int(self._test_seconds * 1000))

    @Slot()
    def _play_back(self) -> None:
        clip = self._clip
        if self._recorder is None or clip is None:
            return
        summary = self._recorder.stop()
        self._stop_listening()
        if summary.problem:
            self._finish_test()
            return
        if self.clip_peak < SILENT_PEAK:
            self._say(SILENT + SILENT_HELP, warning=True)
            self._finish_test()
            return
        with wave.open(str(clip)) as reader:
            fmt = QAudioFormat()
            fmt.setSampleRate(reader.getframerate())
            fmt.setChannelCount(reader.getnchannels())
            fmt.setSampleFormat(QAudioFormat.SampleFormat.Int16)
            pcm = reader.readframes(reader.getnframes())
        output = QMediaDevices.defaultAudioOutput()
        if output.isNull():
            self._say("The recording worked, but there is no speaker to play it back on.")
            self._finish_test()
            return
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(pcm))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self._sink = QAudioSink(output, fmt, self)
        self._sink.stateChanged.connect(self._on_sink_state)  # before start(): PySide6 6.12 bug
        self._say(PLAYING)
        self._sink.start(self._buffer)

    @Slot()
    def _on_sink_state(self) -> None:
        sink = self._sink
        if sink is not None and sink.state() in (
            QtAudio.State.IdleState,
            QtAudio.State.StoppedState,
        ):
            self._sink = None
            sink.stateChanged.disconnect(self._on_sink_state)
            sink.stop()
            sink.deleteLater()
            self._say(PLAYED)
            self._finish_test()

    def _finish_test(self) -> None:
        """Back to live listening, keeping the test's message on show."""
        self.test_button.setEnabled(bool(self.selected_device_id()))
        text, warning = self.status.text(), bool(self.warning)
        self._listen()
        self._say(text, warning=warning)

    # ----- words and closing ------------------------------------------------------------
    def _say(self, text: str, *, warning: bool = False) -> None:
        """Show a message; warnings are bold and dark orange, and read out by screen readers."""
        self.warning = text if warning else ""
        self.status.setText(text)
        self.status.setStyleSheet("color: #8A3B00; font-weight: 600;" if warning else "")
        self.status.setAccessibleDescription(text)

    def done(self, result: int) -> None:
        """Stop listening and playing before closing; the test clips go with the dialog."""
        if not self._closing:
            self._closing = True
            self._clip_timer.stop()
            self._media.audioInputsChanged.disconnect(self._refresh_devices)
            self._stop_listening()
            sink, self._sink = self._sink, None
            if sink is not None:
                sink.stateChanged.disconnect(self._on_sink_state)
                sink.stop()
            shutil.rmtree(self._clip_dir, ignore_errors=True)
        super().done(result)


def check_microphone(parent: QWidget | None, *, device_id: bytes = b"") -> bytes:
    """Run the check as a modal dialog and free it at once; returns the microphone last chosen.

    The dialog (and the recorder it owns) is deleted here, on purpose, while nothing else
    refers to it: left to Python's garbage collector, it could be freed from inside the
    deletion of its own recorder, which crashed the app.
    """
    dialog = MicrophoneCheckDialog(parent, device_id=device_id)
    try:
        dialog.exec()
        return dialog.selected_device_id()
    finally:
        dialog.deleteLater()
