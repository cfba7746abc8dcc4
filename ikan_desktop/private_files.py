"""Files and folders only the teacher's own account can read: children's data is not for others.

Modes are set explicitly after creation, so a permissive umask (0022 on most systems) never
decides who can read a database or a recording. Every layer may use this module.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import BinaryIO

PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600


def make_private_folder(folder: Path) -> None:
    """Create `folder` and any missing parents as user-only folders; existing ones are left as they are."""
    folder = Path(folder)
    missing: list[Path] = []
    current = folder
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for path in reversed(missing):
        try:
            path.mkdir(mode=PRIVATE_FOLDER)
        except FileExistsError:
            continue
        os.chmod(path, PRIVATE_FOLDER)
    if not folder.is_dir():
        raise NotADirectoryError(20, "Not a directory", str(folder))


def create_private_file(path: Path) -> BinaryIO:
    """Open a new user-only file for writing; FileExistsError when it is already there."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, PRIVATE_FILE)
        return os.fdopen(fd, "wb", buffering=0)
    except BaseException:
        os.close(fd)
        raise


def make_private(path: Path) -> None:
    """Take away group and other access from an existing file or folder of ours."""
    with contextlib.suppress(OSError):  # not ours to change (or gone): reading still works
        mode = path.stat().st_mode & 0o777
        if mode & 0o077:
            os.chmod(path, mode & 0o700)
