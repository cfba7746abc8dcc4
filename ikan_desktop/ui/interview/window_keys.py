"""Keys that reach an interview window wherever the focus is, except while the teacher types.

Installed application-wide while the window is open. It listens only when the teacher's window
or its student card is the active window, swallows auto-repeat (a held key is one observation)
and Escape (nothing ends an interview by accident), and hands every other named key to the
window's own lookup of what that key means right now.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

from ikan_desktop.ui import key_moment

_KEY_NAMES = {
    Qt.Key.Key_Right: "RIGHT",
    Qt.Key.Key_Left: "LEFT",
    Qt.Key.Key_Backspace: "BACKSPACE",
    Qt.Key.Key_Return: "RETURN",
    Qt.Key.Key_Enter: "ENTER",
    Qt.Key.Key_Up: "UP",
    Qt.Key.Key_Down: "DOWN",
    Qt.Key.Key_Delete: "DELETE",
    Qt.Key.Key_Space: "SPACE",
}
_TYPING = (QLineEdit, QTextEdit, QPlainTextEdit)


def key_name(event: QKeyEvent) -> str | None:
    """'J', '7', 'RIGHT', 'SPACE' … for a key press without Ctrl/Alt; None for anything else."""
    if event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
        return None
    if event.key() in _KEY_NAMES:
        return _KEY_NAMES[Qt.Key(event.key())]
    text = event.text()
    return text.upper() if len(text) == 1 and text.isprintable() and text != " " else None


class WindowKeys(QObject):
    """`action_for(name)` says what a key means now; `perform(action)` carries it out."""

    def __init__(
        self,
        window: QWidget,
        card_view: QWidget,
        *,
        action_for: Callable[[str], str | None],
        perform: Callable[[str], None],
        escape_while_typing: Callable[[QWidget], bool] | None = None,
    ) -> None:
        super().__init__(window)
        self.window, self.card_view = window, card_view
        self.action_for, self.perform = action_for, perform
        self.escape_while_typing = escape_while_typing
        QApplication.instance().installEventFilter(self)

    def stop(self) -> None:
        """Stop listening (the window is closing)."""
        QApplication.instance().removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress:
            return False
        active = QApplication.activeWindow()
        if active not in (self.window, self.card_view) or not self.window.isVisible():
            return False
        assert isinstance(event, QKeyEvent)
        focus = QApplication.focusWidget()
        if isinstance(focus, _TYPING):
            if event.key() == Qt.Key.Key_Escape and self.escape_while_typing is not None:
                return self.escape_while_typing(focus)
            return False
        if event.isAutoRepeat():
            return True
        name = key_name(event)
        if name is None:
            return event.key() == Qt.Key.Key_Escape  # Escape never ends an interview
        action = self.action_for(name)
        if action is None:
            return False
        with key_moment.handling(event):  # tags are stamped at the moment the key went down
            self.perform(action)
        return True
