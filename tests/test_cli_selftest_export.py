"""`selftest` arguments and folders, and an export that fails part-way: plain lines, no leftovers."""

from __future__ import annotations

import resource
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from ikan_desktop.cli import main
from ikan_desktop.store import open_store
from ikan_desktop.workflows.demo_interview import seed_demo_interview
from ikan_desktop.workflows.roster import seed_demo_class


def run(*args: str) -> int:
    try:
        return main(list(args))
    except SystemExit as stop:
        return int(stop.code or 0)


@pytest.mark.parametrize("seconds", ["nan", "inf", "-inf", "1e12", "0", "-5", "soon"])
def test_selftest_seconds_that_cannot_be_recorded_are_bad_input(
    seconds: str, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("selftest", "--seconds", seconds) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "--seconds" in err and "Traceback" not in err
    assert not data_dir.exists()  # refused before anything was made or recorded


def test_selftest_into_a_folder_that_cannot_hold_files_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    assert run("selftest", "--data-dir", str(blocker)) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "cannot be saved" in err
    assert blocker.read_text() == "not a folder"


@contextmanager
def file_size_limit(limit: int) -> Iterator[None]:
    """Writes past `limit` bytes fail (EFBIG) as they would on a disk that is full."""
    old_limit = resource.getrlimit(resource.RLIMIT_FSIZE)
    old_handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, old_limit[1]))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, old_limit)
        signal.signal(signal.SIGXFSZ, old_handler)


def test_an_export_that_runs_out_of_space_leaves_no_folders(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_store(data_dir) as store:
        seed_demo_class(store)
        session_id = seed_demo_interview(store)
    assert session_id
    out = tmp_path / "exports" / "term 1"
    with file_size_limit(64 * 1024):  # the recording is far bigger
        code = run("export-session", session_id, "--out", str(out))
    assert code == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert list(tmp_path.iterdir()) == [tmp_path / "data"]  # no exports/, no term 1/
