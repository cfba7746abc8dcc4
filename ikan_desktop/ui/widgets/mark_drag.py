"""A tag's mark held by the mouse: a click until it moves a few pixels, then a drag.

Kept apart from the widget so the rules (how far is a drag, where the mark is drawn, where it is
dropped) read in one place; the widget only feeds it mouse positions.
"""

from __future__ import annotations

from dataclasses import dataclass

from ikan_desktop.ui.widgets.tag_lane import Mark

DRAG_PX = 4  # less than this between press and release is a click, not a move


@dataclass
class MarkDrag:
    """The mark pressed, where the press was, and where the pointer is now."""

    mark: Mark
    press_x: float
    x: float
    left: float  # the mark may not leave the drawn time axis
    right: float
    active: bool = False

    @property
    def offset(self) -> float:
        """Press x minus the mark's x, so the mark does not jump under the cursor."""
        return self.press_x - self.mark.x

    def move(self, x: float) -> bool:
        """Follow the pointer; True once it has moved far enough to be a drag."""
        self.x = x
        self.active = self.active or abs(x - self.press_x) >= DRAG_PX
        return self.active

    def moved_enough(self, x: float) -> bool:
        """Whether a release at `x` moves the tag (otherwise it was a click)."""
        return abs(x - self.press_x) >= DRAG_PX

    @property
    def mark_x(self) -> float:
        """Where the mark is drawn (and dropped) now, kept on the time axis."""
        return min(max(self.x - self.offset, self.left), self.right)

    def shown(self) -> tuple[Mark, float] | None:
        """(mark, x) while it is being dragged, for drawing; None while it is still a click."""
        return (self.mark, self.mark_x) if self.active else None
