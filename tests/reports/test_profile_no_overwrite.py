"""`profile` never replaces a file that is already there, unless told to with --force."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import pytest

from ikan_desktop.cli import main
from ikan_desktop.store import open_store
from ikan_desktop.workflows.demo_history import seed_demo_history
from ikan_desktop.workflows.roster import DEMO_CLASS, seed_demo_class


@pytest.fixture(scope="module")
def school(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("school")
    with open_store(folder) as store:
        seed_demo_class(store, today=date.today())
        seed_demo_history(store, today=date.today())
    return folder


def first_student(school: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["students", "--json", "--data-dir", str(school)]) == 0
    return json.loads(capsys.readouterr().out)[0]["id"]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_an_existing_out_file_is_refused_then_replaced_with_force(
    school: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    student = first_student(school, capsys)
    out = tmp_path / "conference.pdf"
    out.write_bytes(b"the teacher's own notes, saved with the wrong extension")
    before = digest(out)
    args = ["profile", "--student", student, "--out", str(out), "--data-dir", str(school)]
    assert main(args) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "already exists" in err and "--force" in err
    assert digest(out) == before
    assert main([*args, "--force"]) == 0
    assert out.read_bytes().startswith(b"%PDF")


def test_a_class_into_a_folder_with_the_same_names_gets_new_names(
    school: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "profiles"
    args = ["profile", "--class", DEMO_CLASS, "--out", str(out), "--data-dir", str(school)]
    assert main(args) == 0
    first = {path.name: digest(path) for path in out.iterdir()}
    marked = sorted(out.iterdir())[0]
    marked.write_bytes(b"%PDF- a copy the teacher annotated")
    kept = digest(marked)
    assert main(args) == 0
    names = {path.name for path in out.iterdir()}
    assert len(names) == 2 * len(first)
    assert digest(marked) == kept
    assert any("(2).pdf" in name for name in names)
    capsys.readouterr()
    assert main([*args, "--force"]) == 0
    assert len(list(out.iterdir())) == 2 * len(first)  # replaced in place, nothing added
    assert digest(marked) != kept
