"""The profile screens with real PDFs, real files and a real worker thread (offscreen Qt)."""

from __future__ import annotations

import subprocess
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from ikan_desktop.domain.students import StudentDetails
from ikan_desktop.store import open_store
from ikan_desktop.store import students as student_store
from ikan_desktop.store.database import Store
from ikan_desktop.ui.profile import actions
from ikan_desktop.ui.profile.class_batch import ClassProfileRun, ClassRunOutcome
from ikan_desktop.workflows import profiles
from ikan_desktop.workflows.demo_history import seed_demo_history
from ikan_desktop.workflows.roster import DEMO_CLASS, seed_demo_class

TODAY = date(2026, 3, 20)


@pytest.fixture
def demo_store(data_dir: Path) -> Iterator[Store]:
    with open_store(data_dir) as store:
        seed_demo_class(store, today=TODAY)
        seed_demo_history(store, today=TODAY)
        yield store


def pages(path: Path) -> int:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return int(next(line for line in out.stdout.splitlines() if line.startswith("Pages:"))[6:])


def a_profile_pdf(store: Store) -> bytes:
    from ikan_desktop.reports.profile import render_profile

    student = next(s for s in student_store.iter_students(store) if s.name == "Aroha Ngata")
    return render_profile(profiles.profile_for_student(store, student.id, today=TODAY))


def test_the_preview_shows_the_real_pdf_and_prints_and_saves_it(
    qtbot: QtBot, demo_store: Store, tmp_path: Path
) -> None:
    pytest.importorskip("PySide6.QtPdfWidgets", reason="QtPdf ships in the PySide6-Pdf wheel")
    from PySide6.QtPrintSupport import QPrinter

    from ikan_desktop.ui.profile.preview import ProfilePreviewDialog, print_pdf, printer_for

    pdf = a_profile_pdf(demo_store)
    dialog = ProfilePreviewDialog(pdf, title="Profile: Aroha Ngata", file_name="aroha.pdf")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.is_ready, timeout=10_000)
    assert dialog.document.pageCount() == 1
    assert dialog.view.document() is dialog.document
    size = dialog.document.pagePointSize(0)
    assert (round(size.width()), round(size.height())) == (595, 842)

    saved = dialog.save_to(tmp_path / "saved" / "aroha")
    assert saved.name == "aroha.pdf"
    assert saved.read_bytes() == pdf
    assert [p.name for p in saved.parent.iterdir()] == ["aroha.pdf"]

    printer = printer_for(dialog.document)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert print_pdf(dialog.document, printer) == 1
    assert pages(tmp_path / "printed.pdf") == 1
    assert ink(tmp_path / "printed.pdf") > 0.05, "the printed sheet carries the page, not a blank"


def ink(path: Path) -> float:
    """The share of non-white pixels on the first page, rendered small in greyscale."""
    subprocess.run(
        ["pdftoppm", "-gray", "-r", "30", "-singlefile", str(path), str(path.with_suffix(""))],
        check=True,
    )
    image = path.with_suffix(".pgm").read_bytes()
    pixels = image[image.index(b"255\n") + 4 :]
    return sum(1 for value in pixels if value < 200) / len(pixels)


def test_without_qtpdf_the_profile_opens_in_the_computers_pdf_viewer(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(actions, "preview_available", lambda: False)
    monkeypatch.setattr(
        actions.QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile())
    )
    pdf = a_profile_pdf(demo_store)
    path = actions.show_pdf(None, pdf, title="Profile", file_name="Aroha Ngata.pdf")
    assert isinstance(path, Path)
    assert opened == [str(path)]
    assert path.read_bytes() == pdf
    assert path.parent.stat().st_mode & 0o077 == 0, "the folder is private to this user"


def test_a_class_prints_off_the_gui_thread_with_a_page_per_child(
    qtbot: QtBot, demo_store: Store, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    threads: list[int] = []
    real = profiles.render_class_profiles

    def recorded(*args: object, **kwargs: object) -> object:
        threads.append(threading.get_ident())
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(profiles, "render_class_profiles", recorded)
    run = ClassProfileRun(demo_store, DEMO_CLASS, today=TODAY)
    seen: list[tuple[int, int, bool]] = []
    gui = threading.get_ident()
    run._relay.progress.connect(
        lambda done, total, name: seen.append((done, total, threading.get_ident() == gui))
    )
    with qtbot.waitSignal(run.finished, timeout=60_000) as finished:
        run.start()
    outcome = finished.args[0]
    assert isinstance(outcome, ClassRunOutcome), outcome
    assert threads and threads[0] != gui, "the rendering ran on a worker thread"
    assert seen and all(on_gui for _, _, on_gui in seen), "progress arrives on the GUI thread"
    assert seen[-1][:2] == (8, 8)
    assert outcome.pdf is not None and len(outcome.batch.profiles) == 8
    printed = tmp_path / "class.pdf"
    printed.write_bytes(outcome.pdf)
    assert pages(printed) == 8


def test_cancelling_a_class_save_writes_no_files(
    qtbot: QtBot, demo_store: Store, tmp_path: Path
) -> None:
    folder = tmp_path / "class"
    run = ClassProfileRun(demo_store, DEMO_CLASS, folder=folder, today=TODAY)
    with qtbot.waitSignal(run.finished, timeout=60_000) as finished:
        run.start()
        cancel = next(
            b for b in run.progress_dialog.findChildren(QPushButton) if b.text() == "Cancel"
        )
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    outcome = finished.args[0]
    assert isinstance(outcome, ClassRunOutcome), outcome
    assert outcome.batch.cancelled
    assert not folder.exists() or list(folder.iterdir()) == []


def test_a_class_save_writes_one_whole_file_per_child(
    qtbot: QtBot, demo_store: Store, tmp_path: Path
) -> None:
    folder = tmp_path / "class"
    run = ClassProfileRun(demo_store, DEMO_CLASS, folder=folder, today=TODAY)
    with qtbot.waitSignal(run.finished, timeout=60_000) as finished:
        run.start()
    outcome = finished.args[0]
    assert isinstance(outcome, ClassRunOutcome), outcome
    files = sorted(f for f in folder.iterdir() if f != outcome.combined)
    assert len(files) == 8 == len(outcome.batch.written)
    assert all(pages(f) == 1 for f in files)
    # ...and the whole class in one more PDF, a page per child, to print in one go.
    assert outcome.combined is not None and outcome.combined.parent == folder
    assert "all profiles" in outcome.combined.name
    assert pages(outcome.combined) == 8


def test_a_student_without_a_confirmed_stage_gets_a_message_not_a_page(
    qtbot: QtBot, demo_store: Store
) -> None:
    student = student_store.add_student(demo_store, StudentDetails(name="Nikau New"))
    messages: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        messages.append(box.text())
        box.accept()

    QTimer.singleShot(0, answer)
    actions.open_student_profile(None, demo_store, student.id)
    qtbot.waitUntil(lambda: bool(messages), timeout=20_000)
    assert "Nikau New has no confirmed stage yet" in messages[0]


def test_a_profile_saved_from_the_preview_is_noted_in_the_audit_log(
    qtbot: QtBot, demo_store: Store, tmp_path: Path
) -> None:
    from ikan_desktop.store.audit import audit_entries
    from ikan_desktop.ui.profile.preview import ProfilePreviewDialog

    if not actions.preview_available():
        pytest.skip("QtPdf is not installed here")
    aroha = next(s for s in student_store.iter_students(demo_store) if s.name == "Aroha Ngata")
    window = QWidget()  # the main window, in the app: it keeps the preview alive
    qtbot.addWidget(window)
    actions.open_student_profile(window, demo_store, aroha.id)

    def preview() -> ProfilePreviewDialog | None:
        found = window.findChildren(ProfilePreviewDialog)
        return found[0] if found else None

    qtbot.waitUntil(lambda: preview() is not None, timeout=20_000)
    dialog = preview()
    assert dialog is not None
    saved = dialog.save_to(tmp_path / "aroha")
    exported = [e.what for e in audit_entries(demo_store) if e.action == "exported"]
    assert exported == [f"Aroha Ngata's profile to {saved}"]
