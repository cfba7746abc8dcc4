"""Printing a whole class: a PDF per child and one combined PDF, never over an earlier one."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

from ikan_desktop.store import open_store
from ikan_desktop.workflows import roster
from ikan_desktop.workflows.class_print import save_whole_class

CLASS = "Room 7 (demo)"
TODAY = date(2026, 11, 30)


def test_a_second_print_keeps_the_first_combined_file(data_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "print"
    with open_store(data_dir) as store:
        roster.seed_demo_class(store, today=TODAY)
        first = save_whole_class(store, CLASS, folder, today=TODAY)
        second = save_whole_class(store, CLASS, folder, today=TODAY)
    assert first.combined is not None and second.combined is not None
    assert first.combined.name == "Room 7 (demo) - all profiles 2026-11-30.pdf"
    assert second.combined.name == "Room 7 (demo) - all profiles 2026-11-30 (2).pdf"
    info = subprocess.run(["pdfinfo", str(first.combined)], capture_output=True, text=True)
    assert "Pages:           8" in info.stdout
