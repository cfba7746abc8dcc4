"""A WAV writer on its own thread, so the interview's screen never waits for the disk.

On a school laptop an antivirus scan or a cloud sync can make one write or one fsync take a
second. The recorder runs on the GUI thread; with the writes there, every key pressed during
such a wait sat unanswered. Here the GUI thread only hands each chunk over (a queue put) and
the thread does the writing, the header updates and the fsyncs of `WavWriter`, in order.

What a kill can lose is what sits in the queue: normally one chunk (10 ms), at worst what
arrived during a disk stall, which would have been lost from Qt's capture buffer before. A
failure (a full disk, a pulled USB stick) is kept and raised at the next call, so the recorder
turns it into its usual calm message.
"""

from __future__ import annotations

import contextlib
import queue
import threading

from ikan_desktop.audio.wavfile import WavWriter

_WRITE, _FLUSH, _CLOSE = "write", "flush", "close"


class BackgroundWavWriter:
    """`WavWriter`'s interface; the disk work happens on a thread of its own."""

    def __init__(self, writer: WavWriter) -> None:
        self._writer = writer
        self._jobs: queue.SimpleQueue[tuple[str, bytes]] = queue.SimpleQueue()
        self._error: OSError | None = None
        self._thread = threading.Thread(target=self._run, name="wav-writer", daemon=True)
        self._thread.start()

    @property
    def path(self):  # type: ignore[no-untyped-def]
        return self._writer.path

    @property
    def frames_written(self) -> int:
        """Whole frames that have reached the file (not those still waiting in the queue)."""
        return self._writer.frames_written

    @property
    def closed(self) -> bool:
        return not self._thread.is_alive() and self._writer.closed

    def write(self, pcm: bytes) -> None:
        """Hand over a chunk; OSError when an earlier write has already failed."""
        self._check()
        self._jobs.put((_WRITE, pcm))

    def flush(self) -> None:
        """Ask for the header and the disk to be brought up to date (does not wait)."""
        self._check()
        self._jobs.put((_FLUSH, b""))

    def close(self) -> None:
        """Write what is waiting, seal the file and wait for it; OSError if the disk refused."""
        if self._thread.is_alive():
            self._jobs.put((_CLOSE, b""))
            self._thread.join()
        self._check()

    def _check(self) -> None:
        if self._error is not None:
            raise self._error

    def _run(self) -> None:
        while True:
            job, data = self._jobs.get()
            try:
                if job == _WRITE:
                    self._writer.write(data)
                elif job == _FLUSH:
                    self._writer.flush()
                else:
                    self._writer.close()
                    return
            except OSError as error:
                self._error = error
                with contextlib.suppress(OSError):
                    self._writer.close()  # what reached the disk stays; `repair` fixes the rest
                return
