"""Automatic backups when the app closes, the last N kept, and the week-old reminder.

The app starts `ikan-desktop backup --auto` as a separate process as it closes, so closing
never waits for the copy and the copy is not cut short when the window goes away. Only files
this feature wrote (named ikan-desktop-auto-…) are ever pruned; a teacher's own backups are
never touched.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from ikan_desktop.exchange.backup import SUFFIX, BackupError
from ikan_desktop.store import Store, open_store
from ikan_desktop.store.settings import get_setting
from ikan_desktop.workflows.backup import LAST_BACKUP_KEY, make_backup, record_backup
from ikan_desktop.workflows.deletion import plural

FOLDER_KEY = "backup_folder"
KEEP_KEY = "backup_keep"
DEFAULT_KEEP = 5
AUTO_PREFIX = "ikan-desktop-auto-"
WARN_AFTER = timedelta(days=7)


def automatic_folder(store: Store) -> Path | None:
    """The folder chosen for automatic backups, or None when they are off."""
    value = get_setting(store, FOLDER_KEY).strip()
    return Path(value) if value else None


def keep_count(store: Store) -> int:
    """How many automatic backups to keep (at least one)."""
    try:
        return max(1, int(get_setting(store, KEEP_KEY, str(DEFAULT_KEEP))))
    except ValueError:
        return DEFAULT_KEEP


def run_automatic_backup(data_folder: Path, *, now: datetime | None = None) -> str:
    """Back up to the chosen folder and prune old automatic backups; a line saying what was done."""
    with open_store(data_folder) as store:
        target_folder = automatic_folder(store)
        keep = keep_count(store)
    if target_folder is None:
        return "Automatic backups are off (no backup folder chosen)."
    stamp = (now or datetime.now()).strftime("%Y-%m-%d-%H%M%S")
    done = make_backup(data_folder, target_folder / f"{AUTO_PREFIX}{stamp}{SUFFIX}")
    with open_store(data_folder) as store:
        record_backup(store, done, automatic=True)
    removed = prune(target_folder, keep)
    older = plural(len(removed), "older automatic backup")
    return done.message + (f" Removed {older}." if removed else "")


def prune(folder: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` automatic backups in `folder`; the deleted paths."""
    found = sorted(folder.glob(f"{AUTO_PREFIX}*{SUFFIX}"), key=lambda p: p.name)
    removed = found[:-keep] if keep > 0 else []
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def start_automatic_backup(data_folder: Path) -> subprocess.Popen[bytes] | None:
    """Start the automatic backup in its own process, which outlives the closing app."""
    if getattr(sys, "frozen", False):
        command = [sys.executable, "backup", "--auto", "--data-dir", str(data_folder)]
    else:
        command = [sys.executable, "-m", "ikan_desktop", "backup", "--auto"]
        command += ["--data-dir", str(data_folder)]
    try:
        return subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError:
        return None


def backup_reminder(store: Store, *, now: datetime | None = None) -> str | None:
    """A reminder when there is data and the last backup is older than a week (or never made)."""
    if store.db.execute("SELECT 1 FROM sessions LIMIT 1").fetchone() is None:
        return None  # nothing to lose yet (asked without counting a school's whole history)
    last = get_setting(store, LAST_BACKUP_KEY)
    now = now or datetime.now(UTC)
    if not last:
        return "No backup yet: File ▸ Back up… keeps the children's data safe."
    try:
        made = datetime.fromisoformat(last)
    except ValueError:
        return None
    if made.tzinfo is None:
        made = made.replace(tzinfo=UTC)
    age = now - made
    if age <= WARN_AFTER:
        return None
    return f"Last backup {age.days} days ago: File ▸ Back up… keeps the children's data safe."


__all__ = ["BackupError", "backup_reminder", "prune", "run_automatic_backup"]
