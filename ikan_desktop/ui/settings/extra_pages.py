"""Pages other parts of the app add to Settings; kept apart so adding one loads no dialog code."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from ikan_desktop.store.database import Store

PageFactory = Callable[[Store], QWidget]
_EXTRA_PAGES: list[PageFactory] = []


def add_settings_page(factory: PageFactory) -> None:
    """Add a page (built from the store each time the dialog opens) after the built-in ones."""
    if factory not in _EXTRA_PAGES:
        _EXTRA_PAGES.append(factory)


def extra_pages() -> tuple[PageFactory, ...]:
    """The pages added so far, in the order they were added."""
    return tuple(_EXTRA_PAGES)


__all__ = ["PageFactory", "add_settings_page", "extra_pages"]
