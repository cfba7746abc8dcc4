"""Merge colleagues' backups into this data folder, and say what was added, matched and in conflict.

The backup is checked as it is read (every checksum). Its recordings that are new here are
copied in first, each through a temporary file; then every row goes in as one transaction. If
anything fails, the transaction is rolled back and the copied recordings are removed, so the
folder is as it was.
"""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ikan_desktop.exchange.backup import DATABASE, BackupError, Progress, open_backup, remove_tree
from ikan_desktop.store import Store, StoreError, open_store
from ikan_desktop.store import deletion as deletion_store
from ikan_desktop.store import merge as merge_store
from ikan_desktop.store.audit import log_event
from ikan_desktop.store.location import DB_NAME
from ikan_desktop.workflows.backup import refuse_newer_schema
from ikan_desktop.workflows.deletion import plural

FIELD_NAMES = {
    "name": "name",
    "preferred_name": "preferred name",
    "external_id": "school id",
    "year_level": "year level",
    "school_start_date": "start date",
    "date_of_birth": "date of birth",
    "class_name": "class",
    "recording_consent": "recording consent",
    "consent_date": "consent date",
    "archived": "archived",
}
TABLE_NAMES = {
    "tags": ("observation", "observations"),
    "judgements": ("stage judgement", "stage judgements"),
    "section_decisions": ("section decision", "section decisions"),
    "tag_edits": ("review edit", "review edits"),
    "profile_notes": ("profile note", "profile notes"),
    "consent_events": ("consent record", "consent records"),
}


@dataclass(frozen=True)
class MergeResult:
    """One merged backup: what it added, matched and found in conflict."""

    source: Path
    counts: merge_store.MergeCounts
    recordings_copied: int

    @property
    def summary(self) -> str:
        c = self.counts
        return (
            f"{self.source.name}: {len(c.students_added)} students added, "
            f"{len(c.students_matched)} matched, {len(c.conflicts)} in conflict, "
            f"{c.sessions_added} interviews added ({c.sessions_present} already here), "
            f"{self.recordings_copied} recordings copied"
            + (
                f", {len(c.audio_deleted)} deleted as on the colleague's laptop."
                if c.audio_deleted
                else "."
            )
        )

    def report(self) -> str:
        """The merge report, in plain lines."""
        c = self.counts
        lines = [f"Merged {self.source.name}"]
        lines.append(f"Students added: {len(c.students_added)}")
        lines += [f"  + {name}" for name in sorted(c.students_added)]
        hows = Counter(how for _name, how in c.students_matched)
        detail = ", ".join(f"{n} by {how}" for how, n in sorted(hows.items()))
        lines.append(
            f"Students matched: {len(c.students_matched)}" + (f" ({detail})" if detail else "")
        )
        lines.append(f"Students in conflict: {len(c.conflicts)}")
        for conflict in c.conflicts:
            kept = (
                "theirs, the newer edit" if conflict.kept == "theirs" else "yours, the newer edit"
            )
            changes = "; ".join(
                f"{FIELD_NAMES.get(f, f)} {_shown(ours)} here, {_shown(theirs)} in the backup"
                for f, ours, theirs in conflict.fields
            )
            lines.append(f"  ! {conflict.name}: {changes} — kept {kept}")
        lines.append(
            f"Interviews added: {c.sessions_added} (already here: {c.sessions_present}); "
            f"recordings copied: {self.recordings_copied}"
        )
        added = [
            plural(n, *TABLE_NAMES[t]) for t, n in c.rows_added.items() if n and t in TABLE_NAMES
        ]
        if added:
            lines.append("Also added: " + ", ".join(added))
        taken = [plural(n, *TABLE_NAMES.get(t, (t, t))) for t, n in c.edits_taken.items() if n]
        if taken:
            lines.append("Newer edits taken from the backup: " + ", ".join(taken))
        if c.audio_deleted:
            lines.append(
                "Recordings deleted on the colleague's laptop, deleted here too: "
                f"{len(c.audio_deleted)}"
            )
        if c.not_brought_back:
            lines.append(f"Not brought back (deleted here): {c.not_brought_back} students")
        return "\n".join(lines)


def _shown(value: object) -> str:
    if value is None or value == "":
        return "(blank)"
    return (
        {True: "yes", False: "no"}.get(value, str(value))
        if isinstance(value, bool)
        else f"“{value}”"
    )


def merge_backup(
    store: Store,
    path: Path,
    *,
    passphrase: str | None = None,
    progress: Progress | None = None,
) -> MergeResult:
    """Merge one backup file into the open store; BackupError with a plain message on failure."""
    path = Path(path)
    scratch = Path(tempfile.mkdtemp(dir=store.folder, prefix=".merge-"))
    copied: list[Path] = []
    try:
        with open_backup(path, passphrase=passphrase, scratch=scratch) as reader:
            refuse_newer_schema(reader.manifest, path)
            entries = {entry.path: entry for entry in reader.manifest.entries}
            reader.extract(entries[DATABASE], scratch / DB_NAME, durable=False)
            _prepare(scratch, path)
            merge_store.attach(store, scratch / DB_NAME)
            try:
                for relative in merge_store.new_audio_paths(store):
                    target = store.folder / relative
                    if relative not in entries or target.exists():
                        continue
                    part = target.with_name(f".{target.name}.part")
                    reader.extract(entries[relative], part, progress)
                    os.replace(part, target)
                    copied.append(target)
                counts = merge_store.merge_rows(store)
                deletion_store.remove_recording_files(store, counts.audio_deleted)
            finally:
                merge_store.detach(store)
    except OSError as error:
        _remove(copied)
        raise BackupError(
            "The backup could not be merged",
            f"Merging {path.name} failed ({error.strerror or error}). Nothing was changed. Check "
            "there is room on the disk, and try again.",
        ) from error
    except BaseException:
        _remove(copied)
        raise
    finally:
        remove_tree(scratch)
    result = MergeResult(path, counts, len(copied))
    log_event(store, "merged", f"merged {path.name}", result.summary)
    return result


def merge_backups(
    store: Store, paths: list[Path], *, passphrase: str | None = None
) -> list[MergeResult]:
    """Merge several backups one after another (each is all or nothing)."""
    return [merge_backup(store, Path(p), passphrase=passphrase) for p in paths]


def _prepare(scratch: Path, shown: Path) -> None:
    # Checks the copy and brings an older backup's schema up to ours, so the columns line up.
    try:
        open_store(scratch).close()
    except StoreError as error:
        raise BackupError(
            "The database in this backup cannot be used", f"{shown.name}: {error.message}"
        ) from error


def _remove(paths: list[Path]) -> None:
    for target in paths:
        target.unlink(missing_ok=True)
