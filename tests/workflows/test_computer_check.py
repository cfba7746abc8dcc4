"""The computer check's file and database lines, as IT support would read them."""

from __future__ import annotations

import shutil
from pathlib import Path

from ikan_desktop.store import open_store
from ikan_desktop.workflows import roster
from ikan_desktop.workflows.computer_check import (
    CheckLine,
    check_data_folder,
    check_database,
    header_lines,
    report_text,
)


def test_a_folder_that_went_away_is_a_problem_with_what_to_do(tmp_path: Path) -> None:
    folder = tmp_path / "usb-stick" / "ikan"
    folder.mkdir(parents=True)
    assert [line.ok for line in check_data_folder(folder)] == [True, True]
    shutil.rmtree(tmp_path / "usb-stick")
    writable = check_data_folder(folder)[0]
    assert writable.ok is False
    assert "cannot write" in writable.detail and "IT support" in writable.detail
    report = report_text(header_lines("9.9", "6.x", folder), check_data_folder(folder))
    assert "PROBLEM Data folder:" in report and report.rstrip().endswith("1 problem found.")


def test_the_database_line_counts_without_naming(data_dir: Path) -> None:
    with open_store(data_dir) as store:
        roster.seed_demo_class(store)
        line = check_database(store)
        names = [row["name"] for row in roster.student_rows(store, include_archived=True)]
    assert line.ok is True and line.detail.startswith("intact (8 students")
    assert not any(name in line.text() for name in names)


def test_the_verdict_counts_problems_in_words() -> None:
    broken = [CheckLine("Microphone", False, "none found."), CheckLine("Audio", False, "none.")]
    assert report_text([], broken).rstrip().endswith("\n2 problems found.")
    assert report_text([], broken[:1]).rstrip().endswith("\n1 problem found.")
