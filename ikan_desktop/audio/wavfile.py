"""A WAV file that survives a crash, and the repair that makes an interrupted one whole again.

The writer appends 16-bit PCM as it arrives with one unbuffered `write` per chunk, so a killed
process loses nothing it had handed over: the bytes are in the operating system's cache. The
header's two size fields are rewritten at least once a second, so even an unrepaired file opens
in any player with all but the last second. The file is fsync'd at least every two seconds: a
power cut or a frozen laptop loses at most two seconds of audio, while syncing every 10 ms chunk
would cost a disk flush 100 times a second on a teacher's slow laptop drive for no real gain.

`repair` works from the file's length, because after a crash the length is the truth and the
header is stale. It patches the header in place only when the header's layout has been checked
(RIFF/WAVE, a PCM "fmt " chunk and a "data" chunk whose body runs to the end of the file): then
only the size fields and, at most, a partial last frame (less than one sample, which no player
can use) are touched, never an audio byte, and a crash during the patch leaves a file that the
next repair handles the same way. A header that cannot be trusted is rebuilt into a temporary
copy that replaces the original with `os.replace` only once it is complete and on disk.
"""

from __future__ import annotations

import hashlib
import os
import struct
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ikan_desktop.private_files import create_private_file

HEADER_BYTES = 44
SAMPLE_BYTES = 2
HEADER_EVERY_S = 1.0
SYNC_EVERY_S = 2.0
_COPY_BLOCK = 1 << 20
_PCM = 1


class WavRepairError(Exception):
    """A file that cannot be made into a WAV without guessing its format."""


def wav_header(rate: int, channels: int, data_bytes: int) -> bytes:
    """The canonical 44-byte header of a 16-bit PCM WAV holding `data_bytes` of audio."""
    block_align = channels * SAMPLE_BYTES
    return struct.pack(
        "<4sI4s4sIHHIIHH4sI",
        b"RIFF",
        36 + data_bytes + (data_bytes & 1),
        b"WAVE",
        b"fmt ",
        16,
        _PCM,
        channels,
        rate,
        rate * block_align,
        block_align,
        8 * SAMPLE_BYTES,
        b"data",
        data_bytes,
    )


class WavWriter:
    """Stream 16-bit PCM into a new WAV file that stays playable if the process dies."""

    def __init__(
        self,
        path: Path | str,
        rate: int,
        channels: int = 1,
        *,
        clock: Callable[[], float] = time.monotonic,
        sync: Callable[[int], None] = os.fsync,
        append: bool = False,
    ) -> None:
        self.path = Path(path)
        self.rate = rate
        self.channels = channels
        self.block_align = channels * SAMPLE_BYTES
        self._clock = clock
        self._sync = sync
        self._data_bytes = 0
        self._pending = b""
        if append:
            self._open_to_append()
            return
        # Never overwrites an existing recording; unbuffered: every write reaches the OS.
        self._file = create_private_file(self.path)  # user-only, whatever the umask
        try:
            self._write_all(wav_header(rate, channels, 0))
            self._sync(self._file.fileno())
            sync_folder(self.path.parent)
        except BaseException:
            self._file.close()
            raise
        self._header_at = self._synced_at = clock()

    def _open_to_append(self) -> None:
        """Carry on an existing recording of ours (an interview continued after a crash)."""
        report = repair(self.path, rate=self.rate, channels=self.channels)
        data = report.frames * self.block_align
        size = self.path.stat().st_size
        if (report.rate, report.channels) != (self.rate, self.channels) or (
            size != HEADER_BYTES + data
        ):
            raise OSError(
                f"{self.path.name} holds audio in another format, so it cannot be continued"
            )
        self._file = open(self.path, "r+b", buffering=0)  # noqa: SIM115 - held open while recording
        self._file.seek(0, os.SEEK_END)
        self._data_bytes = data
        self._header_at = self._synced_at = self._clock()

    @property
    def frames_written(self) -> int:
        """Whole frames of audio in the file."""
        return self._data_bytes // self.block_align

    @property
    def closed(self) -> bool:
        return self._file.closed

    def write(self, pcm: bytes) -> None:
        """Append PCM; a partial frame waits for the rest. OSError when the disk refuses."""
        data = self._pending + pcm if self._pending else pcm
        whole = len(data) - len(data) % self.block_align
        self._pending = data[whole:]
        if whole:
            self._write_all(memoryview(data)[:whole], counts_as_audio=True)
        now = self._clock()
        if now - self._header_at >= HEADER_EVERY_S:
            self._patch_sizes()
            self._header_at = now
        if now - self._synced_at >= SYNC_EVERY_S:
            self._sync(self._file.fileno())
            self._synced_at = now

    def flush(self) -> None:
        """Bring the header up to date and push everything to the disk (on pause, on stop)."""
        self._patch_sizes()
        self._sync(self._file.fileno())
        self._header_at = self._synced_at = self._clock()

    def close(self) -> None:
        """Finalise the header and close; the file is closed even when the disk refuses."""
        if self._file.closed:
            return
        try:
            self.flush()
        finally:
            self._file.close()

    def _write_all(self, data: bytes | memoryview, *, counts_as_audio: bool = False) -> None:
        view = memoryview(data)
        while view:
            written = self._file.write(view) or 0
            if counts_as_audio:
                self._data_bytes += written
            view = view[written:]

    def _patch_sizes(self) -> None:
        # Only whole frames are declared, so a chunk cut short by a full disk stays outside.
        data = self.frames_written * self.block_align
        end = self._file.tell()
        try:
            self._file.seek(4)
            self._file.write(struct.pack("<I", 36 + data))
            self._file.seek(40)
            self._file.write(struct.pack("<I", data))
        finally:
            self._file.seek(end)


@dataclass(frozen=True)
class RepairReport:
    """What `repair` found and did."""

    path: Path
    action: str  # "unchanged" | "header fixed" | "rebuilt" | "emptied"
    rate: int
    channels: int
    frames: int
    dropped_bytes: int = 0

    @property
    def changed(self) -> bool:
        return self.action != "unchanged"

    @property
    def duration_ms(self) -> int:
        return self.frames * 1000 // self.rate if self.rate else 0


@dataclass(frozen=True)
class _Layout:
    rate: int
    channels: int
    block_align: int
    data_offset: int
    declared: int
    riff_size: int


def repair(
    path: Path | str, *, rate: int | None = None, channels: int | None = None
) -> RepairReport:
    """Make an interrupted WAV valid again from its length, keeping every whole frame of audio.

    `rate` and `channels` are only needed when the header itself is lost; a header that can be
    read wins over them.
    """
    path = Path(path)
    size = path.stat().st_size
    with open(path, "rb") as handle:
        head = handle.read(4096)
    layout = _read_layout(head, size)
    if layout is None:
        known_rate, known_channels = _format_hint(head)
        return _rebuild(path, size, rate=known_rate or rate, channels=known_channels or channels)
    available = size - layout.data_offset
    whole = available - available % layout.block_align
    frames = whole // layout.block_align
    if _is_complete(path, size, layout):
        declared_frames = layout.declared // layout.block_align
        return RepairReport(path, "unchanged", layout.rate, layout.channels, declared_frames)
    with open(path, "r+b") as handle:
        handle.seek(4)
        handle.write(struct.pack("<I", layout.data_offset - 8 + whole))
        handle.seek(layout.data_offset - 4)
        handle.write(struct.pack("<I", whole))
        if whole != available:
            handle.truncate(layout.data_offset + whole)
        handle.flush()
        os.fsync(handle.fileno())
    return RepairReport(
        path, "header fixed", layout.rate, layout.channels, frames, dropped_bytes=available - whole
    )


def _read_layout(head: bytes, size: int) -> _Layout | None:
    """The header's layout when it is a PCM WAV we can trust, else None."""
    if len(head) < 12 or head[:4] != b"RIFF" or head[8:12] != b"WAVE":
        return None
    offset, fmt = 12, None
    while offset + 8 <= len(head):
        chunk_id, chunk_size = struct.unpack_from("<4sI", head, offset)
        body = offset + 8
        if chunk_id == b"fmt ":
            if chunk_size < 16 or body + 16 > len(head):
                return None
            fmt = struct.unpack_from("<HHIIHH", head, body)
        elif chunk_id == b"data":
            if fmt is None or body > size:
                return None
            tag, channels, rate, _, block_align, bits = fmt
            if tag != _PCM or bits != 16 or not channels or not rate:
                return None
            if block_align != channels * SAMPLE_BYTES:
                return None
            riff_size = struct.unpack_from("<I", head, 4)[0]
            return _Layout(rate, channels, block_align, body, chunk_size, riff_size)
        offset = body + chunk_size + (chunk_size & 1)
    return None


def _is_complete(path: Path, size: int, layout: _Layout) -> bool:
    """True when the sizes already describe the file (or a finished file with chunks after data).

    Our writer keeps the RIFF size at 36 + data size, so a stale header never has a RIFF size
    that spans the whole file unless its data size does too.
    """
    available = size - layout.data_offset
    if layout.declared % layout.block_align or layout.riff_size != size - 8:
        return False
    if layout.declared == available:
        return True
    if layout.declared > available:
        return False
    after = layout.data_offset + layout.declared + (layout.declared & 1)
    with open(path, "rb") as handle:
        handle.seek(after)
        found = handle.read(8)
    if len(found) < 8:
        return False
    chunk_id, chunk_size = struct.unpack("<4sI", found)
    return all(32 <= c < 127 for c in chunk_id) and after + 8 + chunk_size <= size


def _format_hint(head: bytes) -> tuple[int | None, int | None]:
    """Rate and channels from our writer's "fmt " chunk, when it survived."""
    if len(head) >= 36 and head[12:16] == b"fmt ":
        tag, channels, rate, _, _, bits = struct.unpack_from("<HHIIHH", head, 20)
        if tag == _PCM and bits == 16 and 0 < channels <= 8 and 0 < rate <= 384_000:
            return rate, channels
    return None, None


def _rebuild(path: Path, size: int, *, rate: int | None, channels: int | None) -> RepairReport:
    """A header that cannot be trusted: our writer's audio starts at byte 44, so keep it all."""
    audio = max(0, size - HEADER_BYTES)
    if audio and (rate is None or channels is None):
        raise WavRepairError(
            f"{path.name} has lost its header and its sample rate is not known, so it was left "
            "as it is."
        )
    rate, channels = rate or 16000, channels or 1
    block_align = channels * SAMPLE_BYTES
    whole = audio - audio % block_align
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".repair")
    try:
        with os.fdopen(fd, "wb") as out, open(path, "rb") as source:
            out.write(wav_header(rate, channels, whole))
            source.seek(HEADER_BYTES)
            left = whole
            while left:
                block = source.read(min(left, _COPY_BLOCK))
                if not block:
                    break
                out.write(block)
                left -= len(block)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    sync_folder(path.parent)
    action = "rebuilt" if whole else "emptied"
    return RepairReport(
        path, action, rate, channels, whole // block_align, dropped_bytes=audio - whole
    )


def file_sha256(path: Path | str) -> str:
    """The SHA-256 of a file, read in blocks (the checksum kept beside the audio path)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(_COPY_BLOCK):
            digest.update(block)
    return digest.hexdigest()


def sync_folder(folder: Path) -> None:
    """fsync a folder so a new or renamed file in it survives a power cut (POSIX only)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
