"""Bad input where the process itself is the point: waits that must not happen, a closed pipe."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ikan_desktop.domain.students import StudentDetails
from ikan_desktop.store import open_store
from ikan_desktop.store import students as student_store

COMMAND = [sys.executable, "-m", "ikan_desktop"]


def ikan(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*COMMAND, *args],
        capture_output=True,
        text=True,
        env=env or dict(os.environ),
        timeout=60,  # a hang fails the test instead of stalling the run
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_validate_script_never_waits_on_a_pipe_or_an_alias_bomb(tmp_path: Path) -> None:
    pipe = tmp_path / "form.yaml"
    os.mkfifo(pipe)
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for number in range(1, 9):
        before, name = chr(96 + number), chr(97 + number)
        lines.append(f"{name}: &{name} [{', '.join(f'*{before}' for _ in range(9))}]")
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text("\n".join([*lines, "kind: strategy"]) + "\n")
    done = ikan("validate-script", str(pipe), str(bomb))
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    problems = done.stderr.strip().splitlines()
    assert problems[-1] == "2 problems found."
    assert problems[0].startswith(f"{pipe}: ") and "not an ordinary file" in problems[0]
    assert problems[1].startswith(f"{bomb}: ") and "aliases" in problems[1]


def test_a_listing_into_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        for number in range(400):  # more than a pipe holds, so writing meets the closed end
            student_store.add_student(store, StudentDetails(name=f"Student {number:03d}"))
    listing = subprocess.Popen(
        [*COMMAND, "students", "--json", "--data-dir", str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert listing.stdout is not None and listing.stderr is not None
    listing.stdout.close()  # like `| head` that has read enough
    err = listing.stderr.read().decode()
    assert listing.wait(timeout=60) == 141
    assert err == ""


def test_selftest_without_a_sound_server_prints_only_its_own_lines(tmp_path: Path) -> None:
    env = dict(os.environ, PULSE_SERVER=f"unix:{tmp_path}/no-sound-server")
    env.pop("QT_LOGGING_RULES", None)
    done = ikan("selftest", "--data-dir", str(tmp_path / "data"), env=env)
    assert done.returncode == 2
    assert done.stdout.startswith("Microphones found")
    assert len(done.stderr.strip().splitlines()) == 1
    assert done.stderr.startswith("ikan-desktop selftest: ")
