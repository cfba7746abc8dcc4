"""A backup is never restored or merged into a data folder another running copy has open."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ikan_desktop.cli import main
from ikan_desktop.store import folder_lock
from ikan_desktop.workflows import backup

HOLDER = (
    "import sys; from pathlib import Path; from ikan_desktop.store import folder_lock; "
    "folder_lock.acquire(Path(sys.argv[1])); print('held', flush=True); sys.stdin.read()"
)


@pytest.fixture
def held_elsewhere(tmp_path: Path):
    folder = tmp_path / "open-in-another-copy"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(folder)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    yield folder
    holder.communicate("", timeout=10)


def test_a_folder_another_copy_holds_is_refused(held_elsewhere: Path) -> None:
    with pytest.raises(backup.BackupError) as refused:
        backup.refuse_if_in_use(held_elsewhere)
    assert "already open" in refused.value.message


def test_the_apps_own_hold_does_not_count(tmp_path: Path) -> None:
    with folder_lock.holding(tmp_path):
        backup.refuse_if_in_use(tmp_path)  # the app restoring into its own folder asks first


def test_merge_into_a_folder_another_copy_holds_exits_2_and_changes_nothing(
    held_elsewhere: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = sorted(p.name for p in held_elsewhere.iterdir())
    some_file = tmp_path / "colleague.ikanbackup"
    some_file.write_bytes(b"not looked at")
    code = main(["merge", str(some_file), "--data-dir", str(held_elsewhere)])
    assert code == 2
    assert "already open" in capsys.readouterr().err
    assert sorted(p.name for p in held_elsewhere.iterdir()) == before
