"""Backups protected by a passphrase: unreadable without it, and a clear word when it is wrong."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from ikan_desktop.cli import main
from ikan_desktop.exchange.backup import BackupError, PassphraseNeeded
from ikan_desktop.store import open_store
from ikan_desktop.workflows import backup
from ikan_desktop.workflows.roster import seed_demo_class


@pytest.fixture(scope="module")
def sealed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("sealed")
    with open_store(root / "teacher") as store:
        seed_demo_class(store)
    done = backup.make_backup(root / "teacher", root / "c.ikanbackup", passphrase="kōwhai tree 7")
    return root / "teacher", done.path


def test_the_recording_cannot_be_found_in_the_encrypted_file(sealed: tuple[Path, Path]) -> None:
    folder, path = sealed
    wav = next((folder / "audio").rglob("*.wav")).read_bytes()
    data = path.read_bytes()
    assert wav[1000:1064] not in data
    assert b"RIFF" not in data and b"SQLite format 3" not in data


def test_the_right_passphrase_restores_everything(
    sealed: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    folder, path = sealed
    monkeypatch.setenv("IKAN_DESKTOP_PASSPHRASE", "kōwhai tree 7")
    assert main(["backup", "--verify", str(path)]) == 0
    assert main(["restore", str(path), "--data-dir", str(tmp_path / "new")]) == 0
    before = {p.name: hashlib.sha256(p.read_bytes()).digest() for p in folder.rglob("*.wav")}
    after = {p.name: hashlib.sha256(p.read_bytes()).digest() for p in tmp_path.rglob("*.wav")}
    assert before == after != {}


def test_a_wrong_or_missing_passphrase_is_a_clear_message(
    sealed: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    _folder, path = sealed
    with pytest.raises(PassphraseNeeded) as missing:
        backup.verify_backup(path)
    assert "protected by a passphrase" in missing.value.title
    monkeypatch.setenv("IKAN_DESKTOP_PASSPHRASE", "kowhai tree 7")
    assert main(["restore", str(path), "--data-dir", str(tmp_path / "new")]) == 2
    err = capsys.readouterr().err
    assert "That passphrase does not open this backup" in err
    assert not (tmp_path / "new").exists()
    assert not list(tmp_path.glob(".backup-open-*"))


@pytest.mark.parametrize("damage", ["flip", "cut"])
def test_a_damaged_encrypted_backup_is_named_damaged_not_a_wrong_passphrase(
    sealed: tuple[Path, Path], tmp_path: Path, damage: str
) -> None:
    _folder, path = sealed
    data = bytearray(path.read_bytes())
    if damage == "flip":
        data[len(data) // 2] ^= 0x10
    else:
        data = data[: len(data) - 70_000]
    copy = tmp_path / "copy.ikanbackup"
    copy.write_bytes(bytes(data))
    with pytest.raises(BackupError) as refused:
        backup.verify_backup(copy, passphrase="kōwhai tree 7")
    assert refused.value.title == "This backup is damaged"
