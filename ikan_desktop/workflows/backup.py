"""Back up, check and restore a teacher's data folder as one file.

The database is copied with SQLite's online backup API from its own read-only connection, so a
backup is a consistent snapshot even while the app is open and writing. The recordings copied
are exactly those the snapshot refers to. A restore unpacks and checks everything in a staging
folder beside the destination first, then swaps it in with renames: the destination is either
untouched or complete, never half restored.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ikan_desktop import __version__
from ikan_desktop.exchange.backup import (
    DATABASE,
    SUFFIX,
    BackupError,
    Manifest,
    Progress,
    open_backup,
    remove_tree,
    write_backup,
)
from ikan_desktop.store import Store, StoreError, folder_lock, open_store
from ikan_desktop.store.audit import log_event
from ikan_desktop.store.location import DB_NAME
from ikan_desktop.store.migrations import MIGRATION_SET, known_names
from ikan_desktop.store.settings import set_setting
from ikan_desktop.workflows.deletion import plural

LAST_BACKUP_KEY = "last_backup_at"


@dataclass(frozen=True, slots=True)
class BackupDone:
    """A finished backup: where it is and what it holds."""

    path: Path
    manifest: Manifest
    missing_recordings: tuple[str, ...] = ()

    @property
    def message(self) -> str:
        s = self.manifest.summary
        text = f"Backed up {_counts(s)} ({_size(self.manifest.total_bytes)}) to {self.path}."
        if self.missing_recordings:
            missing = plural(len(self.missing_recordings), "recording")
            text += f" {missing} listed in the database could not be found, so not backed up."
        return text


@dataclass(frozen=True, slots=True)
class BackupCheck:
    """What `backup --verify` found: the backup is whole, and what it holds."""

    path: Path
    manifest: Manifest
    students: int
    sessions: int

    @property
    def message(self) -> str:
        m = self.manifest
        return (
            f"{self.path.name} is complete: made {m.created_at[:16].replace('T', ' ')} by "
            f"ikan-desktop {m.app_version}, {plural(self.students, 'student')}, "
            f"{plural(self.sessions, 'interview')}, "
            f"{plural(m.summary.get('recordings', 0), 'recording')}; every checksum matches."
        )


@dataclass(frozen=True, slots=True)
class RestoreDone:
    """A finished restore, and where the replaced data was kept."""

    folder: Path
    manifest: Manifest
    kept_aside: Path | None = None
    notes: tuple[str, ...] = field(default=())

    @property
    def message(self) -> str:
        s = self.manifest.summary
        text = f"Restored {_counts(s)} into {self.folder}."
        if self.kept_aside:
            text += f" The data that was there before is kept in {self.kept_aside}."
        return text


def default_backup_name(now: datetime | None = None) -> str:
    """A file name that sorts by date: ikan-desktop-2026-03-14-1530.ikanbackup."""
    return f"ikan-desktop-{(now or datetime.now()).strftime('%Y-%m-%d-%H%M')}{SUFFIX}"


def make_backup(
    folder: Path,
    target: Path,
    *,
    passphrase: str | None = None,
    progress: Progress | None = None,
    overwrite: bool = False,
) -> BackupDone:
    """Write one backup file of the data folder; safe while the app has the folder open.

    An existing file is replaced only with `overwrite` (the save dialog has already asked).
    """
    folder = Path(folder)
    target = Path(target)
    if target.is_dir():
        target = target / default_backup_name()
    if target.exists() and not overwrite:
        raise BackupError(
            "That backup file already exists",
            f"{target} is already there, and a backup never writes over a file. Nothing was "
            "written. Choose another name, or a folder (the backup is then named by the date).",
        )
    if not target.parent.is_dir():
        raise BackupError(
            "The backup folder is not there",
            f"{target.parent} does not exist (is the drive connected?). Nothing was written.",
        )
    if not (folder / DB_NAME).is_file():
        raise BackupError(
            "There is no data to back up",
            f"{folder} holds no ikan-desktop database. Check the data folder (--data-dir).",
        )
    fd, snapshot_name = tempfile.mkstemp(dir=folder, prefix=".backup-snapshot-", suffix=".sqlite")
    os.close(fd)
    snapshot = Path(snapshot_name)
    try:
        _snapshot(folder / DB_NAME, snapshot)
        summary, schema, audio = _read_snapshot(snapshot)
        files = [(DATABASE, snapshot)]
        missing = []
        for relative in audio:
            source = folder / relative
            if source.is_file():
                files.append((relative, source))
            else:
                missing.append(relative)
        summary["recordings"] = len(files) - 1
        manifest = write_backup(
            target,
            files,
            app_version=__version__,
            created_at=datetime.now().astimezone().isoformat(timespec="seconds"),
            schema=schema,
            summary=summary,
            passphrase=passphrase,
            progress=progress,
        )
    finally:
        snapshot.unlink(missing_ok=True)
    return BackupDone(target, manifest, tuple(missing))


def record_backup(store: Store, done: BackupDone, *, automatic: bool = False) -> None:
    """Remember when the last backup was made (for the week-old warning) and log it."""
    set_setting(store, LAST_BACKUP_KEY, done.manifest.created_at)
    how = "automatic backup" if automatic else "backup"
    log_event(store, "backed up", f"{how} to {done.path}", done.message)


def _snapshot(source: Path, target: Path) -> None:
    # A read-only connection of our own: the app's connection is never shared across threads,
    # and WAL gives this reader one consistent state while the app keeps writing.
    try:
        src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
            src.close()
    except sqlite3.Error as error:
        raise BackupError(
            "The database could not be copied",
            f"Reading {source} for the backup failed ({error}). Nothing was written. If the "
            "app reports the database as damaged, ask for help before making changes.",
        ) from error


def _read_snapshot(snapshot: Path) -> tuple[dict[str, int], list[str], list[str]]:
    conn = sqlite3.connect(snapshot)
    try:
        students = conn.execute("SELECT count(*) FROM students").fetchone()[0]
        sessions = conn.execute("SELECT count(*) FROM sessions").fetchone()[0]
        schema = [
            row[0]
            for row in conn.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid",
                [MIGRATION_SET],
            )
        ]
        audio = [
            row[0]
            for row in conn.execute(
                "SELECT DISTINCT audio_path FROM sessions WHERE audio_path IS NOT NULL "
                "ORDER BY audio_path"
            )
        ]
    finally:
        conn.close()
    return {"students": students, "sessions": sessions}, schema, audio


def verify_backup(
    path: Path, *, passphrase: str | None = None, scratch_in: Path | None = None
) -> BackupCheck:
    """Read the whole backup and check every checksum and the database inside.

    The database (and, for an encrypted backup, the opened zip) is unpacked into a private
    temporary folder in `scratch_in` (the data folder, so nothing about the children is written
    anywhere else), removed afterwards; by default beside the backup itself.
    """
    path = Path(path)
    scratch_in = scratch_in if scratch_in is not None and scratch_in.is_dir() else path.parent
    with (
        tempfile.TemporaryDirectory(prefix=".ikan-verify-", dir=scratch_in) as scratch,
        open_backup(path, passphrase=passphrase, scratch=Path(scratch)) as reader,
    ):
        refuse_newer_schema(reader.manifest, path)
        for entry in reader.manifest.entries:
            if entry.path == DATABASE:
                reader.extract(entry, Path(scratch) / "data" / DB_NAME, durable=False)
            else:
                reader.check(entry)
        students, sessions = _check_database(Path(scratch) / "data", path)
        return BackupCheck(path, reader.manifest, students, sessions)


def restore_backup(
    path: Path,
    folder: Path,
    *,
    replace: bool = False,
    passphrase: str | None = None,
    progress: Progress | None = None,
) -> RestoreDone:
    """Restore a backup into an empty (or new) folder, or replace the data keeping it aside."""
    path, folder = Path(path), Path(folder)
    occupied = folder.is_dir() and any(folder.iterdir())
    if folder.exists() and not folder.is_dir():
        raise BackupError("Cannot restore there", f"{folder} is a file, not a folder.")
    if occupied and not replace:
        raise BackupError(
            "The folder is not empty",
            f"{folder} already holds files, so the backup was not restored there and nothing "
            "was changed. Choose an empty folder, or choose to replace the data there (it is "
            "kept aside, not deleted).",
        )
    refuse_if_in_use(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}.restoring-"))
    try:
        with open_backup(path, passphrase=passphrase, scratch=folder.parent) as reader:
            refuse_newer_schema(reader.manifest, path)
            for entry in reader.manifest.entries:
                reader.extract(entry, staging / entry.path, progress)
            manifest = reader.manifest
        _check_database(staging, path)
        with open_store(staging) as store:
            log_event(store, "restored", f"restored from {path.name}", str(path))
        for leftover in staging.glob(f"{DB_NAME}-*"):  # WAL side files, folded in at close
            leftover.unlink(missing_ok=True)
        kept = _swap_in(staging, folder, occupied)
    except OSError as error:
        raise BackupError(
            "The backup could not be restored",
            f"Restoring into {folder} failed ({error.strerror or error}). The folder was left as "
            "it was. Check there is room on the disk, and try again.",
        ) from error
    finally:
        remove_tree(staging)
    return RestoreDone(folder, manifest, kept)


def refuse_if_in_use(folder: Path) -> None:
    """Refuse to change a data folder that another running copy of the app has open."""
    if folder_lock.in_use_elsewhere(folder):
        raise BackupError("That data folder is in use", str(folder_lock.FolderInUse(folder)))


def _swap_in(staging: Path, folder: Path, occupied: bool) -> Path | None:
    if not occupied:
        if folder.is_dir():
            folder.rmdir()
        os.rename(staging, folder)
        return None
    stamp = datetime.now().strftime("%Y-%m-%d-%H%M%S")
    aside = folder.with_name(f"{folder.name}.before-restore-{stamp}")
    os.rename(folder, aside)
    try:
        os.rename(staging, folder)
    except OSError:
        os.rename(aside, folder)
        raise
    return aside


def refuse_newer_schema(manifest: Manifest, path: Path) -> None:
    """Refuse a backup whose database was written by a newer version of the app."""
    unknown = [name for name in manifest.schema if name not in known_names()]
    if unknown:
        raise BackupError(
            "This backup was made by a newer ikan-desktop",
            f"{path.name} holds data saved by ikan-desktop {manifest.app_version}, newer than "
            "this version, which cannot read it safely. Nothing was changed. Install the newest "
            "version of ikan-desktop, then open the backup again.",
        )


def _check_database(folder: Path, shown: Path) -> tuple[int, int]:
    try:
        with open_store(folder) as store:
            students = store.db.execute("SELECT count(*) FROM students").fetchone()[0]
            sessions = store.db.execute("SELECT count(*) FROM sessions").fetchone()[0]
    except StoreError as error:
        raise BackupError(
            "The database in this backup cannot be used",
            f"{shown.name}: {error.message}",
        ) from error
    return students, sessions


def _counts(summary: dict) -> str:
    students = plural(summary.get("students", 0), "student")
    sessions = plural(summary.get("sessions", 0), "interview")
    return f"{students}, {sessions} and {plural(summary.get('recordings', 0), 'recording')}"


def _size(count: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if count < 1000 or unit == "GB":
            return f"{count:.0f} {unit}" if unit == "bytes" else f"{count:.1f} {unit}"
        count /= 1000  # type: ignore[assignment]
    return str(count)
