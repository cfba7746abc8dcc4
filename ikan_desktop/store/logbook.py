"""The app's rotating log in the data folder: what happened and where in the code, never who.

The log is for the teacher's IT support (Help ▸ Report a problem zips it). It records versions,
start and stop, and errors with the code's file and line; an exception's message is left out,
because a message can quote a student's name or a note. No audio goes near it.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import platform
import sys
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

LOG_FOLDER = "logs"
LOG_NAME = "ikan-desktop.log"
MAX_BYTES = 256 * 1024
BACKUPS = 3

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


class PrivateLogFile(RotatingFileHandler):
    """A rotating log file only its owner can read, like everything else in the data folder."""

    def _open(self):  # type: ignore[no-untyped-def]
        stream = super()._open()
        with contextlib.suppress(OSError):
            os.chmod(self.baseFilename, 0o600)
        return stream


class PrivateFormatter(logging.Formatter):
    """Exceptions as type, error number and code locations, without their message."""

    def format(self, record: logging.LogRecord) -> str:
        # Another handler may have cached the full traceback (with its message) on the record.
        cached, record.exc_text = record.exc_text, None
        try:
            return super().format(record)
        finally:
            record.exc_text = cached

    def formatException(self, ei: ExcInfo | tuple[None, None, None]) -> str:
        kind, error, tb = ei
        if kind is None:
            return ""
        return "\n".join(describe_exception(kind, error, tb))


def describe_exception(
    kind: type[BaseException], error: BaseException | None, tb: TracebackType | None
) -> list[str]:
    """Lines naming the exception and where it passed, safe to share (no message text)."""
    name = kind.__name__
    if isinstance(error, OSError) and error.errno in errno.errorcode:
        name += f" [{errno.errorcode[error.errno]}]"
    lines = [f"  {name}"]
    for frame in traceback.extract_tb(tb):
        here = Path(frame.filename)
        where = "/".join(here.parts[-2:])
        lines.append(f"    at {where}:{frame.lineno} in {frame.name}")
    return lines


def log_folder(data_folder: Path) -> Path:
    """Where the log files live inside a data folder."""
    return data_folder / LOG_FOLDER


def start_log(data_folder: Path, version: str) -> Path | None:
    """Send the app's log records to the rotating file; None when the folder cannot be written."""
    folder = log_folder(data_folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        os.chmod(folder, 0o700)
        handler = PrivateLogFile(
            folder / LOG_NAME, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
    except OSError:
        return None
    handler.setFormatter(PrivateFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.set_name("ikan-desktop-log")
    root = logging.getLogger()
    for old in [h for h in root.handlers if h.get_name() == "ikan-desktop-log"]:
        root.removeHandler(old)
        old.close()
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > logging.INFO:
        root.setLevel(logging.INFO)
    logging.getLogger("ikan_desktop").info(
        "ikan-desktop %s started (%s, Python %s, %s)",
        version,
        system_line(),
        platform.python_version(),
        "bundle" if getattr(sys, "frozen", False) else "source",
    )
    return folder / LOG_NAME


def system_line() -> str:
    """'Linux 6.1.0 x86_64': the system, its release and the machine. (`platform.platform()`
    would run `uname -p` in a new process, milliseconds of every start for a detail we skip.)"""
    name = platform.uname()
    return f"{name.system} {name.release} {name.machine}"


def stop_log() -> None:
    """Close the log file (at the end of the app, or of a test)."""
    root = logging.getLogger()
    for handler in [h for h in root.handlers if h.get_name() == "ikan-desktop-log"]:
        logging.getLogger("ikan_desktop").info("ikan-desktop stopped")
        root.removeHandler(handler)
        handler.close()


def log_files(data_folder: Path) -> list[Path]:
    """The current log file and its rotated predecessors, newest first, those that exist."""
    base = log_folder(data_folder) / LOG_NAME
    names = [base] + [base.with_name(f"{LOG_NAME}.{n}") for n in range(1, BACKUPS + 1)]
    return [path for path in names if path.is_file()]
