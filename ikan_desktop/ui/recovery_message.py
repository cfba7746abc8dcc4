"""The one calm message after start-up recovered interrupted interviews, and what to do next.

With one interrupted interview the teacher can carry it on where it stopped ("Continue this
interview") or leave it; an interview that holds nothing (started by accident, no sound, no
observation) can be discarded instead. Several interruptions are one paragraph and an OK.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget

from ikan_desktop.store import Store
from ikan_desktop.store.sessions import unfinished_in_folder
from ikan_desktop.workflows.recovery import RecoveryReport, recover_interrupted

CONTINUE, DISCARD = "continue", "discard"

_CONTINUE_REQUESTS: dict[Path, str] = {}


def recovery_message_box(
    parent: QWidget | None, report: RecoveryReport, *, offer_choices: bool = True
) -> QMessageBox | None:
    """Build the message (None when there is nothing to tell): no traceback, no jargon."""
    if not report.has_news:
        return None
    box = QMessageBox(parent)
    box.setObjectName("recoveryMessage")
    box.setIcon(QMessageBox.Icon.Information)  # nothing was lost: information, not a warning
    box.setWindowTitle("ikan-desktop")
    box.setText(f"<b>{report.title}</b>")
    box.setInformativeText(report.message)
    choices: dict[QAbstractButton, str] = {}
    only = report.interviews[0] if len(report.interviews) == 1 else None
    if offer_choices and only is not None and only.is_empty:
        discard = box.addButton(
            "Discard this empty interview", QMessageBox.ButtonRole.DestructiveRole
        )
        box.setDefaultButton(box.addButton("Keep it", QMessageBox.ButtonRole.AcceptRole))
        choices[discard] = DISCARD
    elif offer_choices and only is not None and only.kind == "strategy":
        carry_on = box.addButton("Continue this interview", QMessageBox.ButtonRole.ActionRole)
        box.setDefaultButton(box.addButton("Leave it for now", QMessageBox.ButtonRole.AcceptRole))
        choices[carry_on] = CONTINUE
    else:
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setProperty("choices", {id(button): choice for button, choice in choices.items()})
    return box


def chosen(box: QMessageBox) -> str | None:
    """CONTINUE, DISCARD, or None (leave it), from the button the teacher pressed."""
    button = box.clickedButton()
    return (box.property("choices") or {}).get(id(button)) if button is not None else None


def show_recovery_message(parent: QWidget | None, report: RecoveryReport) -> str | None:
    """Tell the teacher, once, what start-up recovery saved; returns what they chose to do."""
    box = recovery_message_box(parent, report)
    if box is None:
        return None
    box.exec()
    return chosen(box)


def recover_and_tell(store: Store, *, demo_folder: Path | None = None) -> None:
    """Recover the open store (and a demo class left mid-interview) and act on the answer."""
    report = recover_interrupted(store)
    choice = show_recovery_message(None, report)
    if choice == DISCARD:
        # Loaded only here: the live interview's machinery stays out of start-up.
        from ikan_desktop.workflows.interview_continue import discard_empty_interview

        discard_empty_interview(store, report.interviews[0].session_id)
    elif choice == CONTINUE:
        _CONTINUE_REQUESTS[store.folder] = report.interviews[0].session_id
    if demo_folder is not None and unfinished_in_folder(demo_folder):
        from ikan_desktop.store import StoreError, open_store

        try:
            with open_store(demo_folder) as demo:
                box = recovery_message_box(None, recover_interrupted(demo), offer_choices=False)
        except StoreError:
            return  # the demo class opens (and explains) when the teacher goes to it
        if box is not None:
            box.setInformativeText(f"In the demo class: {box.informativeText()}")
            box.exec()


def take_continue_request(store: Store) -> str | None:
    """The interview the teacher chose to continue when this store was opened, once."""
    return _CONTINUE_REQUESTS.pop(store.folder, None)
