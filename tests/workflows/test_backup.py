"""Backup, verify and restore with real files: the demo class, its recording, and damaged copies."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from ikan_desktop.cli import main
from ikan_desktop.exchange.backup import BackupError
from ikan_desktop.store import open_store
from ikan_desktop.store.audit import audit_entries
from ikan_desktop.workflows import backup
from ikan_desktop.workflows.roster import seed_demo_class


@pytest.fixture
def demo_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "teacher"
    with open_store(folder) as store:
        seed_demo_class(store)
    return folder


@pytest.fixture
def backup_file(demo_folder: Path, tmp_path: Path) -> Path:
    return backup.make_backup(demo_folder, tmp_path / "class.ikanbackup").path


def cli_json(capsys: pytest.CaptureFixture[str], *args: str) -> object:
    assert main([*args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def audio_sums(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted((folder / "audio").rglob("*.wav"))
    }


def test_backup_then_restore_gives_the_same_students_sessions_and_audio(
    demo_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "backups" / "class.ikanbackup"
    target.parent.mkdir()
    assert main(["backup", "--out", str(target), "--data-dir", str(demo_folder)]) == 0
    assert "Backed up 8 students" in capsys.readouterr().out
    assert os.stat(target).st_mode & 0o777 == 0o600
    assert main(["backup", "--verify", str(target)]) == 0
    assert "every checksum matches" in capsys.readouterr().out

    fresh = tmp_path / "new-laptop"
    assert main(["restore", str(target), "--data-dir", str(fresh)]) == 0
    capsys.readouterr()
    for command in ("students", "sessions"):
        before = cli_json(capsys, command, "--data-dir", str(demo_folder))
        after = cli_json(capsys, command, "--data-dir", str(fresh))
        assert before == after and before
    assert audio_sums(fresh) == audio_sums(demo_folder) != {}
    with open_store(fresh) as store:
        assert [e.action for e in audit_entries(store)] == ["restored"]
    with open_store(demo_folder) as store:
        assert [e.action for e in audit_entries(store)] == ["backed up"]


def test_restore_refuses_a_folder_that_is_not_empty_and_changes_nothing(
    backup_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    occupied = tmp_path / "occupied"
    occupied.mkdir()
    (occupied / "notes.txt").write_text("mine")
    assert main(["restore", str(backup_file), "--data-dir", str(occupied)]) == 2
    assert "not empty" in capsys.readouterr().err
    assert sorted(p.name for p in occupied.iterdir()) == ["notes.txt"]
    assert not list(tmp_path.glob(".occupied.restoring-*"))
    assert main(["restore", str(backup_file), "--data-dir", str(occupied), "--replace"]) == 0
    assert "The data that was there before is kept in" in capsys.readouterr().out
    assert (occupied / "ikan.sqlite").is_file()
    assert [p.name for p in tmp_path.glob("occupied.before-restore-*/*")] == ["notes.txt"]


def test_restore_replacing_keeps_the_old_folder_aside(backup_file: Path, tmp_path: Path) -> None:
    current = tmp_path / "current"
    current.mkdir()
    (current / "notes.txt").write_text("mine")
    done = backup.restore_backup(backup_file, current, replace=True)
    assert (current / "ikan.sqlite").is_file() and not (current / "notes.txt").exists()
    assert done.kept_aside is not None
    assert (done.kept_aside / "notes.txt").read_text() == "mine"


def _corrupt(path: Path, at: int) -> None:
    data = bytearray(path.read_bytes())
    data[at] ^= 0x01
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", ["truncated", "bit-flipped audio", "bit-flipped database"])
def test_a_damaged_backup_is_refused_and_nothing_is_restored(
    backup_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], damage: str
) -> None:
    with zipfile.ZipFile(backup_file) as archive:
        offsets = {i.filename: i.header_offset for i in archive.infolist()}
    if damage == "truncated":
        with open(backup_file, "r+b") as handle:
            handle.truncate(backup_file.stat().st_size // 2)
    elif damage == "bit-flipped audio":
        wav = next(name for name in offsets if name.endswith(".wav"))
        _corrupt(backup_file, offsets[wav] + 200_000)
    else:
        _corrupt(backup_file, offsets["ikan.sqlite"] + 5_000)
    assert main(["backup", "--verify", str(backup_file)]) == 2
    assert "This backup is damaged" in capsys.readouterr().err
    target = tmp_path / "restored"
    assert main(["restore", str(backup_file), "--data-dir", str(target)]) == 2
    err = capsys.readouterr().err
    assert "damaged" in err and "Traceback" not in err
    assert not target.exists()


def test_the_wrong_kind_of_file_is_named_as_such(tmp_path: Path, capsys) -> None:
    pdf = tmp_path / "profile.pdf"
    pdf.write_bytes(b"%PDF-1.4\n" + b"x" * 100)
    other_zip = tmp_path / "photos.zip"
    with zipfile.ZipFile(other_zip, "w") as archive:
        archive.writestr("photo.jpg", b"not really")
    for path in (pdf, other_zip):
        assert main(["backup", "--verify", str(path)]) == 2
        assert "not an ikan-desktop backup" in capsys.readouterr().err


def test_a_backup_from_a_newer_version_is_refused(backup_file: Path, tmp_path: Path) -> None:
    newer = tmp_path / "newer.ikanbackup"
    with zipfile.ZipFile(backup_file) as source, zipfile.ZipFile(newer, "w") as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "manifest.json":
                manifest = json.loads(data)
                manifest["format"], manifest["app_version"] = 7, "9.0"
                data = json.dumps(manifest).encode()
            out.writestr(info, data)
    with pytest.raises(BackupError) as refused:
        backup.restore_backup(newer, tmp_path / "restored")
    assert "newer ikan-desktop" in refused.value.title
    assert "9.0" in refused.value.message
    assert not (tmp_path / "restored").exists()


def test_a_destination_removed_mid_backup_leaves_nothing_and_says_so(
    demo_folder: Path, tmp_path: Path
) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()

    def pull_the_stick(_count: int) -> None:
        if stick.exists():
            shutil.rmtree(stick)

    with pytest.raises(BackupError) as failed:
        backup.make_backup(demo_folder, stick / "b.ikanbackup", progress=pull_the_stick)
    assert "Your data is unchanged" in failed.value.message
    assert not stick.exists()
    assert not list(demo_folder.glob(".backup-snapshot-*"))


@pytest.fixture
def tiny_disk(tmp_path: Path):
    """A 1 MB filesystem (tmpfs), so the write fails with the operating system's 'disk full'."""
    mount_point = tmp_path / "tiny"
    mount_point.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount_point)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip("mounting a small filesystem needs root")
    yield mount_point
    subprocess.run(["umount", str(mount_point)], check=False)


def test_a_full_disk_is_a_plain_message_and_no_partial_file(
    demo_folder: Path, tiny_disk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        ["backup", "--out", str(tiny_disk / "b.ikanbackup"), "--data-dir", str(demo_folder)]
    )
    err = capsys.readouterr().err
    assert code == 2
    assert "the disk is full" in err and "no partial backup" in err
    assert list(tiny_disk.iterdir()) == []


def test_restored_files_are_readable_by_their_owner_only(backup_file: Path, tmp_path: Path) -> None:
    folder = tmp_path / "restored"
    backup.restore_backup(backup_file, folder)
    assert folder.stat().st_mode & 0o777 == 0o700
    for path in folder.rglob("*"):
        assert path.stat().st_mode & 0o077 == 0, path


def test_the_backup_reminder_appears_after_a_week(demo_folder: Path, tmp_path: Path) -> None:
    from datetime import UTC, datetime, timedelta

    from ikan_desktop.workflows.auto_backup import backup_reminder

    with open_store(demo_folder) as store:
        assert backup_reminder(store).startswith("No backup yet")
        backup.record_backup(store, backup.make_backup(demo_folder, tmp_path / "b.ikanbackup"))
        assert backup_reminder(store) is None
        later = datetime.now(UTC) + timedelta(days=9)
        assert backup_reminder(store, now=later).startswith("Last backup 9 days ago")


def test_automatic_backups_keep_only_the_newest(demo_folder: Path, tmp_path: Path) -> None:
    from datetime import datetime

    from ikan_desktop.store.settings import set_setting
    from ikan_desktop.workflows import auto_backup

    stick = tmp_path / "stick"
    stick.mkdir()
    (stick / "my-own.ikanbackup").write_bytes(b"kept")
    with open_store(demo_folder) as store:
        set_setting(store, auto_backup.FOLDER_KEY, str(stick))
        set_setting(store, auto_backup.KEEP_KEY, "2")
    said = [
        auto_backup.run_automatic_backup(demo_folder, now=datetime(2026, 12, day, 15, 0))
        for day in (1, 2, 3)
    ]
    assert said[-1].endswith(" Removed 1 older automatic backup.")
    names = sorted(p.name for p in stick.iterdir())
    assert names == [
        "ikan-desktop-auto-2026-12-02-150000.ikanbackup",
        "ikan-desktop-auto-2026-12-03-150000.ikanbackup",
        "my-own.ikanbackup",
    ]


def test_a_backup_never_writes_over_an_existing_file(
    demo_folder: Path, tmp_path: Path, capsys
) -> None:
    existing = tmp_path / "precious.ikanbackup"
    existing.write_bytes(b"someone's file")
    assert main(["backup", "--out", str(existing), "--data-dir", str(demo_folder)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert existing.read_bytes() == b"someone's file"
    assert main(["backup", "--out", str(tmp_path), "--data-dir", str(demo_folder)]) == 0
    assert len(list(tmp_path.glob("ikan-desktop-*.ikanbackup"))) == 1


def test_a_relative_data_folder_still_backs_up_its_recording(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["demo", "--data-dir", "relative"]) == 0
    assert main(["backup", "--out", "r.ikanbackup", "--data-dir", "relative"]) == 0
    out = capsys.readouterr().out
    assert "1 recording (" in out and "could not be found" not in out
