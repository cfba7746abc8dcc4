"""Adding and editing students through the dialog: checks, a duplicate warning, add another."""

from __future__ import annotations

from typing import Any

from ikan_desktop.store.settings import get_setting
from ikan_desktop.ui.roster.student_dialog import StudentDialog
from ikan_desktop.workflows import roster
from ikan_desktop.workflows.roster import DATE_ORDER_SETTING


def new_student_dialog(window: Any) -> StudentDialog:
    """The add dialog, starting in the class the teacher last added to (or the selected one)."""
    selected = window.roster.selected() if window.roster.isVisible() else None
    classes = roster.class_names(window.store)
    remembered = roster.remembered_class(window.store)
    if remembered not in classes:  # renamed for a new school year, or never set
        remembered = selected.details.class_name if selected else ""
    return StudentDialog(
        window,
        classes=classes,
        class_name=remembered,
        date_order=date_order(window.store),
    )


def date_order(store: Any) -> str:
    """How this computer reads 3/2/2024: day first unless the teacher chose month first."""
    return get_setting(store, DATE_ORDER_SETTING) or "dmy"


def run_student_dialog(window: Any, dialog: StudentDialog, student_id: str | None) -> None:
    """Show the dialog until the details are saved (again and again with "add another")."""
    store = window.store
    while dialog.exec():
        problems = dialog.date_problems()
        details = dialog.details()
        if problems:
            dialog.show_problems(problems + details.problems())
            continue
        twin = roster.likely_duplicate(store, details, other_than=student_id)
        key = f"{details.name.strip()}|{details.external_id.strip()}"
        if twin is not None and not details.problems() and dialog.warned_about != key:
            dialog.warned_about = key
            dialog.show_problems([_duplicate_words(twin, details)], warning=True)
            continue
        from ikan_desktop.ui.data_care.consent_dialog import confirm_consent_change

        if not confirm_consent_change(window, store, student_id, details):
            continue
        try:
            if student_id is None:
                saved = roster.add_student(store, details)
            else:
                saved = roster.edit_student(store, student_id, details)
        except roster.InvalidDetails as invalid:
            dialog.show_problems(invalid.problems)
            continue
        if student_id is None:
            roster.remember_class(store, details.class_name)
        window._refresh()
        window.roster.reload(select=saved.id)
        verb = "added" if student_id is None else "saved"
        if dialog.add_another:
            window.statusBar().showMessage(f"{saved.name} {verb}. Add the next student.", 5000)
            dialog.clear_for_next()
            continue
        window.statusBar().showMessage(f"{saved.name} {verb}.", 5000)
        return


def _duplicate_words(twin: Any, details: Any) -> str:
    where = f" in {twin.details.class_name}" if twin.details.class_name else ""
    archived = " (archived)" if twin.archived else ""
    given_id = details.external_id.strip()
    if given_id and twin.details.external_id == given_id:
        found = f"{twin.name}{where}{archived} already has the school-system ID {given_id}."
    else:
        found = f"There is already a student called {twin.name}{where}{archived}."
    return f"{found} If this is a different child, press Save again to add them; otherwise Cancel."
