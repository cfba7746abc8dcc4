"""The File menu's data-care items: back up, restore, merge, consent, deletion, the audit log."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from ikan_desktop.store import Store
from ikan_desktop.ui.settings.extra_pages import add_settings_page

if TYPE_CHECKING:
    from ikan_desktop.ui.main_window import MainWindow


def add_data_care_menu(window: MainWindow, file_menu: QMenu) -> None:
    """Add the items to the File menu and start the reminders; the logic lives beside this."""
    from ikan_desktop.ui.data_care import reminders

    def item(text: str, slot: str, name: str, shortcut: str = "") -> QAction:
        # `slot` is "module:function", imported when first used so start-up stays light.
        action = QAction(text, window, objectName=name)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: _call(slot, window))
        file_menu.addAction(action)
        return action

    file_menu.addSeparator()
    item("&Back up…", "backup_actions:back_up", "backUp", "Ctrl+Shift+B")
    item("Res&tore…", "backup_actions:restore", "restore")
    item("&Merge a colleague's backup…", "backup_actions:merge", "mergeBackup")
    file_menu.addSeparator()
    item("Recording c&onsent…", "menu:show_consent", "consent")
    item("De&lete student…", "deletion_actions:delete_selected_student", "deleteStudent")
    item(
        "Delete a&rchived students…", "deletion_actions:delete_archived_students", "deleteArchived"
    )
    item("A&udit log…", "menu:show_audit_log", "auditLog")
    item("Backups and rete&ntion…", "menu:show_settings", "dataCareSettings")
    add_settings_page(_data_care_page)  # the same page in File ▸ Settings…
    reminders.install(window)


def _call(slot: str, window: MainWindow) -> None:
    module, function = slot.split(":")
    getattr(importlib.import_module(f"ikan_desktop.ui.data_care.{module}"), function)(window)


def show_consent(window: MainWindow) -> None:
    """The selected child's consent history."""
    from ikan_desktop.ui.data_care.consent_dialog import ConsentDialog

    student = window.roster.selected()
    if student is not None:
        ConsentDialog(window, window.store, student.id).exec()
        window.roster.reload(select=student.id)


def show_audit_log(window: MainWindow) -> None:
    from ikan_desktop.ui.data_care.audit_dialog import AuditDialog

    AuditDialog(window, window.store).exec()


def show_settings(window: MainWindow) -> None:
    """Settings, open on its backups-and-retention page."""
    from ikan_desktop.ui.settings.data_care import DataCarePage

    window.show_settings(page=DataCarePage.title)


def _data_care_page(store: Store) -> QWidget:
    from ikan_desktop.ui.settings.data_care import DataCarePage

    return DataCarePage(store)
