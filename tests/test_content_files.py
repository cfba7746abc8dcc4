"""A broken or missing content file is named in one plain message; nothing is half done."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from content_helpers import content_copy  # noqa: F401 - a fixture
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from ui_helpers import when_dialog_opens

from ikan_desktop.cli import main
from ikan_desktop.domain.students import StudentDetails
from ikan_desktop.store import students as student_store
from ikan_desktop.store.location import DB_NAME
from ikan_desktop.ui import content_guard
from ikan_desktop.ui.main_window import MainWindow, open_data_folder
from ikan_desktop.workflows.content_check import content_problems

BREAKAGES = {
    "framework": ("resources/frameworks/nz-number-framework.yaml", b"stages: [1, 2\n"),
    "codes": ("resources/strategy-codes.yaml", b"codes: 5\n"),
    "form": ("interview_scripts/strategy-form-b.yaml", None),
    "schema": ("resources/schemas/interview-script.schema.yaml", b"{{{"),
    "demo recording": ("resources/demo/demo-interview.wav", None),
}


def break_file(root: Path, relative: str, text: bytes | None) -> Path:
    path = root / relative
    if text is None:
        path.unlink()
    else:
        path.write_bytes(text)
    return path


@pytest.mark.parametrize("what", list(BREAKAGES))
def test_demo_names_the_broken_file_and_seeds_nothing(
    content_copy: Path,  # noqa: F811
    data_dir: Path,
    what: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    broken = break_file(content_copy, *BREAKAGES[what])
    assert main(["demo"]) == 2
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err
    assert str(broken) in lines[0]
    students = sqlite3.connect(data_dir / DB_NAME).execute("SELECT count(*) FROM students")
    assert students.fetchone() == (0,)  # all or nothing: no half-seeded demo class
    assert not any(data_dir.rglob("*.wav"))


def test_a_damaged_font_is_found_by_the_start_up_check(content_copy: Path) -> None:  # noqa: F811
    font = break_file(content_copy, "resources/fonts/DejaVuSans.ttf", b"")
    problems = content_problems()
    assert [p.file for p in problems] == [str(font)]
    assert "damaged" in problems[0].message


def test_the_window_names_a_broken_form_soon_after_start(
    content_copy: Path,  # noqa: F811
    data_dir: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    broken = break_file(content_copy, *BREAKAGES["form"])
    store = open_data_folder(data_dir)
    assert store is not None
    window = MainWindow(home_folder=data_dir, store=store)
    qtbot.addWidget(window)
    window.show()
    seen: list[str] = []

    def read_and_close(box: object) -> None:
        seen.append(box.text() + " " + box.informativeText())  # type: ignore[attr-defined]
        box.close()  # type: ignore[attr-defined]

    monkeypatch.setattr(content_guard, "CHECK_DELAY_MS", 0)
    when_dialog_opens(read_and_close)
    content_guard.check_content_soon(window)
    qtbot.waitUntil(lambda: bool(seen), timeout=20000)
    assert "A content file has a problem" in seen[0]
    assert str(broken) in seen[0]
    window.close_store()


def test_start_interview_with_a_broken_form_explains_instead_of_doing_nothing(
    content_copy: Path,  # noqa: F811
    data_dir: Path,
    qtbot: QtBot,
) -> None:
    broken = break_file(content_copy, *BREAKAGES["form"])
    store = open_data_folder(data_dir)
    assert store is not None
    student_store.add_student(store, StudentDetails(name="Aroha Ngata"))
    window = MainWindow(home_folder=data_dir, store=store)
    qtbot.addWidget(window)
    window.show()
    content_guard.install_error_hook(window)
    seen: list[str] = []

    def read_and_close(box: object) -> None:
        seen.append(box.text() + " " + box.informativeText())  # type: ignore[attr-defined]
        box.close()  # type: ignore[attr-defined]

    when_dialog_opens(read_and_close)
    window.roster.table.selectRow(0)
    qtbot.mouseClick(window.roster.interview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(seen), timeout=20000)
    assert "A content file has a problem" in seen[0] and str(broken) in seen[0]
    assert window.isVisible()
    window.close_store()
