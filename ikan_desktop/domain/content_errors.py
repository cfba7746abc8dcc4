"""What is wrong with a content file, as records a teacher's message is made from.

Kept apart from the YAML and JSON Schema machinery in `validation`, so the screens that only
show such errors start without loading it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

MAX_MESSAGE = 240  # characters of a problem's text: a pasted megabyte is never echoed back


def cut(text: str, limit: int) -> str:
    """The text, shortened to `limit` characters with an ellipsis when longer."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True, slots=True)
class ContentError:
    """One problem in a content file."""

    file: str
    where: str
    message: str

    def __str__(self) -> str:
        location = f"{self.file}: {self.where}" if self.where else self.file
        return f"{location}: {cut(self.message, MAX_MESSAGE)}"


class ContentFileError(Exception):
    """A content file (or several) that cannot be used, with every problem found."""

    def __init__(self, errors: Sequence[ContentError]) -> None:
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = list(errors)
