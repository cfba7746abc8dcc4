"""Opening a review, the interview list, and exporting an interview or a clip to ordinary files.

Exports run off the GUI thread; the teacher is told where the files went, or in plain words why
nothing was written. An existing file or folder is never overwritten.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ikan_desktop.store.database import Store
from ikan_desktop.ui.background import run_in_background
from ikan_desktop.workflows.review_edits import ReviewError

_OPEN: list[QWidget] = []


def open_review(parent: QWidget | None, store: Store, session_id: str) -> QWidget | None:
    """Open the review window for one interview (None, with a message, if it cannot be read)."""
    from ikan_desktop.store import sessions as session_store
    from ikan_desktop.ui.review.review_window import ReviewWindow

    try:
        if session_store.get_session(store, session_id).in_progress:
            raise ReviewError(
                "This interview is still running. Review it once it has finished; everything "
                "recorded so far is saved."
            )
        window = ReviewWindow(store, session_id)
    except KeyError:
        QMessageBox.warning(parent, "Cannot open this interview", "It is no longer in this class.")
        return None
    except ReviewError as problem:
        QMessageBox.warning(parent, "Cannot open this interview", str(problem))
        return None
    _OPEN.append(window)
    window.closed.connect(lambda: _OPEN.remove(window) if window in _OPEN else None)
    window.show()
    window.raise_()
    window.activateWindow()
    return window


def open_session_list(
    parent: QWidget, store: Store, *, student_id: str | None = None, student_name: str = ""
) -> QWidget:
    """The interview list (one student's, or all); opening a row opens its review."""
    from ikan_desktop.ui.data_care.deletion_actions import add_delete_button
    from ikan_desktop.ui.review.session_list import SessionListDialog

    dialog = SessionListDialog(
        store, student_id=student_id, student_name=student_name, parent=parent
    )
    add_delete_button(dialog, store)

    def review(session_id: str) -> None:
        window = open_review(dialog, store, session_id)
        if window is not None:
            window.closed.connect(dialog.reload)  # type: ignore[attr-defined]

    dialog.open_requested.connect(review)
    if hasattr(parent, "continue_interview"):  # the main window carries interviews on

        def carry_on(session_id: str) -> None:
            dialog.accept()
            parent.continue_interview(session_id)  # type: ignore[attr-defined]

        dialog.continue_requested.connect(carry_on)
    dialog.export_requested.connect(lambda sid: export_session_dialog(dialog, store, sid))
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()  # keys go to the list at once, not to the window behind it
    return dialog


def export_session_dialog(parent: QWidget, store: Store, session_id: str) -> None:
    """Ask for a folder, then write the interview's WAV, Audacity labels and CSV into it."""
    from ikan_desktop.workflows.review_export import export_session

    folder = QFileDialog.getExistingDirectory(
        parent, "Export the interview into which folder?", str(Path.home())
    )
    if not folder:
        return

    def done(result: object) -> None:
        target = Path(result.folder)  # type: ignore[attr-defined]
        box = QMessageBox(parent)
        box.setObjectName("exportDone")
        box.setWindowTitle("Interview exported")
        box.setText(f"<b>Exported to the folder “{target.name}”.</b>")
        if result.has_audio:  # type: ignore[attr-defined]
            box.setInformativeText(
                "It holds the recording, the tags as Audacity labels (open the WAV in Audacity, "
                "then File ▸ Import ▸ Labels) and a CSV of the tags. Nothing in the app changed."
            )
        else:
            box.setInformativeText(
                "This interview has no recording, so the folder holds the tags as Audacity "
                "labels and as a CSV. Nothing in the app changed."
            )
        show = box.addButton("Show folder", QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Close)
        show.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(target))))
        box.open()

    run_in_background(
        lambda: export_session(store, session_id, folder),
        on_done=done,
        on_error=lambda error: _explain(parent, "The interview was not exported", error),
        parent=parent,
    )


def save_clip_dialog(parent: QWidget, store: Store, tag_id: str, *, preroll_ms: int) -> None:
    """Ask for a folder, then save the seconds around one tag there as a WAV."""
    from ikan_desktop.workflows.review_export import clip_around_tag

    folder = QFileDialog.getExistingDirectory(
        parent, "Save the clip into which folder?", str(Path.home())
    )
    if not folder:
        return
    run_in_background(
        lambda: clip_around_tag(store, tag_id, folder, before_ms=preroll_ms),
        on_done=lambda clip: QMessageBox.information(
            parent, "Clip saved", f"Saved “{Path(clip.path).name}” in {folder}."
        ),
        on_error=lambda error: _explain(parent, "The clip was not saved", error),
        parent=parent,
    )


def _explain(parent: QWidget, title: str, error: Exception) -> None:
    if isinstance(error, ReviewError):
        text = str(error)
    elif isinstance(error, OSError):
        reason = error.strerror or "the folder could not be written"
        text = f"Nothing was written: {reason}. Choose another folder (a USB stick, Documents)."
    else:
        text = f"Nothing was written: {error}"
    QMessageBox.warning(parent, title, text)
