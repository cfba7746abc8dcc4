"""The interview recorder: QAudioSource → WavWriter, and the sample clock every tag is stamped with.

Why QAudioSource and not QMediaRecorder: raw PCM gives us the sample count (the clock), streams
straight into our crash-tolerant writer, and keeps working where Qt's FFmpeg backend fails to load.

The clock is frames written ÷ rate, plus the time since the last chunk arrived (capped at one
chunk): Qt hands audio over in ~10 ms chunks, so the bare count is up to 10 ms behind a key
press, and the extrapolation removes that lag without ever drifting from the file (feasibility
addendum). When the audio fails, the clock carries on from where the audio ended on a monotonic
timer and `has_audio` turns False, so an interview keeps going and its tags stay in order.

The recorder runs on the thread that owns it (the GUI thread); the file's writes and fsyncs run
on a writer thread of their own (`wav_thread`), so a slow disk never holds up a key press. Qt's
capture buffer is set to two seconds so a busy GUI thread loses nothing. Problems never raise out of a Qt callback:
they arrive as `failed(message)`, written for a teacher, with the file closed and valid.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from PySide6.QtCore import (
    QObject,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtMultimedia import QAudioFormat, QAudioSource, QMediaDevices, QtAudio

from ikan_desktop.audio import (
    NOT_ALLOWED,
    REFUSED,
    AudioEvent,
    RecordingSummary,
    cannot_save,
    microphone_lost,
    missing_device,
    recording_stopped,
)
from ikan_desktop.audio.arrivals import ArrivalRecord
from ikan_desktop.audio.devices import (
    DEFAULT_RATE,
    DeviceChoice,
    capture_format,
    device_present,
    emit_safely,
    find_input,
    to_mono_int16,
)
from ikan_desktop.audio.permission import with_microphone_permission
from ikan_desktop.audio.recording_clock import (
    FAILED,
    IDLE,
    PAUSED,
    RECORDING,
    STARTING,
    STOPPED,
    RecordingClock,
)
from ikan_desktop.audio.wav_thread import BackgroundWavWriter
from ikan_desktop.audio.wavfile import WavWriter
from ikan_desktop.private_files import make_private_folder

BUFFER_SECONDS = 2.0
LEVEL_EVERY_S = 0.05
FIRST_DATA_TIMEOUT_S = 5.0
STALL_TIMEOUT_S = 2.0


class Recorder(QObject, RecordingClock):
    """Records one interview from one microphone into one WAV file (or only meters, without a path)."""

    started = Signal()  # the first audio arrived: position 0 is the first frame of the file
    level = Signal(float, float)  # RMS and peak, 0..1, about 20 times a second
    paused = Signal(int)  # at_ms
    resumed = Signal(int)  # at_ms
    stopped = Signal(int)  # audio_ended_ms
    failed = Signal(str)  # a plain-language message; the file is closed and valid

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        device: DeviceChoice = None,
        rate: int = DEFAULT_RATE,
        fmt: QAudioFormat | None = None,
        now: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self._choice, self._wanted_rate, self._forced_format, self._now = device, rate, fmt, now
        self._state = IDLE
        self._path: Path | None = None
        self._writer: BackgroundWavWriter | None = None
        self._source: QAudioSource | None = None
        self._io = None
        self._format: QAudioFormat | None = None
        self._device_id = b""
        self.device_name = ""
        self.rate = rate
        self.problem = ""
        self._frames = 0
        self._append = False
        self._carry = b""
        self._last_chunk_at: float | None = None
        self._arrivals = ArrivalRecord(rate)
        self._last_chunk_frames = 0
        self._last_data_at = 0.0
        self._floor_ms = 0
        self._moment_floor_ms = 0
        self._frozen_ms = 0
        self._fallback_ms = 0
        self._fallback_since: float | None = None
        self._audio_ended_ms: int | None = None
        self._events: list[AudioEvent] = []
        self._level_chunks: list[bytes] = []
        self._level_at = 0.0
        self._watchdog = QTimer(self)
        self._watchdog.setInterval(500)
        self._watchdog.timeout.connect(self._on_watchdog)
        self._devices = QMediaDevices(self)
        self._devices.audioInputsChanged.connect(self._on_inputs_changed)

    # ----- what callers read ----------------------------------------------------------------
    @property
    def state(self) -> str:
        return self._state

    @property
    def path(self) -> Path | None:
        return self._path

    @property
    def has_audio(self) -> bool:
        """True while tags stamped now point at real audio in the file."""
        return self._state in (STARTING, RECORDING, PAUSED)

    @property
    def frames_written(self) -> int:
        return self._frames

    @property
    def audio_ended_ms(self) -> int | None:
        """Where the audio ends, once stopped or failed (None while it is still growing)."""
        return self._audio_ended_ms

    @property
    def events(self) -> tuple[AudioEvent, ...]:
        return tuple(self._events)

    def summary(self) -> RecordingSummary:
        return RecordingSummary(
            self._path, self.rate, self._frames, tuple(self._events), problem=self.problem
        )

    # ----- what callers do ------------------------------------------------------------------
    def start(self, path: Path | str | None, *, append: bool = False) -> bool:
        """Begin recording into a new file at `path` (None: level meter only). False = failed.

        `append` carries on an existing recording of ours: the clock starts at its end.
        """
        if self._state != IDLE:
            raise RuntimeError("a Recorder records once; make a new one for the next interview")
        self._append = append
        self._path = Path(path) if path is not None else None
        self._state = STARTING
        with_microphone_permission(self, granted=self._permitted, refused=self._refused)
        return self._state != FAILED

    def pause(self) -> None:
        """Freeze the clock and stop listening; nothing said during the pause is recorded."""
        if self._state in (STARTING, RECORDING):
            self._drain()  # audio already captured belongs before the pause
            if self._state in (STARTING, RECORDING):
                if self._source is not None:
                    self._source.suspend()
                # Frozen where the saved audio ends, never ahead of it: the extrapolation
                # guessed at audio that the pause cut off. (Tags stamped in that gap are
                # brought back to this point by the interview.)
                self._frozen_ms = self._ended_ms()
                self._floor_ms = min(self._floor_ms, self._frozen_ms)
                self._moment_floor_ms = min(self._moment_floor_ms, self._frozen_ms)
                self._state = PAUSED
                self._write_safely(lambda w: w.flush())  # a failure here leaves the clock frozen
        if self._state == FAILED and self._fallback_since is not None:
            self._fallback_ms, self._fallback_since = self.position_ms(), None
        elif self._events and self._events[-1].kind == "paused":
            return  # already paused
        elif self._state not in (PAUSED, FAILED):
            return
        at = self.position_ms()
        self._events.append(AudioEvent("paused", at))
        emit_safely(self.paused, at)

    def resume(self) -> None:
        """Listen again; the clock carries on from where it was paused."""
        if self._state == PAUSED:
            self._last_chunk_at = None
            self._arrivals.forget()
            self._last_data_at = self._now()
            self._state = RECORDING if self._frames else STARTING
            if self._source is not None:
                self._source.resume()
        elif self._state == FAILED and self._fallback_since is None:
            self._fallback_since = self._now()
        else:
            return
        at = self.position_ms()
        self._events.append(AudioEvent("resumed", at))
        emit_safely(self.resumed, at)

    def stop(self) -> RecordingSummary:
        """Finish: take the last audio, close the file (header final, synced), report."""
        if self._state in (STARTING, RECORDING):
            self._drain()
        if self._state in (IDLE, STARTING, RECORDING, PAUSED):
            self._state = STOPPED
            self._frozen_ms = self._ended_ms()
            self._floor_ms = min(self._floor_ms, self._frozen_ms)
            self._close_source()
            self._audio_ended_ms = self._frozen_ms
            try:
                if self._writer is not None:
                    self._writer.close()
            except OSError as error:
                self.problem = cannot_save(error, self._path, self._ended_ms())
            self._events.append(AudioEvent("audio_ended", self._audio_ended_ms))
            self._emit_level(0.0, 0.0)
            emit_safely(self.stopped, self._audio_ended_ms)
        elif self._state == FAILED and self._fallback_since is not None:
            self._fallback_ms, self._fallback_since = self.position_ms(), None
        return self.summary()

    # ----- starting -------------------------------------------------------------------------
    def _permitted(self) -> None:
        if self._state == STARTING:  # the answer may come after a stop
            self._open()

    def _refused(self) -> None:
        if self._state == STARTING:
            self._fail(NOT_ALLOWED)

    def _open(self) -> None:
        device = find_input(self._choice)
        if device is None:
            self._fail(missing_device(self._choice, any_devices=bool(QMediaDevices.audioInputs())))
            return
        self._device_id, self.device_name = bytes(device.id().data()), device.description()
        fmt = self._forced_format or capture_format(device, self._wanted_rate)
        self._format, self.rate = fmt, fmt.sampleRate()
        self._arrivals = ArrivalRecord(self.rate)
        if self._path is not None:
            try:
                make_private_folder(self._path.parent)
                self._writer = BackgroundWavWriter(
                    WavWriter(self._path, self.rate, 1, append=self._append)
                )
                self._frames = self._writer.frames_written  # 0, or the end of a continued file
            except OSError as error:
                self._fail(cannot_save(error, self._path, 0, starting=True))
                return
        source = QAudioSource(device, fmt, self)
        source.setBufferSize(int(fmt.bytesForDuration(int(BUFFER_SECONDS * 1e6))))
        source.stateChanged.connect(self._on_source_state)  # before start(): PySide6 6.12 bug
        self._source = source
        self._last_data_at = self._now()
        self._io = source.start()
        if self._io is None or source.error() != QtAudio.Error.NoError:
            self._fail(REFUSED)
            return
        self._io.readyRead.connect(self._on_ready_read)
        self._watchdog.start()

    # ----- audio arriving -------------------------------------------------------------------
    @Slot()
    def _on_ready_read(self) -> None:
        try:
            self._drain()
        except Exception:  # never let a problem escape into Qt's event loop
            logging.getLogger(__name__).exception("recording stopped")
            self._fail(recording_stopped(self._ended_ms()))

    def _drain(self) -> None:
        if self._io is None or self._state not in (STARTING, RECORDING):
            if self._io is not None:
                self._io.readAll()  # a suspended source that still delivers: not recorded
            return
        data = bytes(self._io.readAll().data())
        if data:
            self._take(data, self._now())

    def _take(self, data: bytes, now: float) -> None:
        assert self._format is not None
        channels = self._format.channelCount()
        frame_bytes = self._format.bytesPerFrame()
        data = self._carry + data
        whole = len(data) - len(data) % frame_bytes
        self._carry = data[whole:]
        pcm = to_mono_int16(data[:whole], self._format.sampleFormat(), channels)
        if not pcm:
            return
        if self._writer is not None and not self._write_safely(lambda w: w.write(pcm)):
            return
        frames = len(pcm) // 2
        self._frames += frames
        self._arrivals.arrived(now, self._frames)
        self._last_chunk_at, self._last_chunk_frames, self._last_data_at = now, frames, now
        if self._state == STARTING:
            self._state = RECORDING
            emit_safely(self.started)
        self._meter(pcm, now)

    def _meter(self, pcm: bytes, now: float) -> None:
        # Gathered and measured 20 times a second, not per 10 ms chunk: half the CPU cost.
        self._level_chunks.append(pcm)
        if now - self._level_at >= LEVEL_EVERY_S:
            x = np.frombuffer(b"".join(self._level_chunks), "<i2").astype(np.float32)
            rms = float(np.sqrt(np.dot(x, x) / len(x))) / 32768
            self._emit_level(rms, float(np.abs(x).max()) / 32768)
            self._level_at = now

    def _emit_level(self, rms: float, peak: float) -> None:
        self._level_chunks.clear()
        emit_safely(self.level, min(rms, 1.0), min(peak, 1.0))

    # ----- things going wrong ---------------------------------------------------------------
    @Slot()
    def _on_source_state(self) -> None:
        source = self._source
        if source is None or self._state in (STOPPED, FAILED):
            return
        error = source.error()
        if error == QtAudio.Error.OpenError:
            self._fail(REFUSED)
        elif error in (QtAudio.Error.IOError, QtAudio.Error.FatalError):
            self._fail(microphone_lost(self._ended_ms()))

    @Slot()
    def _on_inputs_changed(self) -> None:
        live = self._state in (STARTING, RECORDING, PAUSED)
        if live and self._device_id and not device_present(self._device_id):
            self._fail(microphone_lost(self._ended_ms()))

    @Slot()
    def _on_watchdog(self) -> None:
        if self._state not in (STARTING, RECORDING):
            return
        if self._source is not None and self._source.bytesAvailable() > 0:
            self._drain()
        limit = FIRST_DATA_TIMEOUT_S if self._state == STARTING else STALL_TIMEOUT_S
        if self._state in (STARTING, RECORDING) and self._now() - self._last_data_at > limit:
            lost = REFUSED if self._state == STARTING else microphone_lost(self._ended_ms())
            self._fail(lost)

    def _write_safely(self, action: Callable[[BackgroundWavWriter], None]) -> bool:
        if self._writer is None:
            return True
        try:
            action(self._writer)
        except OSError as error:
            self._fail(cannot_save(error, self._path, self._ended_ms()))
            return False
        return True

    def _fail(self, message: str) -> None:
        """Stop listening, keep the file valid, and let the clock run on without audio."""
        if self._state in (STOPPED, FAILED):
            return
        was_paused = self._state == PAUSED
        at = self.position_ms()
        self._state = FAILED
        self.problem = message
        if self._writer is not None:  # what reached the disk, even from a chunk cut short
            self._frames = self._writer.frames_written
        self._audio_ended_ms = self._frames * 1000 // self.rate
        self._close_source()
        if self._writer is not None:
            # What is on disk stays even if the header cannot be updated: `repair` fixes it.
            with contextlib.suppress(OSError):
                self._writer.close()
        self._fallback_ms = max(at, self._audio_ended_ms)
        self._fallback_since = None if was_paused else self._now()
        self._events.append(AudioEvent("audio_ended", self._audio_ended_ms))
        self._emit_level(0.0, 0.0)
        emit_safely(self.failed, message)

    def _close_source(self) -> None:
        self._watchdog.stop()
        source, self._source, io, self._io = self._source, None, self._io, None
        if source is None:
            return
        source.stateChanged.disconnect(self._on_source_state)
        if io is not None:
            io.readyRead.disconnect(self._on_ready_read)
        source.stop()
        source.deleteLater()
