"""A command that writes leaves a data folder alone while the app has it open."""

from __future__ import annotations

from pathlib import Path

from ikan_desktop.cli import main
from ikan_desktop.store import folder_lock
from ikan_desktop.store.location import DB_NAME


def test_demo_refuses_a_folder_the_app_has_open_and_changes_nothing(tmp_path: Path, capsys) -> None:
    import subprocess
    import sys

    folder = tmp_path / "data"
    folder.mkdir()
    code = (
        "import sys; from ikan_desktop.store import folder_lock; "
        f"folder_lock.acquire({str(folder)!r}); print('held', flush=True); sys.stdin.read()"
    )
    app = subprocess.Popen(
        [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert app.stdout is not None and app.stdout.readline().strip() == "held"
        assert main(["demo", "--data-dir", str(folder)]) == 2
        assert "already open on the data folder" in capsys.readouterr().err
        assert not (folder / DB_NAME).exists()
    finally:
        assert app.stdin is not None
        app.stdin.close()
        app.wait(10)
    assert not folder_lock.in_use_elsewhere(folder)
    assert main(["demo", "--data-dir", str(folder)]) == 0  # the app has closed: it may
