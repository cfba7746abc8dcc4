"""One app per data folder: an operating-system lock on a small file in the folder.

The lock belongs to the process, not to the file: the system lets go of it the moment the
process ends, however it ends (a clean quit, a kill, a power cut). So "someone holds the lock"
means another copy of the app is running on this folder right now, and "nobody holds it" means
any interview still marked in progress was cut short: whoever ran it is gone. Nothing depends on
the clock or on how recently a file was written.

Locks are counted within the process, so the app and its recovery can both "hold" the folder.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from collections.abc import Iterator
from pathlib import Path

LOCK_NAME = ".ikan-desktop.lock"


class FolderInUse(Exception):
    """Another running copy of the app holds this data folder."""

    def __init__(self, folder: Path) -> None:
        super().__init__(
            f"ikan-desktop is already open on the data folder {folder}. Switch to that window "
            "(it may be behind others or minimised), or close it and try again. "
            "Nothing was changed."
        )
        self.folder = folder


class _Held:
    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.count = 1


_HELD: dict[Path, _Held] = {}


def _key(folder: Path) -> Path:
    return Path(folder).expanduser().resolve()


def acquire(folder: Path) -> None:
    """Hold the folder for this process (counted); FolderInUse when another process holds it."""
    key = _key(folder)
    held = _HELD.get(key)
    if held is not None:
        held.count += 1
        return
    key.mkdir(parents=True, exist_ok=True)
    fd = os.open(key / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
    if not _try_lock(fd):
        os.close(fd)
        raise FolderInUse(key)
    _HELD[key] = _Held(fd)


def release(folder: Path) -> None:
    """Let go of one hold; the lock itself goes with the last one."""
    key = _key(folder)
    held = _HELD.get(key)
    if held is None:
        return
    held.count -= 1
    if held.count <= 0:
        del _HELD[key]
        _unlock(held.fd)
        os.close(held.fd)


@contextlib.contextmanager
def holding(folder: Path) -> Iterator[None]:
    """Hold the folder for the length of a `with` block."""
    acquire(folder)
    try:
        yield
    finally:
        release(folder)


def held_here(folder: Path) -> bool:
    """True while this process holds the folder."""
    return _key(folder) in _HELD


def in_use_elsewhere(folder: Path) -> bool:
    """True when another running process holds the folder (this one never counts)."""
    if held_here(folder) or not (_key(folder) / LOCK_NAME).exists():
        return False
    try:
        with holding(folder):
            return False
    except FolderInUse:
        return True
    except OSError:
        return False  # a folder we cannot even create a file in is not "in use"


if sys.platform == "win32":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError as error:
            return error.errno not in (errno.EACCES, errno.EDEADLOCK)
        return True

    def _unlock(fd: int) -> None:
        with contextlib.suppress(OSError):
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            # Only "someone holds it" refuses. A file system that keeps no locks (some network
            # shares) cannot enforce one copy, and refusing the teacher's data would be worse.
            return error.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES)
        return True

    def _unlock(fd: int) -> None:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_UN)
