"""Helpers for driving real dialogs in tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication


def when_dialog_opens(action: Callable[[Any], None], *, after_ms: int = 0) -> None:
    """Run `action(dialog)` on the next modal dialog, once it is shown."""

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, poll)
            return
        action(dialog)

    QTimer.singleShot(after_ms, poll)


def mnemonic(text: str) -> str:
    """The Alt letter of a label ("Res&tore…" → "t"), or "" when it has none."""
    import re

    found = re.search(r"&([^&])", text.replace("&&", ""))
    return found.group(1).lower() if found else ""
