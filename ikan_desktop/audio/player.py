"""The review screen's player: a 16-bit WAV streamed from disk into a QAudioSink, in push mode.

Why QAudioSink and not QMediaPlayer: QMediaPlayer needs Qt's FFmpeg backend, which is known to
fail to load in frozen apps, while QAudioSink plays raw PCM without it, and a fresh sink plays
first exactly the frame we hand it first, so "play from this tag" starts where the tag is.

The file is never loaded whole (45 minutes is 86 MB): every 20 ms a timer tops the sink's 200 ms
buffer up from the `wave` reader. A small buffer starts playback fast; the timer keeps it full
even when the GUI thread is busy for a while.

The position is the frame the sink started at plus what the sink says it has played
(`processedUSecs`; on PulseAudio that is some 40 ms ahead of the loudspeaker). Seek, pause and
resume stop the sink and start a new one at the wanted frame, so audio buffered for the old place
is never heard after a jump. Problems never raise out of a Qt callback: they arrive as
`failed(message)`, written for a teacher.
"""

from __future__ import annotations

import logging
import time
import wave
from pathlib import Path

from PySide6.QtCore import QIODevice, QObject, QTimer, Signal, Slot
from PySide6.QtMultimedia import QAudioFormat, QAudioSink, QMediaDevices, QtAudio

from ikan_desktop.audio.signals import emit_safely

BUFFER_MS = 200
TICK_MS = 20
POSITION_EVERY_TICKS = 2  # 25 position updates a second
STALL_TIMEOUT_S = 3.0
MAX_RATE = 768_000  # a header claiming more is damaged
# The sink counts audio as played once the sound server has it, ~45 ms before it is heard
# (PulseAudio): silence after the end pushes the last words out before the sink is stopped.
END_PADDING_MS = 150

CANNOT = "The recording could not be played: "
NO_OUTPUT = CANNOT + "no speakers or headphones were found. Plug some in, then press Play again."
OUTPUT_REFUSED = CANNOT + "the speakers or headphones would not start. Check the sound settings."
OUTPUT_LOST = (
    "The recording stopped playing: the speakers or headphones stopped working. Check they are "
    "plugged in, then press Play again."
)
STOPPED_UNEXPECTEDLY = "The recording stopped playing unexpectedly. Press Play to try again."


class Player(QObject):
    """Plays one recording from any position, and says where in it the listener is."""

    position_changed = Signal(int)  # ms; ~25 times a second while playing, once after a seek
    playing_changed = Signal(bool)
    failed = Signal(str)  # a plain-language message; playback has stopped

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._path: Path | None = None
        self._reader: wave.Wave_read | None = None
        self._format = QAudioFormat()
        self._frames, self._rate = 0, 1
        self._frame = 0  # the position while not playing; the sink's first frame while playing
        self._sink: QAudioSink | None = None
        self._io: QIODevice | None = None
        self._pending = b""  # read from the file, not yet taken by the sink
        self._at_end_of_file = self._announced_playing = False
        self._ticks = self._last_played = 0
        self._last_progress_at = 0.0
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._on_tick)

    @property
    def duration_ms(self) -> int:
        return self._frames * 1000 // self._rate

    @property
    def is_playing(self) -> bool:
        return self._sink is not None

    def position_ms(self) -> int:
        """What the listener hears now (while paused: where it was paused), never past the end."""
        return min(self._frames, self._played_frame()) * 1000 // self._rate

    # ----- what callers do ------------------------------------------------------------------
    def open(self, path: Path | str) -> bool:
        """Get ready to play `path` from its start. False (and `failed`) if it cannot be played."""
        self.stop()
        self._path, self._frames, self._frame = None, 0, 0
        reader = self._open_reader(Path(path))
        if reader is None:
            return False
        self._path, self._reader = Path(path), reader
        self._frames, self._rate = reader.getnframes(), reader.getframerate()
        self._format.setSampleRate(self._rate)
        self._format.setChannelCount(reader.getnchannels())
        self._format.setSampleFormat(QAudioFormat.SampleFormat.Int16)
        return True

    def play(self) -> None:
        """Play from the current position; from the start again once the end was reached."""
        if self._path is not None and not self.is_playing:
            if self._frame >= self._frames:
                self._frame = 0
            self._start_sink()

    def play_from(self, t_ms: int) -> None:
        self.seek(t_ms)
        self.play()

    def pause(self) -> None:
        """Stay where the listener is; audio still buffered is dropped, not heard later."""
        if self.is_playing:
            self._halt(self._played_frame())

    def toggle(self) -> None:
        if self.is_playing:
            self.pause()
        else:
            self.play()

    def seek(self, t_ms: int) -> None:
        """Move to `t_ms` (clamped to the recording); while playing, the new audio starts now."""
        if self._path is None:
            return
        frame = max(0, min(self._frames, int(t_ms) * self._rate // 1000))
        if self.is_playing:
            self._release_sink()
            self._frame = frame
            self._start_sink()  # says where it starts
        else:
            self._frame = frame
            emit_safely(self.position_changed, self.position_ms())

    def stop(self) -> None:
        """Stop, and let go of the sink and of the file (the next play opens it again)."""
        self.pause()
        if self._reader is not None:
            self._reader.close()
            self._reader = None

    # ----- playing --------------------------------------------------------------------------
    def _open_reader(self, path: Path) -> wave.Wave_read | None:
        """The file's reader, or None once the teacher has been told what is wrong with it."""
        try:
            reader = wave.open(str(path), "rb")  # noqa: SIM115 - open while the review is
        except FileNotFoundError:
            return self._refuse(f"the file {path.name} is no longer in {path.parent}")
        except OSError as error:
            return self._refuse(f"{path} could not be read ({error.strerror or 'refused'})")
        except Exception:  # not RIFF/WAVE, cut short, not PCM: `wave` raises many kinds
            return self._refuse(f"{path.name} is not a WAV sound file, or it is damaged")
        bits = reader.getsampwidth() * 8
        if bits == 16 and reader.getnchannels() in (1, 2) and 0 < reader.getframerate() <= MAX_RATE:
            return reader
        reader.close()
        if bits in (8, 24, 32):
            return self._refuse(f"{path.name} holds {bits}-bit sound; only 16-bit can be played")
        if bits != 16:
            return self._refuse(f"{path.name} is not a WAV sound file, or it is damaged")
        return self._refuse(f"{path.name} is not mono or stereo sound at a usual sample rate")

    def _refuse(self, problem: str) -> None:
        emit_safely(self.failed, f"{CANNOT}{problem}.")

    def _start_sink(self) -> None:
        """A new sink, fed from `self._frame`: the first frame it plays is the one we asked for."""
        assert self._path is not None
        output = QMediaDevices.defaultAudioOutput()  # follows headphones plugged in meanwhile
        if output.isNull():
            self._halt(self._frame, NO_OUTPUT)
            return
        if self._reader is None:
            self._reader = self._open_reader(self._path)
            if self._reader is None:
                return
        self._reader.setpos(self._frame)  # only moves a counter; the next read seeks
        self._pending, self._at_end_of_file, self._ticks = b"", False, 0
        self._last_played, self._last_progress_at = self._frame, time.monotonic()
        sink = self._sink = QAudioSink(output, self._format, self)
        sink.setBufferSize(self._format.bytesForDuration(BUFFER_MS * 1000))
        self._io = sink.start()
        if self._io is None or sink.error() != QtAudio.Error.NoError:
            self._halt(self._frame, OUTPUT_REFUSED)
            return
        self._on_tick()
        if self._sink is sink:
            self._timer.start()
            emit_safely(self.position_changed, self.position_ms())
            self._set_playing(True)

    def _feed(self) -> None:
        """Give the sink as much of the file as it has room for; then a little silence."""
        sink, io, reader = self._sink, self._io, self._reader
        if sink is None or io is None or reader is None:
            return
        frame_bytes = self._format.bytesPerFrame()
        room = sink.bytesFree()
        while room >= frame_bytes:
            if not self._pending and not self._at_end_of_file:
                self._pending = reader.readframes(room // frame_bytes)
                if not self._pending:
                    self._at_end_of_file = True
                    self._pending = bytes(self._format.bytesForDuration(END_PADDING_MS * 1000))
            written = io.write(self._pending[:room]) if self._pending else 0
            if written <= 0:
                return
            self._pending, room = self._pending[written:], room - written

    def _played_frame(self) -> int:
        if self._sink is None or self._io is None:
            return self._frame
        return self._frame + self._sink.processedUSecs() * self._rate // 1_000_000

    @Slot()
    def _on_tick(self) -> None:
        try:
            sink = self._sink
            if sink is None:
                return
            error = sink.error()  # polled: no stateChanged connection, no PySide6 quirks
            if error in (QtAudio.Error.OpenError, QtAudio.Error.IOError, QtAudio.Error.FatalError):
                lost = OUTPUT_REFUSED if error == QtAudio.Error.OpenError else OUTPUT_LOST
                self._halt(max(self._frame, self._last_played), lost)
                return
            self._feed()
            played, now = self._played_frame(), time.monotonic()
            padded_end = self._frames + END_PADDING_MS * self._rate // 1000
            idle = sink.state() == QtAudio.State.IdleState
            if self._at_end_of_file and not self._pending and (played >= padded_end or idle):
                self._halt(self._frames)  # the end: position = duration
                return
            if played != self._last_played:
                self._last_played, self._last_progress_at = played, now
            elif now - self._last_progress_at > STALL_TIMEOUT_S:
                self._halt(played, OUTPUT_LOST)  # a sink that takes no audio any more
                return
            self._ticks += 1
            if self._ticks % POSITION_EVERY_TICKS == 0:
                emit_safely(self.position_changed, self.position_ms())
        except Exception:  # never let a problem escape into Qt's event loop
            logging.getLogger(__name__).exception("playback stopped")
            self._halt(self._played_frame(), STOPPED_UNEXPECTEDLY)

    # ----- stopping -------------------------------------------------------------------------
    def _halt(self, frame: int, problem: str = "") -> None:
        """Stop playing and stay at `frame`; tell the window, and the teacher if it went wrong."""
        self._release_sink()
        self._frame = max(0, min(self._frames, frame))
        emit_safely(self.position_changed, self.position_ms())
        self._set_playing(False)
        if problem:
            emit_safely(self.failed, problem)

    def _set_playing(self, playing: bool) -> None:
        if playing != self._announced_playing:
            self._announced_playing = playing
            emit_safely(self.playing_changed, playing)

    def _release_sink(self) -> None:
        self._timer.stop()
        sink, self._sink, self._io, self._pending = self._sink, None, None, b""
        if sink is not None:
            sink.stop()
            sink.deleteLater()
