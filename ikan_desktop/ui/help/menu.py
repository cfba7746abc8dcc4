"""The Help menu's guide and keyboard card, added by the main window in one call."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from ikan_desktop.ui.background import run_in_background


def add_help_items(window: QWidget, menu: QMenu) -> None:
    """The interview guide (F1) and the keyboard card, at the top of the Help menu."""
    guide = QAction("Interview &guide", window, shortcut=QKeySequence("F1"))
    guide.setObjectName("helpGuide")
    guide.triggered.connect(lambda: open_guide(window))
    card = QAction("&Keyboard card", window)
    card.setObjectName("helpKeyboardCard")
    card.triggered.connect(lambda: open_keyboard_card(window))
    first = menu.actions()[0] if menu.actions() else None
    menu.insertActions(first, [guide, card])
    if first is not None:
        menu.insertSeparator(first)


def open_guide(parent: QWidget) -> QWidget:
    """Show the short interview guide (non-modal, so it can stay open beside the app)."""
    from ikan_desktop.ui.help.guide import GuideWindow

    return GuideWindow.show_for(parent)


def open_keyboard_card(parent: QWidget) -> None:
    """Render the one-page keyboard card off the GUI thread, then preview or open it."""

    def work() -> bytes:
        from ikan_desktop.domain.strategy_codes import load_strategy_codes
        from ikan_desktop.workflows.keyboard_card import keyboard_card_pdf

        return keyboard_card_pdf(load_strategy_codes())

    def done(pdf: bytes) -> None:
        from ikan_desktop.ui.profile.actions import show_pdf

        show_pdf(parent, pdf, title="Keyboard card", file_name="ikan-keyboard-card.pdf")

    def failed(error: Exception) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(
            parent,
            "Keyboard card",
            "The keyboard card could not be made, so nothing was opened. Your data is not "
            f"affected. Try again; if it keeps failing, reinstall the app.\n\n({error})",
        )

    run_in_background(work, on_done=done, on_error=failed, parent=parent)
