"""Help ▸ Check this computer: the self-test in a window, with a report to copy for IT support.

The data folder and database checks run off the GUI thread; the microphone listens for a moment
and reports its level; a short tone checks the speakers. Each result is one plain line.
"""

from __future__ import annotations

import math
import tempfile
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QTimer, Signal, Slot
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtMultimedia import QAudioFormat, QAudioSink, QMediaDevices, QtAudio
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ikan_desktop import __version__
from ikan_desktop.audio import SILENT_PEAK, dbfs
from ikan_desktop.audio.devices import find_input
from ikan_desktop.audio.recorder import Recorder
from ikan_desktop.store import Store
from ikan_desktop.ui.background import run_in_background
from ikan_desktop.workflows.computer_check import (
    CheckLine,
    check_data_folder,
    check_database,
    header_lines,
    report_text,
)

LISTEN_MS = 1500
TONE_MS = 600
TONE_RATE = 16000
PLAYBACK_TIMEOUT_MS = 4000
_last = {"report": ""}


def last_report() -> str:
    """The report of the last full check in this session, or "" before the first."""
    return _last["report"]


def tone_pcm(ms: int = TONE_MS, rate: int = TONE_RATE) -> bytes:
    """A soft 660 Hz tone with gentle ends (16-bit mono), so it does not click."""
    frames = rate * ms // 1000
    fade = rate // 50
    samples = bytearray()
    for n in range(frames):
        envelope = min(1.0, n / fade, (frames - n) / fade)
        value = int(0.25 * 32767 * envelope * math.sin(2 * math.pi * 660 * n / rate))
        samples += value.to_bytes(2, "little", signed=True)
    return bytes(samples)


class ComputerCheckDialog(QDialog):
    """Runs the checks one after another; `finished_checks(report)` when all are done."""

    finished_checks = Signal(str)

    def __init__(self, parent: QWidget | None, store: Store) -> None:
        super().__init__(parent)
        self.setObjectName("computerCheck")
        self.setWindowTitle("Check this computer")
        self.store = store
        self.lines: list[CheckLine] = []
        self.report = ""
        self._recorder: Recorder | None = None
        self._sink: QAudioSink | None = None
        self._buffer: QBuffer | None = None
        self._peak = self._rms = 0.0
        self._clip_dir = Path(tempfile.mkdtemp(prefix="ikan-check-"))

        intro = QLabel(
            "ikan-desktop checks the microphone, the speakers, the data folder and the database. "
            "Speak for a moment while it listens. You will hear a short tone."
        )
        intro.setWordWrap(True)
        self.text = QPlainTextEdit(objectName="checkReport", readOnly=True)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setMinimumHeight(220)
        self.copy_button = QPushButton("&Copy report", objectName="copyReport")
        self.again_button = QPushButton("Check &again", objectName="checkAgain")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.again_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.copy_button.clicked.connect(self.copy_report)
        self.again_button.clicked.connect(self.start)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(640, 380)
        QTimer.singleShot(0, self.start)

    # ----- the sequence -----------------------------------------------------------------
    @Slot()
    def start(self) -> None:
        """Run every check again from the beginning."""
        self.lines = []
        self.copy_button.setEnabled(False)
        self.again_button.setEnabled(False)
        self._show(["Checking…"])
        store, folder = self.store, self.store.folder
        run_in_background(
            lambda: [*check_data_folder(folder), check_database(store)],
            on_done=self._after_files,
            on_error=lambda error: self._after_files(
                [CheckLine("Data folder", False, f"could not be checked ({type(error).__name__}).")]
            ),
            parent=self,
        )

    def _after_files(self, lines: list[CheckLine]) -> None:
        self.lines.extend(lines)
        self._show([*(line.text() for line in self.lines), "", "Listening to the microphone…"])
        self._listen()

    def _listen(self) -> None:
        if find_input(None) is None:
            self._add(CheckLine("Microphone", False, "none found. Plug one in and check again."))
            self._play_tone()
            return
        self._peak = self._rms = 0.0
        recorder = Recorder(self)
        recorder.level.connect(self._on_level)
        self._recorder = recorder
        if not recorder.start(self._clip_dir / "check.wav"):
            self._recorder = None
            self._add(CheckLine("Microphone", False, recorder.problem or "could not be opened."))
            self._play_tone()
            return
        QTimer.singleShot(LISTEN_MS, self, self._after_listening)

    @Slot(float, float)
    def _on_level(self, rms: float, peak: float) -> None:
        self._peak, self._rms = max(self._peak, peak), max(self._rms, rms)

    def _after_listening(self) -> None:
        recorder, self._recorder = self._recorder, None
        if recorder is None:
            return
        summary = recorder.stop()
        name = recorder.device_name or "the default microphone"
        recorder.deleteLater()
        if summary.problem:
            line = CheckLine("Microphone", False, f"{name}: {summary.problem}")
        elif self._peak < SILENT_PEAK:
            line = CheckLine(
                "Microphone",
                False,
                f"{name} gave only silence. It may be muted, or blocked by the system's privacy "
                "settings.",
            )
        else:
            level = f"{dbfs(self._rms):.0f} dBFS (loudest {dbfs(self._peak):.0f} dBFS)"
            line = CheckLine("Microphone", True, f"{name}: sound came through, level {level}.")
        self._add(line)
        self._play_tone()

    def _play_tone(self) -> None:
        output = QMediaDevices.defaultAudioOutput()
        if output.isNull():
            self._finish(CheckLine("Audio playback", False, "no speaker or headphones found."))
            return
        fmt = QAudioFormat()
        fmt.setSampleRate(TONE_RATE)
        fmt.setChannelCount(1)
        fmt.setSampleFormat(QAudioFormat.SampleFormat.Int16)
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(tone_pcm()))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self._sink = QAudioSink(output, fmt, self)
        self._sink.stateChanged.connect(self._on_sink_state)  # before start(): PySide6 6.12 bug
        self._output_name = output.description()
        self._sink.start(self._buffer)
        QTimer.singleShot(PLAYBACK_TIMEOUT_MS, self, self._playback_timed_out)

    @Slot()
    def _on_sink_state(self) -> None:
        sink = self._sink
        if sink is None or sink.state() not in (
            QtAudio.State.IdleState,
            QtAudio.State.StoppedState,
        ):
            return
        played = sink.error() == QtAudio.Error.NoError and sink.processedUSecs() > 0
        self._release_sink()
        if played:
            detail = f"a tone was played on {self._output_name}. Did you hear it?"
        else:
            detail = f"{self._output_name} could not play sound."
        self._finish(CheckLine("Audio playback", played, detail))

    def _playback_timed_out(self) -> None:
        if self._sink is not None:
            self._release_sink()
            self._finish(
                CheckLine("Audio playback", False, f"{self._output_name} did not play the tone.")
            )

    def _release_sink(self) -> None:
        sink, self._sink = self._sink, None
        if sink is not None:
            sink.stateChanged.disconnect(self._on_sink_state)
            sink.stop()
            sink.deleteLater()

    def _finish(self, line: CheckLine) -> None:
        self.lines.append(line)
        header = header_lines(__version__, pyside_version, self.store.folder)
        self.report = report_text(header, self.lines)
        _last["report"] = self.report
        self.text.setPlainText(self.report)
        self.copy_button.setEnabled(True)
        self.again_button.setEnabled(True)
        self.finished_checks.emit(self.report)

    # ----- showing ------------------------------------------------------------------------
    def _add(self, line: CheckLine) -> None:
        self.lines.append(line)
        self._show([*(item.text() for item in self.lines), "", "Playing a short tone…"])

    def _show(self, rows: list[str]) -> None:
        self.text.setPlainText("\n".join(rows))

    @Slot()
    def copy_report(self) -> None:
        """Put the report on the clipboard, to paste into an email to IT support."""
        QGuiApplication.clipboard().setText(self.report)
        self.copy_button.setText("Copied")

    def done(self, result: int) -> None:
        """Stop listening and playing before closing."""
        if self._recorder is not None:
            self._recorder.stop()
            self._recorder = None
        self._release_sink()
        super().done(result)
