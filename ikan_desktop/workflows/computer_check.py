"""Help ▸ Check this computer, without widgets: the data folder, its free space, the database.

Each check gives one plain line a teacher can read aloud to IT support. The microphone and the
speakers are checked by the UI (they need Qt Multimedia) and added to the same report.
"""

from __future__ import annotations

import os
import platform
import shutil
import sqlite3
import sys
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ikan_desktop.store import Store
from ikan_desktop.workflows.deletion import plural

# 16 kHz, 16-bit mono: what an interview's recording takes per hour.
BYTES_PER_HOUR = 16000 * 2 * 3600
LOW_SPACE_HOURS = 2


@dataclass(frozen=True)
class CheckLine:
    """One thing checked: what, whether it is fine (None: not checked), and the plain detail."""

    topic: str
    ok: bool | None
    detail: str

    def text(self) -> str:
        """The line as it appears in the copyable report."""
        mark = {True: "OK     ", False: "PROBLEM", None: "-      "}[self.ok]
        return f"{mark} {self.topic}: {self.detail}"


def header_lines(version: str, qt_version: str, data_folder: Path) -> list[str]:
    """Who is asking: versions, system and where the data lives (no names of students)."""
    kind = "installed bundle" if getattr(sys, "frozen", False) else "run from source"
    return [
        f"ikan-desktop {version} ({kind})",
        f"System: {platform.platform(terse=True)} ({platform.machine()})",
        f"Python {platform.python_version()}, Qt {qt_version}",
        f"Data folder: {data_folder}",
        f"Checked: {datetime.now().astimezone().strftime('%Y-%m-%d %H:%M %Z')}",
    ]


def check_data_folder(folder: Path) -> list[CheckLine]:
    """Can the app write in the data folder, and is there room for more recordings?"""
    try:
        handle, name = tempfile.mkstemp(dir=folder, prefix=".check-")
        try:
            os.write(handle, b"ikan-desktop write check\n")
            os.fsync(handle)
        finally:
            os.close(handle)
            os.unlink(name)
    except OSError as error:
        writable = CheckLine(
            "Data folder",
            False,
            f"cannot write in {folder} ({error.strerror or error}). Interviews cannot be saved: "
            "ask IT support to give you write permission there.",
        )
    else:
        writable = CheckLine("Data folder", True, f"{folder} can be written.")
    try:
        free = shutil.disk_usage(folder).free
    except OSError as error:
        return [writable, CheckLine("Free space", None, f"unknown ({error.strerror or error}).")]
    hours = free / BYTES_PER_HOUR
    space = f"{free / 1e9:.1f} GB free, room for about {hours:,.0f} hours of recording."
    if hours < LOW_SPACE_HOURS:
        space += " That is little: free some space before the next interviews."
    return [writable, CheckLine("Free space", hours >= LOW_SPACE_HOURS, space)]


def check_database(store: Store) -> CheckLine:
    """SQLite's own quick check of the open database, and how much it holds (counts only)."""
    try:
        verdict = store.db.execute("PRAGMA quick_check").fetchone()[0]
        students = store.db.execute("SELECT count(*) FROM students").fetchone()[0]
        sessions = store.db.execute("SELECT count(*) FROM sessions").fetchone()[0]
    except sqlite3.Error as error:
        return CheckLine("Database", False, f"could not be read ({error}).")
    size = store.path.stat().st_size / 1e6 if store.path.exists() else 0.0
    if verdict != "ok":
        return CheckLine(
            "Database",
            False,
            "SQLite reports damage. Nothing has been changed: make a copy of the data folder "
            "before anything else, and contact support.",
        )
    return CheckLine(
        "Database",
        True,
        f"intact ({plural(students, 'student')}, {plural(sessions, 'interview')}, {size:.1f} MB).",
    )


def report_text(header: list[str], lines: list[CheckLine]) -> str:
    """The whole report as plain text, for the clipboard or the problem report."""
    problems = sum(1 for line in lines if line.ok is False)
    verdict = (
        f"{plural(problems, 'problem')} found." if problems else "Everything checked is working."
    )
    return "\n".join([*header, "", *(line.text() for line in lines), "", verdict]) + "\n"
