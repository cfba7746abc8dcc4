"""A date typed as teachers write it ("3 Feb 2024", "3/2/2024", "2024-02-03"), or picked.

A QDateEdit edits a date section by section, so typing "3 Feb 2024" into it went wrong (the
month section took the letters its own way and the date became 3 Dec 2024). Here the whole text
is read at once by the app's date reader, in the date order this computer uses, and shown back
as "3 Feb 2024" so the teacher sees what it was read as.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from ikan_desktop.domain.dates import DAY_FIRST, UnreadableDate, parse_date


class DateField(QWidget):
    """A line for a typed date, with a calendar button beside it."""

    def __init__(self, name: str, *, order: str = DAY_FIRST, latest: date | None = None) -> None:
        super().__init__(objectName=name)
        self.order = order
        self.latest = latest
        self.line = QLineEdit(objectName=f"{name}Text", placeholderText="e.g. 3 Feb 2024")
        self.calendar = QCalendarWidget()
        if latest:
            self.calendar.setMaximumDate(QDate(latest.year, latest.month, latest.day))
        self.button = QToolButton(objectName=f"{name}Calendar", text="▾")
        self.button.setToolTip("Pick the date on a calendar")
        menu = QMenu(self.button)
        picker = QWidgetAction(menu)
        picker.setDefaultWidget(self.calendar)
        menu.addAction(picker)
        self.button.setMenu(menu)
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        row.addWidget(self.line, 1)
        row.addWidget(self.button)
        self.setFocusProxy(self.line)
        self.calendar.clicked.connect(
            lambda picked: (self.set_date(picked.toPython()), menu.hide())
        )
        self.line.editingFinished.connect(self._tidy)

    def set_date(self, value: date | None) -> None:
        """Show a date the way the app writes it (or nothing)."""
        self.line.setText(f"{value:%-d %b %Y}" if value else "")
        if value:
            self.calendar.setSelectedDate(QDate(value.year, value.month, value.day))

    def date(self) -> date | None:
        """The typed date; None when empty; UnreadableDate when it is not a date."""
        text = self.line.text().strip()
        return parse_date(text, self.order) if text else None

    def _tidy(self) -> None:
        try:
            found = self.date()
        except UnreadableDate:
            return  # left as typed; the dialog says what is wrong when saving
        if found:
            self.set_date(found)
