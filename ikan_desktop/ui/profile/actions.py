"""What the menus call: show one student's profile, print or save a whole class's.

Cheap to import at start-up: reportlab, the workflow and QtPdf load on first use.

Rendering always happens off the GUI thread. The preview uses QtPdf when it is installed (the
PySide6-Pdf wheel); without it the PDF opens in the computer's own PDF viewer, which can print.
"""

from __future__ import annotations

import atexit
import importlib.util
import shutil
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ikan_desktop.domain.content_errors import ContentFileError
from ikan_desktop.store.database import Store, atomic_write_bytes
from ikan_desktop.ui.background import run_in_background
from ikan_desktop.ui.content_guard import explain_error
from ikan_desktop.ui.profile.class_batch import ClassProfileRun, ClassRunOutcome
from ikan_desktop.workflows.deletion import plural
from ikan_desktop.workflows.export_log import note_export

if TYPE_CHECKING:
    from ikan_desktop.workflows.profiles import ClassProfiles

_RUNNING: set[ClassProfileRun] = set()
_VIEWER_FOLDERS: list[Path] = []


def preview_available() -> bool:
    """Whether QtPdf is installed, so profiles can be previewed and printed inside the app."""
    try:
        return importlib.util.find_spec("PySide6.QtPdfWidgets") is not None
    except (ImportError, ValueError):
        return False


def show_pdf(
    parent: QWidget | None,
    pdf: bytes,
    *,
    title: str,
    file_name: str,
    note: str = "",
    on_saved: Callable[[Path], None] | None = None,
) -> QObject | Path:
    """Preview the PDF in the app (returns the dialog), else open it in the PDF viewer (its path).
    `on_saved(path)` is told where the teacher saved it from the preview."""
    if preview_available():
        from ikan_desktop.ui.profile.preview import ProfilePreviewDialog

        dialog = ProfilePreviewDialog(
            pdf, title=title, file_name=file_name, note=note, parent=parent
        )
        if on_saved is not None:
            dialog.saved.connect(on_saved)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog
    return open_in_pdf_viewer(pdf, file_name)


def open_in_pdf_viewer(pdf: bytes, file_name: str) -> Path:
    """Write the PDF to a private temporary folder (removed when the app closes) and open it."""
    folder = Path(tempfile.mkdtemp(prefix="ikan-profile-"))
    if not _VIEWER_FOLDERS:
        atexit.register(_remove_viewer_folders)
    _VIEWER_FOLDERS.append(folder)
    path = folder / file_name
    atomic_write_bytes(path, pdf)
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
    return path


def open_student_profile(
    parent: QWidget | None, store: Store, student_id: str, *, page_size: str = "A4"
) -> None:
    """Render one student's profile in the background, then preview it (or explain why not)."""

    def work() -> tuple[str, str, bytes]:
        from ikan_desktop.reports.profile import profile_file_name, render_profile
        from ikan_desktop.store.database import reading_connection
        from ikan_desktop.workflows import profiles

        with reading_connection(store.path) as reader:
            data = profiles.profile_for_student(reader, student_id)
        pdf = render_profile(data, page_size=page_size)
        return data.student_name, profile_file_name(data), pdf

    def done(result: tuple[str, str, bytes]) -> None:
        name, file_name, pdf = result
        show_pdf(
            parent,
            pdf,
            title=f"Profile: {name}",
            file_name=file_name,
            on_saved=lambda path: note_export(store, f"{name}'s profile", path),
        )

    run_in_background(work, on_done=done, on_error=lambda e: _explain(parent, e), parent=parent)


def print_class_profiles(
    parent: QWidget | None,
    store: Store,
    class_name: str,
    *,
    page_size: str = "A4",
    today: date | None = None,
) -> ClassProfileRun:
    """Make one PDF of the whole class (a page per child) and preview it to print."""
    run = ClassProfileRun(store, class_name, page_size=page_size, today=today, parent=parent)

    def finished(outcome: object) -> None:
        _RUNNING.discard(run)
        if isinstance(outcome, Exception):
            _explain(parent, outcome)
        elif isinstance(outcome, ClassRunOutcome) and not outcome.batch.cancelled:
            if outcome.pdf is None:
                _nothing_to_print(parent, class_name)
            else:
                count = len(outcome.batch.profiles)
                show_pdf(
                    parent,
                    outcome.pdf,
                    title=f"Profiles: {class_name}",
                    file_name=f"{class_name} - maths profiles.pdf",
                    note=_skipped_note(outcome.batch),
                    on_saved=lambda path: note_export(
                        store, f"the profiles of {plural(count, 'child', 'children')}", path
                    ),
                )

    return _start(run, finished)


def save_class_profiles(
    parent: QWidget | None,
    store: Store,
    class_name: str,
    *,
    folder: Path | None = None,
    page_size: str = "A4",
    today: date | None = None,
) -> ClassProfileRun | None:
    """Save one PDF per child into a folder the teacher picks (None when they cancel)."""
    if folder is None:
        chosen = QFileDialog.getExistingDirectory(
            parent, f"Save the profiles for {class_name} in", str(Path.home())
        )
        if not chosen:
            return None
        folder = Path(chosen)
    run = ClassProfileRun(
        store, class_name, folder=folder, page_size=page_size, today=today, parent=parent
    )

    def finished(outcome: object) -> None:
        _RUNNING.discard(run)
        if isinstance(outcome, Exception):
            _explain(parent, outcome)
        elif isinstance(outcome, ClassRunOutcome) and not outcome.batch.cancelled:
            if not outcome.batch.written:
                _nothing_to_print(parent, class_name)
                return
            from ikan_desktop.ui.overview.actions import show_written

            text = f"{len(outcome.batch.written)} profiles, one PDF each"
            if outcome.combined is not None:
                text += f", and all of them in one PDF to print: {outcome.combined.name}"
            note = _skipped_note(outcome.batch)
            assert folder is not None
            note_export(
                store,
                f"the profiles of {plural(len(outcome.batch.written), 'child', 'children')} "
                f"of {class_name}",
                folder,
            )
            show_written(parent, "Profiles saved", folder, also=f"{text}.\n\n{note}".strip())

    return _start(run, finished)


def _start(run: ClassProfileRun, finished: object) -> ClassProfileRun:
    _RUNNING.add(run)
    run.finished.connect(finished)
    run.start()
    return run


def _skipped_note(batch: ClassProfiles) -> str:
    if not batch.skipped:
        return ""
    names = ", ".join(name for name, _ in batch.skipped)
    return f"No profile yet (no confirmed stage): {names}."


def _nothing_to_print(parent: QWidget | None, class_name: str) -> None:
    QMessageBox.information(
        parent,
        "No profiles yet",
        f"No student in {class_name} has a confirmed stage yet, so there is nothing to print. "
        "Confirm stages in Review first.",
    )


def _explain(parent: QWidget | None, error: Exception) -> None:
    from ikan_desktop.workflows import profiles

    known = (profiles.NoConfirmedJudgement, profiles.UnknownStudent, profiles.UnknownClass)
    if isinstance(error, known):
        QMessageBox.information(parent, "No profile yet", error.message)
        return
    if isinstance(error, ContentFileError) or type(error).__name__ == "FontMissing":
        explain_error(parent, error)  # names the broken file and what to do
        return
    QMessageBox.warning(
        parent,
        "The profile could not be made",
        f"Something went wrong while making the profile ({error}). Your data has not been "
        "changed. Please try again; if it happens again, tell your school's support person.",
    )


def _remove_viewer_folders() -> None:
    for folder in _VIEWER_FOLDERS:
        shutil.rmtree(folder, ignore_errors=True)
