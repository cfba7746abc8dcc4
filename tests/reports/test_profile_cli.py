"""`ikan-desktop profile` run as a real process on a demo data folder, as a script would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from ikan_desktop.domain.students import StudentDetails
from ikan_desktop.store import open_store
from ikan_desktop.store import students as student_store
from ikan_desktop.workflows.demo_history import seed_demo_history
from ikan_desktop.workflows.roster import DEMO_CLASS, seed_demo_class


def ikan(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ikan_desktop", *args],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=120,
    )


@pytest.fixture
def demo_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "school"
    with open_store(folder) as store:
        seed_demo_class(store, today=date.today())
        seed_demo_history(store, today=date.today())
        student_store.add_student(store, StudentDetails(name="Nikau New", class_name=DEMO_CLASS))
    return folder


def student_ids(folder: Path) -> dict[str, str]:
    listed = ikan("students", "--json", "--data-dir", str(folder))
    assert listed.returncode == 0, listed.stderr
    return {s["name"]: s["id"] for s in json.loads(listed.stdout)}


def text_of(path: Path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return " ".join(out.stdout.split())


def info(path: Path) -> str:
    return subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout


def test_one_student_to_a_pdf_file(demo_folder: Path, tmp_path: Path) -> None:
    ids = student_ids(demo_folder)
    out = tmp_path / "out" / "hana.pdf"
    result = ikan("profile", "--student", ids["Hūhana Kereama"], "--out", str(out),
                  "--data-dir", str(demo_folder))  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Pages:           1" in info(out)
    assert "A4" in info(out)
    text = text_of(out)
    assert "Hūhana Kereama" in text and "Where Hana is now" in text
    assert list(out.parent.iterdir()) == [out], "no temporary files are left behind"


def test_letter_paper(demo_folder: Path, tmp_path: Path) -> None:
    ids = student_ids(demo_folder)
    out = tmp_path / "aroha.pdf"
    result = ikan("profile", "--student", ids["Aroha Ngata"], "--out", str(out), "--letter",
                  "--data-dir", str(demo_folder))  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "612 x 792 pts (letter)" in info(out)


def test_a_whole_class_to_a_folder(demo_folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "room7"
    result = ikan(
        "profile", "--class", DEMO_CLASS, "--out", str(out), "--data-dir", str(demo_folder)
    )
    assert result.returncode == 0, result.stderr
    files = sorted(out.iterdir())
    assert len(files) == 8
    assert "Wrote 8 profiles" in result.stdout
    assert "Nikau New" in result.stdout
    assert all("Pages:           1" in info(f) for f in files)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--student", "no-such-id"], "There is no student with the id 'no-such-id'"),
        (["--student", "NIKAU"], "Nikau New has no confirmed stage yet"),
        (["--class", "Room 99"], "There is no class called 'Room 99'"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    demo_folder: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    if "NIKAU" in args:
        args = ["--student", student_ids(demo_folder)["Nikau New"]]
    out = tmp_path / "nothing.pdf"
    result = ikan("profile", *args, "--out", str(out), "--data-dir", str(demo_folder))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert message in lines[0]
    assert "Traceback" not in result.stderr
    assert not out.exists()
