"""The backup file: one zip holding a database snapshot, every recording and a manifest.

The manifest (written last) names the kind of file, its format version, the schema of the
database inside and, for every file, its size and SHA-256. Files are stored, not compressed
(WAV barely compresses, and a backup should go as fast as a copy), and streamed through in
1 MiB pieces, so memory stays flat however large the recordings. The file is written beside its
destination under a temporary name and renamed into place only when complete, so a full disk
or a stick pulled out never leaves something that looks like a backup. A passphrase wraps the
whole zip in `backup_crypto`'s sealed chunks.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any

from ikan_desktop.exchange import backup_crypto

KIND = "ikan-desktop-backup"
FORMAT = 1
MANIFEST = "manifest.json"
DATABASE = "ikan.sqlite"
SUFFIX = ".ikanbackup"
PIECE = 1 << 20

Progress = Callable[[int], None]


class BackupError(Exception):
    """A backup that cannot be written or read, with a message written for the teacher."""

    def __init__(self, title: str, message: str) -> None:
        super().__init__(message)
        self.title = title
        self.message = message

    def one_line(self) -> str:
        """The message on one line, for headless commands."""
        return f"{self.title}: {self.message}".replace("\n", " ")


class PassphraseNeeded(BackupError):
    """The backup is encrypted and no passphrase (or the wrong one) was given."""


@dataclass(frozen=True, slots=True)
class BackupEntry:
    """One file inside a backup, as the manifest describes it."""

    path: str
    size: int
    sha256: str


@dataclass(frozen=True, slots=True)
class Manifest:
    """What a backup says about itself."""

    format: int
    app_version: str
    created_at: str
    schema: tuple[str, ...]
    entries: tuple[BackupEntry, ...]
    summary: dict[str, Any] = field(default_factory=dict)
    encrypted: bool = False

    @property
    def total_bytes(self) -> int:
        return sum(entry.size for entry in self.entries)

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": KIND,
            "format": self.format,
            "app_version": self.app_version,
            "created_at": self.created_at,
            "schema": list(self.schema),
            "summary": self.summary,
            "files": [{"path": e.path, "size": e.size, "sha256": e.sha256} for e in self.entries],
        }


def write_backup(
    target: Path,
    files: Iterable[tuple[str, Path]],
    *,
    app_version: str,
    created_at: str,
    schema: Iterable[str],
    summary: dict[str, Any],
    passphrase: str | None = None,
    progress: Progress | None = None,
) -> Manifest:
    """Write `files` (name in the backup, file on disk) as one backup file at `target`."""
    target = Path(target)
    try:
        fd, tmp_name = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".part"
        )
    except OSError as error:
        raise _write_error(target, error) from error
    tmp = Path(tmp_name)
    header = {"app_version": app_version, "created_at": created_at, "schema": tuple(schema)}
    try:
        with os.fdopen(fd, "wb") as raw:
            sink: Any = backup_crypto.EncryptingWriter(raw, passphrase) if passphrase else raw
            manifest = _write_zip(sink, files, header, summary, progress)
            if passphrase:
                sink.finish()
            raw.flush()
            os.fsync(raw.fileno())
        os.chmod(tmp, 0o600)  # children's voices: readable by this user only
        os.replace(tmp, target)
    except OSError as error:
        tmp.unlink(missing_ok=True)
        raise _write_error(target, error) from error
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return manifest


def _write_zip(
    sink: Any,
    files: Iterable[tuple[str, Path]],
    header: dict[str, Any],
    summary: dict[str, Any],
    progress: Progress | None,
) -> Manifest:
    entries: list[BackupEntry] = []
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as archive:
        for name, source in files:
            digest, size = hashlib.sha256(), 0
            info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
            with open(source, "rb") as handle, archive.open(info, "w", force_zip64=True) as out:
                while piece := handle.read(PIECE):
                    out.write(piece)
                    digest.update(piece)
                    size += len(piece)
                    if progress:
                        progress(len(piece))
            entries.append(BackupEntry(name, size, digest.hexdigest()))
        manifest = Manifest(FORMAT, entries=tuple(entries), summary=summary, **header)
        archive.writestr(MANIFEST, json.dumps(manifest.to_json(), indent=1))
        archive.comment = KIND.encode()
    return manifest


def _write_error(target: Path, error: OSError) -> BackupError:
    reason = error.strerror or str(error)
    if error.errno in (28, 122):  # ENOSPC, EDQUOT
        reason = "the disk is full"
    return BackupError(
        "The backup could not be written",
        f"Writing the backup to {target.parent} failed ({reason}). Your data is unchanged, and "
        "no partial backup was left behind. Check that the drive is still connected and has "
        "room, or choose another place, and try again.",
    )


class BackupReader:
    """An opened, structurally checked backup; every file read from it is checked again."""

    def __init__(self, archive: zipfile.ZipFile, manifest: Manifest, source: Path) -> None:
        self.archive = archive
        self.manifest = manifest
        self.source = source

    def extract(
        self,
        entry: BackupEntry,
        dest: Path,
        progress: Progress | None = None,
        *,
        durable: bool = True,
    ) -> None:
        """Copy one file out to `dest`, streamed, refusing it if its checksum does not match.

        `durable=False` skips the fsync, for scratch copies that are read once and removed.
        """
        for folder in reversed([dest.parent, *dest.parent.parents]):
            if not folder.exists():
                folder.mkdir(mode=0o700)
        # Readable by this user only: these are children's voices and records.
        handle = os.open(
            dest, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o600
        )
        with open(handle, "wb") as out:
            self._stream(entry, out, progress)
            out.flush()
            if durable:
                os.fsync(out.fileno())

    def check(self, entry: BackupEntry, progress: Progress | None = None) -> None:
        """Read one file through and compare it with its checksum."""
        self._stream(entry, None, progress)

    def _stream(self, entry: BackupEntry, out: IO[bytes] | None, progress: Progress | None) -> None:
        digest, size = hashlib.sha256(), 0
        try:
            with self.archive.open(entry.path) as handle:
                while piece := handle.read(PIECE):
                    digest.update(piece)
                    size += len(piece)
                    if out is not None:
                        out.write(piece)
                    if progress:
                        progress(len(piece))
        except (zipfile.BadZipFile, EOFError, KeyError, ValueError) as error:
            raise damaged(self.source, f"{entry.path}: {error}") from error
        if size != entry.size or digest.hexdigest() != entry.sha256:
            raise damaged(self.source, f"{entry.path} does not match its checksum")


@contextlib.contextmanager
def open_backup(
    path: Path,
    *,
    passphrase: str | None = None,
    scratch: Path | None = None,
    progress: Progress | None = None,
) -> Iterator[BackupReader]:
    """Open a backup file for reading; BackupError with a plain message when it cannot be."""
    path = Path(path)
    try:
        with open(path, "rb") as handle:
            head = handle.read(len(backup_crypto.MAGIC))
    except OSError as error:
        raise BackupError(
            "The backup could not be opened",
            f"{path} could not be read ({error.strerror or error}). Nothing was changed. Check "
            "the name, and that the drive holding it is connected.",
        ) from error
    if backup_crypto.is_encrypted(head):
        with (
            _decrypted(path, passphrase, scratch, progress) as plain,
            _open_zip(plain, path) as reader,
        ):
            yield reader
        return
    if not head.startswith(b"PK"):
        raise wrong_kind(path)
    with _open_zip(path, path) as reader:
        yield reader


@contextlib.contextmanager
def _decrypted(
    path: Path, passphrase: str | None, scratch: Path | None, progress: Progress | None
) -> Iterator[Path]:
    if not passphrase:
        raise PassphraseNeeded(
            "This backup is protected by a passphrase",
            f"{path.name} is encrypted. Type the passphrase that was chosen when it was made.",
        )
    fd, tmp_name = tempfile.mkstemp(dir=scratch, prefix=".backup-open-", suffix=".zip")
    tmp = Path(tmp_name)
    try:
        with open(path, "rb") as source, os.fdopen(fd, "wb") as out:
            backup_crypto.decrypt_stream(source, out, passphrase, progress=progress)
        yield tmp
    except backup_crypto.WrongPassphrase as error:
        raise PassphraseNeeded(
            "That passphrase does not open this backup",
            f"The passphrase for {path.name} is not the one it was made with. Nothing was "
            "changed. Check the spelling and capital letters, and try again.",
        ) from error
    except backup_crypto.DamagedCiphertext as error:
        raise damaged(path, str(error)) from error
    except OSError as error:
        raise BackupError(
            "The backup could not be opened",
            f"Unpacking {path.name} failed ({error.strerror or error}). Nothing was changed. "
            "Make sure there is room on the disk for a copy of the backup, and try again.",
        ) from error
    finally:
        tmp.unlink(missing_ok=True)


@contextlib.contextmanager
def _open_zip(zip_path: Path, shown: Path) -> Iterator[BackupReader]:
    try:
        archive = zipfile.ZipFile(zip_path)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
        raise damaged(shown, str(error)) from error
    with archive:
        try:
            raw = archive.read(MANIFEST)
        except KeyError as error:
            raise wrong_kind(shown) from error
        except (zipfile.BadZipFile, EOFError, OSError, ValueError) as error:
            raise damaged(shown, str(error)) from error
        manifest = _parse_manifest(raw, shown)
        names = set(archive.namelist())
        for entry in manifest.entries:
            if entry.path not in names or not _safe_name(entry.path):
                raise damaged(shown, f"{entry.path} is missing")
        if not any(entry.path == DATABASE for entry in manifest.entries):
            raise damaged(shown, "the database is missing")
        yield BackupReader(archive, manifest, shown)


def _parse_manifest(raw: bytes, shown: Path) -> Manifest:
    try:
        data = json.loads(raw)
    except ValueError as error:
        raise damaged(shown, "the manifest is unreadable") from error
    if not isinstance(data, dict) or data.get("kind") != KIND:
        raise wrong_kind(shown)
    if not isinstance(data.get("format"), int) or data["format"] > FORMAT:
        raise BackupError(
            "This backup was made by a newer ikan-desktop",
            f"{shown.name} was made by ikan-desktop {data.get('app_version', '(newer)')}, which "
            "writes backups this version cannot read safely. Nothing was changed. Install the "
            "newest version of ikan-desktop, then open the backup again.",
        )
    try:
        entries = tuple(
            BackupEntry(str(f["path"]), int(f["size"]), str(f["sha256"])) for f in data["files"]
        )
        return Manifest(
            format=data["format"],
            app_version=str(data["app_version"]),
            created_at=str(data["created_at"]),
            schema=tuple(str(name) for name in data["schema"]),
            entries=entries,
            summary=dict(data.get("summary") or {}),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise damaged(shown, "the manifest is incomplete") from error


def _safe_name(name: str) -> bool:
    pure = PurePosixPath(name)
    return not pure.is_absolute() and ".." not in pure.parts and "\\" not in name


def wrong_kind(path: Path) -> BackupError:
    """The message for a file that is not an ikan-desktop backup at all."""
    return BackupError(
        "This is not an ikan-desktop backup",
        f"{path.name} is not a backup made by ikan-desktop, so it cannot be restored or "
        "merged. Nothing was changed. Choose a file ending in .ikanbackup.",
    )


def damaged(path: Path, detail: str) -> BackupError:
    """The message for a backup that is cut short or changed since it was made."""
    return BackupError(
        "This backup is damaged",
        f"{path.name} is incomplete or has been changed since it was made ({detail}). Nothing "
        "was changed. Try another copy of the backup, or make a new one from the computer that "
        "holds the data.",
    )


def remove_tree(folder: Path) -> None:
    """Remove a scratch folder of ours, quietly (it is only ever a temporary copy)."""
    shutil.rmtree(folder, ignore_errors=True)
