"""A command stopped by a bug says so on one line and exits 70, never with a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from ikan_desktop.cli import UNEXPECTED, main
from ikan_desktop.workflows import roster


def test_a_bug_in_a_command_is_one_plain_line(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*args: object, **kwargs: object) -> list[dict[str, object]]:
        raise RuntimeError("the list could not be read")

    monkeypatch.setattr(roster, "student_rows", broken)
    assert main(["students", "--json", "--data-dir", str(data_dir)]) == UNEXPECTED == 70
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("ikan-desktop students: ") and "did not expect (RuntimeError" in err
