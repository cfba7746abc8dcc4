"""Command-line arguments: where --data-dir may go, and arguments that are bad input (exit 2)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ikan_desktop.cli import main
from ikan_desktop.domain.students import StudentDetails
from ikan_desktop.store import open_store
from ikan_desktop.store import students as student_store
from ikan_desktop.store.location import DB_NAME


def run(*args: str) -> int:
    try:
        return main(list(args))
    except SystemExit as stop:  # argparse's own refusals
        return int(stop.code or 0)


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


@pytest.mark.parametrize("before", [True, False])
def test_data_dir_is_honoured_before_or_after_the_command(
    tmp_path: Path, data_dir: Path, before: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    chosen = tmp_path / "chosen"
    with open_store(chosen) as store:
        student_store.add_student(store, StudentDetails(name="Aroha Ngata"))
    args = ["--data-dir", str(chosen), "students", "--json"]
    if not before:
        args = ["students", "--json", "--data-dir", str(chosen)]
    assert run(*args) == 0
    assert [row["name"] for row in json.loads(capsys.readouterr().out)] == ["Aroha Ngata"]
    assert not data_dir.exists()  # the folder from the environment was never created


@pytest.mark.parametrize(
    "args",
    [
        ["--data-dir", "", "students"],
        ["students", "--data-dir", ""],
        ["--data-dir", "   ", "sessions"],
    ],
)
def test_an_empty_data_dir_is_refused(
    args: list[str], data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(*args) == 2
    assert "--data-dir" in one_line(capsys.readouterr().err)
    assert not data_dir.exists()


@pytest.fixture
def one_student(data_dir: Path) -> Path:
    with open_store(data_dir) as store:
        student_store.add_student(store, StudentDetails(name="Aroha Ngata"))
    return data_dir / DB_NAME


@pytest.mark.parametrize("student", ["no-such-student", "", "   "])
def test_sessions_for_an_unknown_or_empty_student_is_bad_input(
    one_student: Path, student: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("sessions", "--json", "--student", student) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "ikan-desktop students" in one_line(captured.err)


def test_an_id_that_is_not_text_is_bad_input(
    one_student: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    undecodable = b"\xff\xfestudent".decode("utf-8", "surrogateescape")  # how Linux passes bytes
    for args in (
        ["sessions", "--student", undecodable],
        ["export-session", undecodable, "--out", "x"],
    ):
        assert run(*args) == 2
        assert "is not readable text" in one_line(capsys.readouterr().err)


def test_a_mistyped_option_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("students", "--jsn") == 2
    assert "--jsn" in one_line(capsys.readouterr().err)


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--data-dir"], "expected one argument"),
        (["--data-dir=/tmp", "--bogus"], "unrecognized arguments: --bogus"),
        (["--dem", "studnts"], "invalid choice: 'studnts'"),
    ],
)
def test_app_options_with_a_mistake_still_get_the_whole_parser(
    argv: list[str], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # Opening the window skips the sub-commands' parsers; anything else must still see them all.
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert expected in err and err.count("\n") == 1


def test_help_still_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--demo", "--help"])
    out = capsys.readouterr().out
    for command in ("students", "validate-script", "backup", "overview", "class-report"):
        assert command in out
