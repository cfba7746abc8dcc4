"""One interview as a folder of ordinary files: the WAV, Audacity labels and the tags as CSV.

Anyone can open the result without ikan-desktop: Audacity (File › Import › Labels) or ELAN
show the teacher's tags on the recording. Nothing is ever overwritten: when the folder exists a
new name is chosen, and every file is written through a temporary file and `os.replace`.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ikan_desktop.domain.tags import Tag, clock_text
from ikan_desktop.exchange.labels import audacity_text, labels_for, tags_csv

LABELS_SUFFIX = "-labels.txt"
CSV_SUFFIX = "-tags.csv"


@dataclass(frozen=True, slots=True)
class SessionExport:
    """What an export wrote: the folder, its files, and a sentence for the teacher."""

    folder: Path
    files: tuple[Path, ...]
    has_audio: bool
    message: str


def write_session_folder(
    out_dir: Path,
    *,
    name: str,
    audio: Path | None,
    tags: Sequence[Tag],
    describe: Callable[[Tag], str],
) -> SessionExport:
    """Write a new folder in `out_dir` with the recording (if any), its labels and its tags."""
    made = _missing_folders(Path(out_dir))
    folder = new_folder(Path(out_dir), name)
    stem = folder.name
    files: list[Path] = []
    try:
        if audio is not None:
            files.append(copy_file(audio, folder / f"{stem}.wav"))
        labels = audacity_text(labels_for(tags, describe))
        files.append(write_text(folder / f"{stem}{LABELS_SUFFIX}", labels))
        files.append(write_text(folder / f"{stem}{CSV_SUFFIX}", tags_csv(tags, clock_text)))
    except BaseException:
        # A full disk part-way: take back what this export made, so no empty or half
        # folder is left to look like a finished export.
        for path in files:
            path.unlink(missing_ok=True)
        for made_folder in (folder, *made):
            with contextlib.suppress(OSError):
                made_folder.rmdir()  # only when empty: never anything of the teacher's
        raise
    if audio is not None:
        message = f"Saved the recording, its labels and the tags in {folder}."
    else:
        message = (
            f"This interview has no recording, so only the labels and the tags were saved in "
            f"{folder}."
        )
    return SessionExport(folder, tuple(files), audio is not None, message)


def _missing_folders(folder: Path) -> list[Path]:
    """The folders (deepest first) that creating `folder` would make."""
    missing = []
    while not folder.exists() and folder.parent != folder:
        missing.append(folder)
        folder = folder.parent
    return missing


def safe_name(text: str) -> str:
    """A folder or file name that works on Windows, macOS and Linux (macrons are kept)."""
    cleaned = re.sub(r'[<>:"/\\|?*\x00-\x1f]+', " ", text)
    cleaned = " ".join(cleaned.split()).strip(" .")
    return cleaned[:120] or "interview"


def new_folder(out_dir: Path, name: str) -> Path:
    """Create and return a folder that did not exist: `name`, else `name (2)`, `name (3)` …"""
    out_dir.mkdir(parents=True, exist_ok=True)
    base = safe_name(name)
    for number in range(1, 10_000):
        candidate = out_dir / (base if number == 1 else f"{base} ({number})")
        try:
            candidate.mkdir()
        except FileExistsError:
            continue
        return candidate
    raise FileExistsError(f"Too many exports named {base} in {out_dir}")


def write_text(target: Path, text: str) -> Path:
    """Write UTF-8 text through a temporary file and os.replace."""
    return _replace_into(target, lambda handle: handle.write(text.encode("utf-8")))


def copy_file(source: Path, target: Path) -> Path:
    """Copy a file through a temporary file and os.replace, so no half copy is left behind."""
    with open(source, "rb") as src:
        return _replace_into(target, lambda handle: shutil.copyfileobj(src, handle, 1 << 20))


def _replace_into(target: Path, fill: Callable[[object], object]) -> Path:
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        with os.fdopen(fd, "wb") as handle:
            fill(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
